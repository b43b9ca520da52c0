"""The review step in a real browser: an editor reaches it from My work; it passes axe."""

import pytest
from django.urls import reverse

from reports import workflow
from tests.browser.conftest import describe_violations
from tests.factories import HeadlineOptionFactory, ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_reviews_a_draft_from_my_work(
    page, live_server, axe, admin_login, designer, editor, screenshot
):
    report = ReportFactory(title="July progress")
    SectionFactory(report=report, anchor="work", heading="Work", body="We shipped it. TODO")
    HeadlineOptionFactory(report=report, text="From awards to transactions")
    workflow.submit(report, by=designer)
    admin_login(editor)
    page.goto(live_server.url + reverse("admin:reports_report_my_work"))
    page.get_by_role("link", name="July progress", exact=True).click()

    assert page.get_by_role("heading", name="Review: July progress").is_visible()
    assert page.get_by_role("heading", name="Errors: these block publishing").is_visible()
    assert page.get_by_text("Content check errors block publishing and scheduling").is_visible()
    assert page.get_by_role("link", name="Approve").is_visible()
    assert page.get_by_role("link", name="Request changes").is_visible()
    assert page.get_by_role("link", name="Compare headlines in the headline workbench").is_visible()
    screenshot("review-step")
    violations = axe()
    assert violations == [], describe_violations(violations)

    page.get_by_role("link", name="Section “Work”, text").click()
    page.wait_for_url(f"**{reverse('admin:reports_report_change', args=[report.pk])}*")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_sections-0-body"
