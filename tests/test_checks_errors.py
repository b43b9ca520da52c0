"""The error checks: editorial leftovers, test content, missing descriptions, structure."""

import pytest

from reports import checks
from reports.checks import Severity
from reports.models import MediaItem
from tests.checks_helpers import body_findings, found, report_with
from tests.factories import HeadlineOptionFactory, MediaItemFactory, ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_placeholder_media_is_an_error_at_its_shortcode():
    body = "Intro.\n\n[Placeholder: graph]\n\nMore text."
    report = report_with(body)
    MediaItemFactory(report=report, slug="graph", description="graph showing visits")
    [finding] = found(report, "placeholder-media")
    assert finding.severity == Severity.ERROR
    assert (finding.section, finding.field) == ("work", "body")
    assert body[finding.start : finding.end] == "[Placeholder: graph]"
    assert "graph showing visits" in finding.message


def test_unplaced_placeholder_media_is_an_error_on_the_item():
    report = report_with()
    MediaItemFactory(report=report, slug="logo", description="25 logo")
    [finding] = found(report, "placeholder-media")
    assert finding.field == "media.logo.title"
    assert finding.start is None


def test_real_media_is_not_a_placeholder():
    report = report_with("[Image: chart]")
    MediaItemFactory(report=report, slug="chart", kind=MediaItem.Kind.IMAGE, alt_text="A chart")
    assert found(report, "placeholder-media") == []


def test_literal_insert_text_is_an_error():
    assert body_findings("Text.\n\n[insert CSL video from YouTube]\n", "placeholder-text") == [
        "[insert CSL video from YouTube]"
    ]
    assert body_findings("We will insert a new page.", "placeholder-text") == []


def test_bracketed_editorial_markers_are_errors():
    body = "**[intro]**\n\nSo far.\n\n**[Short list]**\n\n* one"
    assert body_findings(body, "editorial-marker") == ["[intro]", "[Short list]"]


def test_links_images_shortcodes_and_code_are_not_editorial_markers():
    body = (
        "Read the [Manual](https://www.gov.uk/service-manual) and [the guide][guide].\n\n"
        "[guide]: https://www.gov.uk/guide\n\n"
        "[Image: chart]\n\n"
        "Use `[brackets]` in code. A footnote[^1]. A box [x].\n\n"
        "![A chart](https://www.gov.uk/chart.png)\n"
    )
    report = report_with(body)
    MediaItemFactory(report=report, slug="chart", kind=MediaItem.Kind.IMAGE, alt_text="Chart")
    assert found(report, "editorial-marker") == []


def test_editorial_markers_in_the_title_are_errors():
    report = report_with(title="[Working title] Progress report")
    [finding] = found(report, "editorial-marker")
    assert (finding.field, finding.start, finding.end) == ("title", 0, 15)


@pytest.mark.parametrize("marker", ["TODO", "TBC", "XX", "xxx", "FIXME"])
def test_leftover_markers_are_errors(marker):
    assert body_findings(f"We saved £{marker}m. Date {marker}.", "todo")


@pytest.mark.parametrize(
    "text",
    ["We're making progress with our todo list.", "Plan XXL", "In `TODO` code", "Box 2XX"],
)
def test_ordinary_words_are_not_leftover_markers(text):
    assert body_findings(text, "todo") == []


@pytest.mark.parametrize(
    "text, excerpt",
    [
        ("complete discovery on all 25 exemplar services and take x of them live", "x"),
        ("We saved £xm this year.", "£xm"),
        ("Take-up rose by x% in June.", "x"),
        ("We launched X new services.", "X"),
        ("It will cost £? million.", "£?"),
    ],
)
def test_placeholder_numbers_are_errors(text, excerpt):
    assert body_findings(text, "placeholder-number") == [excerpt]


@pytest.mark.parametrize(
    "text",
    ["A 3 x 4 metre room.", "Malcolm X spoke.", "The x-axis shows time.", "Take 5 of them live."],
)
def test_real_numbers_and_names_are_not_placeholder_numbers(text):
    assert body_findings(text, "placeholder-number") == []


def test_placeholder_and_test_media_urls_are_errors():
    report = report_with("![](http://placekitten.com/200/300)\n\n[site](https://www.example.com/a)")
    MediaItemFactory(
        report=report,
        slug="kitten",
        kind=MediaItem.Kind.IMAGE,
        alt_text="A kitten",
        url="http://placehold.it/300x200",
    )
    findings = found(report, "test-content")
    assert [f.excerpt for f in findings if f.field == "body"] == [
        "http://placekitten.com/200/300",
        "https://www.example.com/a",
    ]
    assert [f.field for f in findings if f.start is None] == ["media.kitten.title"]


def test_lorem_ipsum_is_an_error():
    assert body_findings("Lorem ipsum dolor sit amet.", "test-content") == [
        "Lorem ipsum",
        "dolor sit amet",
    ]


def test_real_sites_are_not_test_content():
    body = "[GOV.UK](https://www.gov.uk/) and [a council](https://example.gov.uk/) and examples."
    assert body_findings(body, "test-content") == []


def test_images_need_alt_text_unless_decorative():
    report = report_with()
    MediaItemFactory(report=report, slug="no-alt", kind=MediaItem.Kind.IMAGE, alt_text="")
    MediaItemFactory(report=report, slug="deco", kind=MediaItem.Kind.IMAGE, decorative=True)
    MediaItemFactory(report=report, slug="good", kind=MediaItem.Kind.IMAGE, alt_text="A graph")
    assert [f.field for f in found(report, "image-alt-text")] == ["media.no-alt.alt_text"]


def test_markdown_images_need_alt_text():
    body = "![](https://www.gov.uk/a.png)\n\n![A graph](https://www.gov.uk/b.png)"
    assert body_findings(body, "image-alt-text") == ["![](https://www.gov.uk/a.png)"]


def test_videos_charts_and_attachments_need_a_title():
    report = report_with()
    MediaItemFactory(report=report, slug="video", kind=MediaItem.Kind.VIDEO, title="")
    MediaItemFactory(report=report, slug="titled", kind=MediaItem.Kind.VIDEO, title="GOV.UK")
    MediaItemFactory(report=report, slug="chart", kind=MediaItem.Kind.CHART, title=" ")
    assert [f.field for f in found(report, "media-title")] == [
        "media.video.title",
        "media.chart.title",
    ]


def test_headline_options_without_a_chosen_one_is_an_error():
    report = report_with()
    HeadlineOptionFactory.create_batch(3, report=report)
    [finding] = found(report, "headline-not-chosen")
    assert finding.field == "headline_options"
    assert "3 headline options" in finding.message


def test_a_chosen_headline_or_no_options_is_fine():
    assert found(report_with(), "headline-not-chosen") == []
    report = report_with()
    HeadlineOptionFactory(report=report, chosen=True)
    HeadlineOptionFactory(report=report)
    assert found(report, "headline-not-chosen") == []


def test_an_empty_section_is_an_error():
    report = ReportFactory()
    SectionFactory(report=report, anchor="empty", body="  \n\n**  **\n")
    SectionFactory(report=report, anchor="media-only", body="[Image: chart]")
    SectionFactory(report=report, anchor="full", body="Some text.")
    assert [f.section for f in found(report, "empty-section")] == ["empty"]


def test_errors_returns_only_errors_and_runs_no_warning_check():
    report = report_with("the the TODO", title="x" * 80)
    assert {f.check for f in checks.errors(report)} == {"todo"}
    assert {"todo", "repeated-word", "title-length"} <= {f.check for f in checks.run(report)}


def test_errors_is_fast_in_queries(django_assert_max_num_queries):
    report = report_with("[Manual](/reports/other/) TODO")
    HeadlineOptionFactory.create_batch(2, report=report)
    MediaItemFactory.create_batch(3, report=report)
    with django_assert_max_num_queries(5):
        checks.errors(report)
