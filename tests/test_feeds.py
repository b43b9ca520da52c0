from xml.etree import ElementTree

import pytest

from tests.factories import ReportFactory, SectionFactory, SeriesFactory
from tests.workflow_helpers import reviewed_and_published

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_published_reports_with_their_frozen_content(client, publisher):
    report = ReportFactory(title="April report", summary="What we did", series=SeriesFactory())
    SectionFactory(report=report, heading="Capability", body="Hired **people**.")
    reviewed_and_published(report, by=publisher)
    report.title = "Edited after publication"
    report.save()
    ReportFactory(title="A draft")

    response = client.get("/reports/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Cache-Control"].startswith("public")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    assert entry.find(f"{ATOM}title").text == "April report"
    assert entry.find(f"{ATOM}summary").text == "What we did"
    assert entry.find(f"{ATOM}link").get("href").endswith(report.get_absolute_url())
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<h2>Capability</h2>" in content.text and "<strong>people</strong>" in content.text
    assert entry.find(f"{ATOM}category").get("term") == report.series.name


def test_feed_is_valid_and_empty_before_anything_is_published(client):
    feed = ElementTree.fromstring(client.get("/reports/feed/").content)
    assert feed.find(f"{ATOM}title").text == "Government progress reports"
    assert feed.findall(f"{ATOM}entry") == []
