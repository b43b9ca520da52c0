"""The checks panel in a real browser: a finding's link selects its text; the panel passes axe."""

import pytest
from django.urls import reverse

from tests.browser.conftest import describe_violations
from tests.checks_helpers import report_with
from tests.factories import MediaItemFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_finding_link_focuses_the_field_and_selects_the_text(page, live_server, admin_login, axe):
    body = "Intro with “quotes”.\n\nWe will take x of them live. TODO"
    report = report_with(body)
    MediaItemFactory(report=report, slug="graph", description="graph of visits")
    admin_login(UserFactory(username="admin", is_superuser=True))
    page.goto(live_server.url + reverse("admin:reports_report_change", args=[report.pk]))

    page.get_by_role("link", name="Section “Work”, text").first.click()
    focused = page.evaluate(
        "() => [document.activeElement.id, document.activeElement.value.substring("
        "document.activeElement.selectionStart, document.activeElement.selectionEnd)]"
    )
    assert focused == ["id_sections-0-body", "x"]

    page.get_by_role("link", name="Media “graph”, title").click()
    assert page.evaluate("document.activeElement.id") == "id_media-0-title"

    violations = axe(".govreport-checks")
    assert violations == [], describe_violations(violations)
