"""The report admin: who may open which page, and reordering sections without typing numbers."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from tests.factories import ReportFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["list", "add", "change", "history"]
# The pages each role may open; publishers read reports but never edit them.
ALLOWED = {
    "designer": {"list", "add", "change", "history"},
    "editor": {"list", "add", "change", "history"},
    "publisher": {"list", "change", "history"},
    "staff_without_role": set(),
}


@pytest.fixture
def staff_without_role(db):
    return UserFactory(username="nobody")


@pytest.fixture
def report(db):
    with reversion.create_revision():
        report = ReportFactory(title="Quarterly progress report July 2013")
        SectionFactory(report=report, heading="GOV.UK", anchor="gov-uk")
        reversion.set_comment("Imported the draft")
    return report


def url(page_name, report):
    """Return the admin address of one of the report pages."""
    return {
        "list": reverse("admin:reports_report_changelist"),
        "add": reverse("admin:reports_report_add"),
        "change": reverse("admin:reports_report_change", args=[report.pk]),
        "history": reverse("admin:reports_report_history", args=[report.pk]),
    }[page_name]


def form_data(response):
    """Return the POST data that re-submits the change form shown in response, unchanged."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is True:
                data[bound.html_name] = "on"
            elif value is not None and value is not False:
                data[bound.html_name] = value
    return data


@pytest.mark.parametrize("page_name", PAGES)
@pytest.mark.parametrize("role", ALLOWED)
def test_report_pages_open_only_for_the_roles_that_use_them(
    client, request, report, role, page_name
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(page_name, report))
    assert response.status_code == (200 if page_name in ALLOWED[role] else 403)


@pytest.mark.parametrize("page_name", PAGES)
def test_report_pages_send_anonymous_visitors_to_sign_in(client, report, page_name):
    response = client.get(url(page_name, report))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_list_shows_reports_to_designers(client, designer, report):
    client.force_login(designer)
    response = client.get(url("list", report))
    assert "Quarterly progress report July 2013" in response.text


def test_history_lists_the_revisions(client, editor, report):
    client.force_login(editor)
    response = client.get(url("history", report))
    assert "Imported the draft" in response.text


def test_publishers_see_the_report_read_only(client, publisher, report):
    client.force_login(publisher)
    response = client.get(url("change", report))
    assert response.context["has_change_permission"] is False
    assert 'name="_save"' not in response.text


def test_publishers_cannot_change_a_report(client, publisher, designer, report):
    client.force_login(designer)
    data = form_data(client.get(url("change", report))) | {"title": "Changed by a publisher"}
    client.force_login(publisher)
    response = client.post(url("change", report), data)
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title == "Quarterly progress report July 2013"


def test_posting_reordered_positions_saves_the_new_order(client, designer):
    report = ReportFactory()
    for n, heading in enumerate(["Introduction", "GOV.UK", "Digital by default"], start=1):
        SectionFactory(report=report, position=n, heading=heading, anchor=f"s{n}")
    client.force_login(designer)
    data = form_data(client.get(url("change", report)))
    # What ordered-inlines.js does after "Move down" on the first section: renumber the rows.
    headings = {data[f"sections-{i}-heading"]: i for i in range(3)}
    for position, heading in enumerate(["GOV.UK", "Introduction", "Digital by default"], start=1):
        data[f"sections-{headings[heading]}-position"] = position

    response = client.post(url("change", report), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert [s.heading for s in report.sections.all()] == [
        "GOV.UK",
        "Introduction",
        "Digital by default",
    ]
    assert [s.position for s in report.sections.all()] == [1, 2, 3]
    assert Version.objects.get_for_object(report).count() == 1


def test_section_positions_are_hidden_inputs_for_the_move_buttons(client, designer, report):
    client.force_login(designer)
    response = client.get(url("change", report))
    assert 'type="hidden" name="sections-0-position"' in response.text
    assert 'data-ordering="position"' in response.text
    assert "reports/admin/ordered-inlines.js" in response.text
