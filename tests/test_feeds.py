from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from reports import rendering
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


HOSTILE = [
    '<script>alert("feed")</script>',
    '<img src=x onerror="alert(1)">',
    "]]><b>cdata</b>",
    "&lt;i&gt;already escaped&lt;/i&gt; & <em>",
    '"><svg onload=alert(1)>',
]


class _Markup(HTMLParser):
    """Collect the elements (and their attributes) in a fragment of HTML."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.text = [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_every_field_reaches_the_feed_as_text_never_markup(
    client, publisher, hostile
):
    report = ReportFactory(
        title=f"Title {hostile}",
        summary=f"Summary {hostile}",
        organisation=f"Org {hostile}",
        series=SeriesFactory(name=f"Series {hostile}"),
    )
    SectionFactory(report=report, heading=f"Heading {hostile}", body=f"Body {hostile}")
    reviewed_and_published(report, by=publisher)

    entry = ElementTree.fromstring(client.get("/reports/feed/").content).find(f"{ATOM}entry")
    # Text constructs: the XML's text is the text itself.
    assert entry.find(f"{ATOM}title").text == f"Title {hostile}"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == f"Org {hostile}"
    assert entry.find(f"{ATOM}category").get("term") == f"Series {hostile}"
    # HTML constructs: decoded as HTML they hold no markup of the author's.
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    decoded = _Markup(summary.text)
    assert decoded.elements == []
    assert "".join(decoded.text) == f"Summary {hostile}"
    content = _Markup(entry.find(f"{ATOM}content").text)
    # The body is markdown, so the sanitiser's allowlist decides (<em> stays, <script> goes).
    assert {tag for tag, _ in content.elements} <= rendering.TAGS
    assert not any(name.startswith("on") for _, attrs in content.elements for name in attrs)
    assert f"Heading {hostile}" in "".join(content.text)
