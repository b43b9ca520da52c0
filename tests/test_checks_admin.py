"""The checks panel on the report editor, and the include for the review step."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from reports.models import MediaItem
from reports.templatetags.report_checks import browser_offset
from tests.checks_helpers import report_with
from tests.factories import HeadlineOptionFactory, MediaItemFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = report_with("Intro.\n\n[Placeholder: graph]\n\nWe won two awards. TODO")
    SectionFactory(
        report=report, anchor="more", heading="More", body="The the end.", position=10_000
    )
    MediaItemFactory(report=report, slug="graph", description="graph of visits")
    MediaItemFactory(report=report, slug="pic", kind=MediaItem.Kind.IMAGE, alt_text="")
    HeadlineOptionFactory.create_batch(2, report=report)
    return report


def test_panel_lists_findings_linking_to_form_fields_that_exist(client, report):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert "Content checks" in html
    assert "5 errors must be fixed before publishing." in html
    targets = re.findall(r'data-check-element="([^"]+)"', html)
    assert "id_sections-0-body" in targets  # the TODO and the placeholder
    assert "id_sections-1-body" in targets  # "The the"
    assert "id_media-1-alt_text" in targets
    assert "id_media-1-file" in targets  # the image has no file yet
    assert "headline_options-group" in targets
    for target in set(targets):
        assert f'id="{target}"' in html, f"no element with id {target}"
    assert 'href="#id_sections-0-body"' in html
    assert "reports/admin/checks.js" in html


def test_links_carry_the_range_in_browser_offsets(client, report):
    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    body = report.sections.get(anchor="work").body
    start = body.index("TODO")
    assert f'data-check-start="{start}" data-check-end="{start + 4}"' in html


def test_browser_offsets_count_lf_newlines_and_utf16_units():
    text = "a\r\nb😀c TODO"
    assert browser_offset(text, text.index("TODO")) == len("a\nb") + 2 + len("c ")


def test_review_step_include_links_to_the_change_page(report):
    request = RequestFactory().get("/admin/reports/report/review/")
    html = Template("{% load report_checks %}{% report_checks report %}").render(
        Context({"report": report, "request": request})
    )
    change_url = reverse("admin:reports_report_change", args=[report.pk])
    assert f'href="{change_url}#id_sections-0-body"' in html


def test_a_report_without_findings_says_so():
    report = report_with("Work continues.")
    html = Template("{% load report_checks %}{% report_checks report %}").render(
        Context({"report": report})
    )
    assert "No problems found." in html
