from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from reports import workflow
from reports.demo import load_reports
from reports.models import ActionLog, Edition, Status
from tests.workflow_helpers import bring_to, new_report, status_of

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("workflow", *args, stdout=out)
    return out.getvalue()


def test_the_command_takes_actions_with_the_same_rules(designer, editor, publisher):
    report = new_report(slug="july-2013")
    assert "now in review" in run("july-2013", "submit", "--by", "designer")
    run("july-2013", "approve", "--by", "editor", "--comment", "Good")
    later = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    run("july-2013", "schedule", "--by", "publisher", "--at", later)
    assert status_of(report) == Status.SCHEDULED
    run("july-2013", "unschedule", "--by", "publisher")
    run("july-2013", "publish", "--by", "publisher")
    run("july-2013", "withdraw", "--by", "publisher", "--explanation", "Out of date")
    run("july-2013", "unpublish", "--by", "publisher", "--comment", "Gone", "--redirect-url", "/")
    assert status_of(report) == Status.UNPUBLISHED
    assert ActionLog.objects.filter(report=report).count() == 7


def test_a_refused_command_exits_non_zero_and_says_why(designer, editor):
    report = new_report(slug="july-2013")
    with pytest.raises(CommandError, match="Refused: Only publishers can publish") as refused:
        run("july-2013", "force-publish", "--by", "designer", "--reason", "Because")
    assert refused.value.returncode == 1
    workflow.submit(report, by=designer)
    with pytest.raises(CommandError, match="Refused: Only editors can request changes"):
        run("july-2013", "request-changes", "--by", "designer", "--comment", "More")
    with pytest.raises(CommandError, match="Refused: Say what needs to change"):
        run("july-2013", "request-changes", "--by", "editor")
    assert status_of(report) == Status.IN_REVIEW


def test_the_command_refuses_unknown_reports_and_users(designer):
    new_report(slug="july-2013")
    with pytest.raises(CommandError, match="No report has the slug"):
        run("no-such", "submit", "--by", "designer")
    with pytest.raises(CommandError, match="No active user"):
        run("july-2013", "submit", "--by", "ghost")


def test_force_publish_and_review_from_the_command(publisher, editor):
    new_report(slug="july-2013")
    run("july-2013", "force-publish", "--by", "publisher", "--reason", "Minister at 9am")
    run("july-2013", "complete-review", "--by", "editor", "--comment", "Fine")
    assert ActionLog.objects.filter(action="complete_post_publication_review").exists()


def test_publish_scheduled_logs_what_it_did(designer, editor, publisher):
    report = bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)
    workflow.schedule(report, by=publisher, at=timezone.now() + timedelta(minutes=10))
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert out.getvalue() == "Nothing is due.\n"
    schedule = report.schedule
    schedule.publish_at = timezone.now() - timedelta(seconds=1)
    schedule.save()
    call_command("publish_scheduled", stdout=out)
    assert f"Published: {report.slug} (edition 1)" in out.getvalue()
    assert Edition.objects.filter(report=report).count() == 1


def test_the_demo_publishes_the_april_2013_report_without_pretending_it_was_reviewed(publisher):
    load_reports(publisher=publisher)
    edition = Edition.objects.live().get()
    assert edition.is_live
    assert edition.post_publication_review.reason == "Published before govreport existed"
