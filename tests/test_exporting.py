import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import exporting, importing, parsing
from reports.demo import APRIL_2013_PUBLISHED, JULY_2013_DRAFT
from reports.documents import Document, HeadlineOptionPart, MediaPart, SectionPart
from reports.models import MediaItem, Section
from tests.factories import (
    HeadlineOptionFactory,
    MediaItemFactory,
    ReportFactory,
    SectionFactory,
    SeriesFactory,
)

APRIL_TITLE = "Government Digital Strategy: quarterly progress report April 2013"


def normalised(doc):
    """The document with its media in slug order: the export may place them in another order."""
    doc.media = sorted(doc.media, key=lambda m: m.slug)
    return doc


def round_trip(report):
    text = exporting.to_markdown(report)
    again = importing.import_document(text, by=None).report
    return exporting.to_document(again), text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, title", [(JULY_2013_DRAFT, None), (APRIL_2013_PUBLISHED, APRIL_TITLE)]
)
def test_seed_documents_survive_a_round_trip(path, title):
    report = importing.import_document(path.read_bytes(), by=None, title=title).report
    again, _ = round_trip(report)
    assert normalised(again) == normalised(exporting.to_document(report))


@pytest.mark.django_db
def test_markdown_export_uses_the_draft_conventions():
    report = importing.import_document(JULY_2013_DRAFT.read_bytes(), by=None).report
    text = exporting.to_markdown(report)
    assert text.startswith("# Saving money, transforming services, making progress\n\n")
    assert "**[Headline options]**\n\nGreat progress on transformation" in text
    assert "**[Main body begins - vids and images to be embedded where marked]**" in text
    assert "**[intro]**" in text and "**[Short list]**" in text
    assert "![](http://placekitten.com/200/300)\n{: .pull-right}" in text
    assert "[insert CSL video from YouTube, possibly Job Centre one]" in text
    assert "## Digital capability and leadership\n" in text
    assert "[Placeholder:" not in text and "[Image:" not in text


@pytest.mark.django_db
def test_export_round_trips_what_the_conventions_do_not_spell_out():
    report = ReportFactory(title="Quarterly report", editorial_notes="intro\n\nCheck figures")
    HeadlineOptionFactory(report=report, text="Making progress", notes="Upbeat", chosen=True)
    intro = SectionFactory(report=report, kind="intro", heading="Welcome", anchor="start", body="")
    body = SectionFactory(report=report, heading="GOV.UK", anchor="web", body="Text.")
    chart = MediaItemFactory(
        report=report, kind="chart", slug="visits", title="Visits", url="https://x.gov.uk/c"
    )
    video = MediaItemFactory(
        report=report,
        kind="video",
        slug="film",
        section=body,
        title="Our film",
        url="https://www.youtube.com/watch?v=a1",
        captions_url="https://x.gov.uk/film.vtt",
        caption='A "quoted"\ncaption',
        alignment="pull-right",
    )
    intro.body = f"Hello.\n\n{chart.shortcode()}\n\n[Attachment: missing]"
    intro.save()
    again, text = round_trip(report)
    assert normalised(again) == normalised(exporting.to_document(report))
    assert "Making progress [chosen] [notes: Upbeat]" in text
    assert "**[Note: intro]**" in text and "**[Check figures]**" in text
    assert "**[intro: Welcome]**\n{: #start}" in text
    assert "## GOV.UK {#web}" in text
    assert video.slug in text


@pytest.mark.django_db
def test_json_export_follows_the_documented_schema():
    series = SeriesFactory()
    report = ReportFactory(
        series=series, period_start=date(2013, 4, 1), period_end=date(2013, 6, 30)
    )
    section = SectionFactory(report=report, heading="GOV.UK", anchor="govuk", body="Hi.")
    HeadlineOptionFactory(report=report, text="Progress", chosen=True)
    MediaItemFactory(report=report, section=section, slug="graph", description="graph")
    data = json.loads(exporting.to_json(report))
    assert set(data) == {
        "schema_version", "title", "slug", "summary", "series", "period_start", "period_end",
        "status", "headline_options", "sections", "media", "notes",
    }  # fmt: skip
    assert data["series"] == series.name
    assert (data["period_start"], data["period_end"], data["status"]) == (
        "2013-04-01",
        "2013-06-30",
        "draft",
    )
    assert data["headline_options"] == [{"text": "Progress", "notes": "", "chosen": True}]
    assert data["sections"] == [
        {"kind": "body", "heading": "GOV.UK", "anchor": "govuk", "body": "Hi."}
    ]
    assert data["media"] == [
        {
            "kind": "placeholder",
            "slug": "graph",
            "section": "govuk",
            "title": "",
            "description": "graph",
            "url": "",
            "alt": "",
            "caption": "",
            "alignment": "inline",
            "captions_url": "",
        }
    ]
    assert data["notes"] == []


# Generated documents: anything the conventions can express comes back unchanged

words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789’", min_size=1,
             max_size=8).filter(lambda w: w[0].isalnum()),
    min_size=1,
    max_size=6,
).map(" ".join)  # fmt: skip
maybe_words = st.one_of(st.just(""), words)
slugs = st.from_regex(r"[a-z]{3,8}", fullmatch=True)
paragraph = st.one_of(
    words.map(lambda w: w + "."),
    words.map(lambda w: f"* {w}\n* {w} again"),
    st.tuples(words, words).map(lambda p: f"**{p[0]}** {p[1]}."),
    st.tuples(words, slugs).map(lambda p: f"See [{p[0]}](https://www.gov.uk/{p[1]}) now."),
    st.just("-----"),
)


@st.composite
def media_items(draw, slug):
    kind = draw(st.sampled_from(MediaItem.Kind.values))
    urls = {
        "video": "https://www.youtube.com/watch?v=" + slug,
        "placeholder": "",
    }
    return MediaPart(
        kind=kind,
        slug=slug,
        title=draw(maybe_words),
        description=draw(maybe_words),
        url=urls.get(kind, f"https://example.gov.uk/{slug}.png"),
        alt=draw(maybe_words),
        caption=draw(maybe_words),
        alignment=draw(st.sampled_from(MediaItem.Alignment.values)),
        captions_url=draw(st.sampled_from(["", "https://example.gov.uk/captions.vtt"])),
    )


@st.composite
def documents(draw):
    kinds = draw(st.lists(st.sampled_from(Section.Kind.values), min_size=1, max_size=4))
    anchors = draw(st.lists(slugs, min_size=len(kinds), max_size=len(kinds), unique=True))
    media_slugs = draw(st.lists(slugs.map(lambda s: "m" + s), max_size=4, unique=True))
    sections, media = [], []
    for kind, anchor in zip(kinds, anchors, strict=True):
        heading = draw(words) if kind == "body" else draw(maybe_words)
        sections.append(SectionPart(kind=kind, heading=heading, anchor=anchor))
    for slug in media_slugs:
        item = draw(media_items(slug))
        placed_in = draw(st.sampled_from([None, *sections]))
        item.section = draw(st.sampled_from([None, placed_in.anchor])) if placed_in else None
        if placed_in is not None:
            placed_in.body += f"\n\n[{MediaItem.Kind(item.kind).label}: {slug}]"
        media.append(item)
    for section in sections:
        paragraphs = draw(st.lists(paragraph, max_size=3))
        section.body = "\n\n".join([*paragraphs, section.body.strip()]).strip()
    options = draw(st.lists(st.tuples(words, maybe_words), max_size=3))
    chosen = draw(st.integers(min_value=-1, max_value=len(options) - 1))
    return Document(
        title=draw(words),
        headline_options=[
            HeadlineOptionPart(text=t, notes=n, chosen=i == chosen)
            for i, (t, n) in enumerate(options)
        ],
        sections=sections,
        media=media,
        notes=draw(st.lists(words, max_size=2)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_survive_export_and_import(doc):
    text = exporting._Writer(doc).write()
    again = parsing.parse(text)
    assert normalised(again) == normalised(doc), text


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(documents())
def test_generated_reports_survive_the_database_round_trip(doc):
    report = importing.import_document(exporting._Writer(doc).write(), by=None).report
    assert normalised(exporting.to_document(report)) == normalised(doc)
    again, _ = round_trip(report)
    assert normalised(again) == normalised(doc)
