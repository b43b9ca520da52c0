import pytest
from playwright.sync_api import expect

from reports.models import Section
from tests.factories import ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_move_down_then_save_reorders_the_sections(page, live_server, admin_login, designer):
    report = ReportFactory()
    for n, heading in enumerate(["Introduction", "GOV.UK", "Digital by default"], start=1):
        SectionFactory(report=report, position=n, heading=heading, anchor=f"s{n}")
    admin_login(designer)
    page.goto(f"{live_server.url}/admin/reports/report/{report.pk}/change/")

    page.get_by_role("button", name="Move down: Introduction").click()
    labels = page.locator("#sections-group .inline-related:not(.empty-form) .inline_label")
    assert [t.strip() for t in labels.all_inner_texts()] == [
        "GOV.UK",
        "Introduction",
        "Digital by default",
    ]
    # The moved section keeps keyboard focus, so the next press moves it again.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move down: Introduction"
    )
    with page.expect_navigation():
        page.click("input[name=_continue]")

    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    saved = Section.objects.filter(report=report).order_by("position")
    assert [(s.position, s.heading) for s in saved] == [
        (1, "GOV.UK"),
        (2, "Introduction"),
        (3, "Digital by default"),
    ]
    assert [t.strip() for t in labels.all_inner_texts()] == [
        "GOV.UK",
        "Introduction",
        "Digital by default",
    ]
