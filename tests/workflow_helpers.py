"""Helpers for workflow tests: bring a report to a state the way people would."""

from datetime import timedelta

from django.utils import timezone

from reports import roles, workflow
from reports.models import Report, Status
from tests.factories import ReportFactory, SectionFactory, UserFactory


def new_report(**kwargs):
    report = ReportFactory(**kwargs)
    SectionFactory(report=report, body="Published **text**.")
    return report


def edit(report, *, by, body="An edited paragraph."):
    """Edit the first section through the one write path, as the admin would."""
    with workflow.editing(report, by=by, comment="Changed section") as change:
        section = change.report.sections.first()
        section.body = body
        section.save()


def bring_to(state, *, designer, editor, publisher, report=None):
    """Return a report in the state, reached through the workflow itself."""
    report = report or new_report()
    path = {
        Status.DRAFT: [],
        Status.IN_REVIEW: ["submit"],
        Status.CHANGES_REQUESTED: ["submit", "request_changes"],
        Status.APPROVED: ["submit", "approve"],
        Status.SCHEDULED: ["submit", "approve", "schedule"],
        Status.PUBLISHED: ["submit", "approve", "publish"],
        Status.WITHDRAWN: ["submit", "approve", "publish", "withdraw"],
        Status.UNPUBLISHED: ["submit", "approve", "publish", "unpublish"],
    }[state]
    steps = {
        "submit": lambda: workflow.submit(report, by=designer),
        "request_changes": lambda: workflow.request_changes(
            report, by=editor, comment="Explain the savings."
        ),
        "approve": lambda: workflow.approve(report, by=editor),
        "schedule": lambda: workflow.schedule(
            report, by=publisher, at=timezone.now() + timedelta(hours=1)
        ),
        "publish": lambda: workflow.publish(report, by=publisher),
        "withdraw": lambda: workflow.withdraw(report, by=publisher, explanation="Out of date."),
        "unpublish": lambda: workflow.unpublish(report, by=publisher, comment="Published in error"),
    }
    for step in path:
        steps[step]()
    report.refresh_from_db()
    assert report.status == state
    return report


def reviewed_and_published(report, *, by, change_note="", minor=False):
    """Publish the report the way people would: a designer submits, another editor approves."""
    groups = roles.setup_roles()
    designer = UserFactory(username="submitting-designer")
    designer.groups.add(groups[roles.CONTENT_DESIGNER])
    reviewer = UserFactory(username="reviewing-editor")
    reviewer.groups.add(groups[roles.EDITOR])
    report.refresh_from_db()
    if report.status in (Status.PUBLISHED, Status.WITHDRAWN):
        workflow.open_new_edition(report, by=designer)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=reviewer)
    return workflow.publish(report, by=by, change_note=change_note, minor=minor)


def status_of(report):
    return Report.objects.get(pk=report.pk).status
