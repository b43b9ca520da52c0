"""The review step: checks, headlines, comparison with the live edition, preview and decisions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from reports import workflow
from reports.models import Status
from tests.factories import HeadlineOptionFactory, ReportFactory, SectionFactory, UserFactory
from tests.workflow_helpers import bring_to, edit, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def review_url(report):
    return reverse("admin:reports_report_review", args=[report.pk])


def action_url(report, action):
    return reverse("admin:reports_report_workflow", args=[report.pk, action])


@pytest.fixture
def submitted(designer):
    """A draft in review with a check error (a TODO) and two headline options, none chosen."""
    report = ReportFactory(title="July progress")
    SectionFactory(report=report, anchor="work", heading="Work", body="We shipped it. TODO")
    HeadlineOptionFactory(report=report, text="From awards to transactions")
    HeadlineOptionFactory(report=report, text="A quarter of progress")
    workflow.submit(report, by=designer, comment="Ready for a read")
    return report


def test_the_review_step_shows_everything_an_editor_needs(client, submitted, editor):
    client.force_login(editor)
    response = client.get(review_url(submitted))
    assert response.status_code == 200
    page = response.text
    assert "Review: July progress" in page
    assert "Submitted for review by designer" in page and "Ready for a read" in page
    # The pre-publication checks, errors shown as blocking publication but not approval.
    assert "Content checks" in page
    assert "Errors: these block publishing" in page
    assert "TODO" in page
    assert "Content check errors block publishing and scheduling, not approval." in page
    change = reverse("admin:reports_report_change", args=[submitted.pk])
    assert f'href="{change}#id_sections-0-body"' in page  # findings link to their place
    # Headlines, preview, history (a first edition has nothing live to compare with).
    assert reverse("admin:reports_report_headlines", args=[submitted.pk]) in page
    assert "no headline chosen yet" in page and "(2 options)" in page
    assert reverse("report_preview", args=[submitted.pk]) in page
    assert "there is no live edition to compare with" in page
    assert reverse("admin:reports_report_history", args=[submitted.pk]) in page
    # The decisions this editor may take.
    assert action_url(submitted, "approve") in page
    assert action_url(submitted, "request_changes") in page


def test_an_editor_may_approve_a_draft_whose_checks_find_errors(
    client, submitted, editor, publisher
):
    client.force_login(editor)
    seen = client.get(action_url(submitted, "approve")).context["form"]["seen"].value()
    data = {"comment": "Reads well", "seen": seen}
    response = client.post(action_url(submitted, "approve"), data)
    assert response.status_code == 302
    assert status_of(submitted) == Status.APPROVED
    client.force_login(publisher)
    page = client.get(action_url(submitted, "publish")).text
    assert "You can\u2019t publish yet" in page


def test_the_submitter_sees_the_review_but_no_decisions(client, submitted, designer):
    client.force_login(designer)
    page = client.get(review_url(submitted)).text
    assert "Content checks" in page
    assert action_url(submitted, "approve") not in page
    assert action_url(submitted, "request_changes") not in page
    assert "Only editors can approve" in page


def test_an_editor_who_edited_the_draft_may_only_request_changes(client, designer, editor):
    report = ReportFactory()
    SectionFactory(report=report)
    edit(report, by=editor)
    workflow.submit(report, by=designer)
    client.force_login(editor)
    page = client.get(review_url(report)).text
    assert action_url(report, "approve") not in page
    assert action_url(report, "request_changes") in page
    assert "You edited this draft, so another editor needs to approve it" in page


def test_a_publisher_cannot_decide_a_review(client, submitted, publisher):
    client.force_login(publisher)
    page = client.get(review_url(submitted)).text
    assert action_url(submitted, "approve") not in page
    assert action_url(submitted, "request_changes") not in page


def test_people_without_access_to_reports_are_refused(client, submitted):
    assert client.get(review_url(submitted)).status_code == 302  # to the login page
    client.force_login(UserFactory(is_staff=True))
    assert client.get(review_url(submitted)).status_code == 403


def test_a_report_that_is_not_in_review_says_so(client, editor):
    report = ReportFactory()
    SectionFactory(report=report)
    client.force_login(editor)
    page = client.get(review_url(report)).text
    assert "This report is not waiting for review: it is draft." in page
    assert action_url(report, "approve") not in page
    assert client.get(reverse("admin:reports_report_review", args=[987654])).status_code == 404


def test_the_draft_is_compared_with_the_live_edition(client, designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.open_new_edition(report, by=designer)
    edit(report, by=designer, body="A paragraph written for the second edition.")
    workflow.submit(report, by=designer)
    client.force_login(editor)
    page = client.get(review_url(report)).text
    compare = reverse("admin:reports_report_compare", args=[report.pk])
    assert f"{compare}?from=live&amp;to=" in page
    assert "Compare this draft with the live edition</a> (edition 1," in page
    link = page.split(f'href="{compare}')[1].split('"')[0].replace("&amp;", "&")
    comparison = client.get(compare + link)
    assert comparison.status_code == 200
    assert "A paragraph written for the second edition" in comparison.text


def test_the_workflow_panel_and_my_work_link_to_the_review(client, submitted, designer, editor):
    client.force_login(editor)
    change = client.get(reverse("admin:reports_report_change", args=[submitted.pk])).text
    assert f'href="{review_url(submitted)}"' in change
    my_work = client.get(reverse("admin:reports_report_my_work")).text
    to_review = my_work.split('id="to-review"')[1].split("</section>")[0]
    assert f'href="{review_url(submitted)}"' in to_review
    draft = ReportFactory()
    SectionFactory(report=draft)
    client.force_login(designer)
    draft_page = client.get(reverse("admin:reports_report_change", args=[draft.pk])).text
    assert "Review this draft" not in draft_page


def test_viewing_the_review_needs_only_the_view_permission(client, submitted):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(viewer)
    page = client.get(review_url(submitted))
    assert page.status_code == 200
    assert action_url(submitted, "approve") not in page.text
