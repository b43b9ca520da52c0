"""The review step in a real browser: an editor reaches it from My work; it passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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
    page.wait_for_url(f"**{reverse('admin:reports_report_review', args=[report.pk])}")
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="Review: July progress")).to_be_visible()
    expect(page.get_by_role("heading", name="Errors: these block publishing")).to_be_visible()
    rule = page.get_by_text("Content check errors block publishing and scheduling, not approval.")
    expect(rule).to_be_visible()
    expect(page.get_by_role("link", name="Approve")).to_be_visible()
    expect(page.get_by_role("link", name="Request changes")).to_be_visible()
    expect(
        page.get_by_role("link", name="Compare headlines in the headline workbench")
    ).to_be_visible()
    screenshot("review-step")
    violations = axe()
    assert violations == [], describe_violations(violations)

    page.get_by_role("link", name="Section “Work”, text").click()
    page.wait_for_url(f"**{reverse('admin:reports_report_change', args=[report.pk])}*")
    page.wait_for_load_state()
    expect(page.locator("#id_sections-0-body")).to_be_focused()
