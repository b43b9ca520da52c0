import pytest
from django.urls import reverse

from reports import history, workflow
from tests.browser.conftest import describe_violations
from tests.factories import HeadlineOptionFactory, MediaItemFactory, ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def report(editor):
    report = ReportFactory(title="Making progress")
    intro = SectionFactory(report=report, heading="Introduction", anchor="intro", body="One two.")
    SectionFactory(report=report, heading="Money", anchor="money", body="We saved £500m.")
    HeadlineOptionFactory(report=report, text="Progress made")
    MediaItemFactory(
        report=report, section=intro, slug="chart", kind="image", alt_text="A chart",
        url="https://www.gov.uk/government/uploads/chart.png",
    )  # fmt: skip
    with workflow.editing(report, by=editor, comment="First draft"):
        pass
    with workflow.editing(report, by=editor, comment="Rewrote the introduction") as change:
        intro.body, intro.position = "One two three.\n\nA new paragraph.", 99
        intro.save()
        item = report.media.get()
        item.alt_text = "A line chart of visits"
        item.save()
        SectionFactory(report=report, heading="Next steps", anchor="next")
        change.report.title = "Made real progress"
    return report


def test_history_and_compare_pages_are_accessible(
    page, live_server, axe, admin_login, editor, report, screenshot
):
    admin_login(editor)
    page.goto(live_server.url + reverse("admin:reports_report_history", args=[report.pk]))
    assert page.locator("#change-history tbody tr").count() == 2
    violations = axe()
    assert violations == [], describe_violations(violations)

    page.click("text=Compare selected versions")
    page.wait_for_url("**/history/compare/**")
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0
    assert "[added:" in page.locator("ins").first.inner_text()
    # Hidden labels are hidden from sight but present for screen readers.
    hidden = page.locator("ins .visually-hidden").first
    assert hidden.evaluate("e => getComputedStyle(e).position") == "absolute"
    assert page.get_by_text("Next steps").count() >= 1
    screenshot("history-compare")
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_restore_confirmation_is_accessible(page, live_server, axe, admin_login, editor, report):
    first = history.versions_of(report.pk).last()
    admin_login(editor)
    page.goto(
        live_server.url + reverse("admin:reports_report_revision", args=[report.pk, first.pk])
    )
    violations = axe()
    assert violations == [], describe_violations(violations)
    page.click("text=Restore this version as the draft")
    page.wait_for_url(f"**/reports/report/{report.pk}/change/")
    assert page.locator("#id_title").input_value() == "Making progress"


def test_the_edit_conflict_page_is_accessible(
    page, live_server, axe, admin_login, editor, second_editor, report, screenshot
):
    url = live_server.url + reverse("admin:reports_report_change", args=[report.pk])
    admin_login(editor)
    page.goto(url)
    page.fill("#id_summary", "My summary, written while someone else saved.")
    # Someone else saves first.
    with workflow.editing(report, by=second_editor, comment="Their change") as change:
        change.report.title = "Their title"
    page.click("input[name=_save]")
    assert page.get_by_text("Your changes have not been saved yet").is_visible()
    # Only what they changed is offered to copy (unchanged bodies are not, despite CRLFs).
    assert page.locator(".copy-text textarea").count() == 1
    assert "My summary" in page.locator(".copy-text textarea").first.input_value()
    screenshot("edit-conflict")
    violations = axe()
    assert violations == [], describe_violations(violations)
    page.click("text=Re-apply my changes to the current version and save")
    page.wait_for_url(f"**/reports/report/{report.pk}/change/")
    report.refresh_from_db()
    assert report.title == "Their title"
    assert report.summary == "My summary, written while someone else saved."
