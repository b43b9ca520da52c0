import datetime

import pytest
from django.utils import timezone

from reports import editions
from reports.models import Edition, MediaItem
from tests.factories import (
    HeadlineOptionFactory,
    MediaItemFactory,
    ReportFactory,
    SectionFactory,
    SeriesFactory,
)
from tests.workflow_helpers import reviewed_and_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = ReportFactory(
        title="Working title",
        series=SeriesFactory(),
        period_start=datetime.date(2013, 4, 1),
        period_end=datetime.date(2013, 6, 30),
    )
    SectionFactory(report=report, kind="intro", heading="", anchor="intro", body="Intro *text*")
    SectionFactory(report=report, heading="Capability", anchor="capability", body="[Chart: pic]")
    SectionFactory(report=report, heading="GOV.UK", anchor="gov-uk", body="## Usage\n\nUp.")
    MediaItemFactory(
        report=report, kind=MediaItem.Kind.CHART, slug="pic", title="Exemplars by phase",
        chart_type="bar", chart_data="Phase,Services\nDiscovery,13\nAlpha,6", caption="Visits",
    )  # fmt: skip
    return report


def test_create_freezes_rendered_sections_media_and_metadata(report, publisher):
    HeadlineOptionFactory(report=report, text="Making progress", chosen=True)
    edition = editions.create(report, by=publisher, change_note="")
    assert edition.is_live and edition.number == 1 and edition.published_by == publisher
    assert edition.title == "Making progress"
    assert edition.content["working_title"] == "Working title"
    assert edition.content["schema"] == 1
    assert edition.content["series"] == {"name": report.series.name, "slug": report.series.slug}
    assert edition.content["period"] == {"start": "2013-04-01", "end": "2013-06-30"}
    sections = edition.sections
    assert [s["anchor"] for s in sections] == ["intro", "capability", "gov-uk"]
    assert [s["number"] for s in sections] == [None, 1, 2]
    assert sections[0]["html"] == '<p class="govuk-body">Intro <em>text</em></p>\n'
    assert "<svg" in sections[1]["html"] and "Exemplars by phase" in sections[1]["html"]
    assert 'id="gov-uk-usage"' in sections[2]["html"]
    assert edition.content["media"][0]["slug"] == "pic"
    assert edition.content["media"][0]["kind"] == "chart"
    assert edition.sort_date == datetime.date(2013, 4, 1)
    assert [h["change_note"] for h in edition.history] == ["First published."]
    assert edition.public_updated_at == edition.published_at == edition.first_published_at


def test_the_title_is_the_working_title_without_a_chosen_headline(report, publisher):
    HeadlineOptionFactory(report=report, text="Not chosen")
    assert editions.create(report, by=publisher).title == "Working title"


def test_a_new_edition_replaces_the_live_one_and_extends_the_history(report, publisher):
    first = editions.create(report, by=publisher)
    second = editions.create(report, by=publisher, change_note="Added GOV.UK figures.")
    first.refresh_from_db()
    assert not first.is_live and second.is_live and second.number == 2
    assert second.first_published_at == first.first_published_at
    assert second.public_updated_at == second.published_at > first.published_at
    assert [h["change_note"] for h in second.history] == [
        "Added GOV.UK figures.",
        "First published.",
    ]
    assert Edition.objects.live().get() == second


def test_a_minor_edition_keeps_last_updated_and_history(report, publisher):
    first = editions.create(report, by=publisher)
    minor = editions.create(report, by=publisher, change_note="Typo", minor=True)
    assert minor.minor
    assert minor.public_updated_at == first.public_updated_at
    assert [h["change_note"] for h in minor.history] == ["First published."]


def test_the_first_edition_is_never_minor(report, publisher):
    edition = editions.create(report, by=publisher, minor=True)
    assert not edition.minor and edition.history


def test_later_edits_never_change_the_frozen_edition(report, publisher):
    edition = editions.create(report, by=publisher)
    report.title = "Changed"
    report.save()
    section = report.sections.get(anchor="gov-uk")
    section.body = "Rewritten"
    section.save()
    edition.refresh_from_db()
    assert edition.title == "Working title"
    assert "Up." in edition.sections[2]["html"] and "Rewritten" not in str(edition.content)


def test_sort_date_falls_back_to_the_first_publication_day(publisher):
    edition = editions.create(ReportFactory(period_start=None), by=publisher)
    assert edition.sort_date == timezone.localdate(edition.first_published_at)


def test_build_returns_an_unsaved_preview(report):
    edition = editions.build(report)
    assert edition.pk is None and edition.is_live
    assert not Edition.objects.exists()


def test_workflow_publish_creates_the_live_edition(report, publisher):
    edition = reviewed_and_published(report, by=publisher, change_note="First")
    report.refresh_from_db()
    assert report.status == "published"
    assert edition.is_live and edition.history[0]["change_note"] == "First"
