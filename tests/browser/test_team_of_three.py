"""The demo's three people finish a report in a real browser: import, submit, choose, approve,
publish; no fourth account needed."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Report, Status
from tests.browser.conftest import describe_violations

pytestmark = pytest.mark.django_db(transaction=True)

DOCUMENT = """# Digital progress, summer 2013

**[headline options]**

Making progress, more to do

Progress made, but we can do better

**[intro]**

In the last three months departments moved more services online.

## Services

Twenty-five services are being rebuilt so that people can use them online.
"""


def test_designer_editor_and_publisher_take_a_report_live(
    page, live_server, axe, admin_login, designer, editor, publisher, tmp_path, screenshot
):
    path = tmp_path / "summer-2013.md"
    path.write_text(DOCUMENT, encoding="utf-8")

    # The content designer imports the document and submits it for review.
    admin_login(designer)
    page.goto(live_server.url + reverse("admin:reports_report_import"))
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("button", name="Create the report").click()
    page.wait_for_url("**/change/")
    report = Report.objects.get(title="Digital progress, summer 2013")
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(f"**{reverse('admin:reports_report_change', args=[report.pk])}")
    page.context.clear_cookies()  # signed out

    # The editor reviews it and approves it with the headline they choose.
    admin_login(editor)
    page.goto(live_server.url + reverse("admin:reports_report_review", args=[report.pk]))
    page.get_by_role("link", name="Approve").click()
    page.get_by_label("Progress made, but we can do better").check()
    screenshot("approve-with-headline")
    violations = axe()
    assert violations == [], describe_violations(violations)
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url(f"**{reverse('admin:reports_report_change', args=[report.pk])}")
    expect(page.get_by_role("heading", name="Workflow: Approved")).to_be_visible()
    page.context.clear_cookies()

    # The publisher publishes it, and readers see the chosen headline.
    admin_login(publisher)
    page.goto(
        live_server.url + reverse("admin:reports_report_workflow", args=[report.pk, "publish"])
    )
    page.get_by_role("button", name="Yes, publish").click()
    page.wait_for_url(f"**{reverse('admin:reports_report_change', args=[report.pk])}")
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    page.goto(live_server.url + report.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress made, but we can do better")
