"""Freeze a report into a published edition: everything a public page needs, rendered once."""

from django.db.models import Prefetch
from django.utils import timezone

from . import rendering
from .errors import RenderRefused
from .models import Edition, MediaItem, Report, Section
from .models.edition import CONTENT_SCHEMA

FIRST_PUBLISHED = "First published."


def latest(report):
    """Return the report's most recently published edition, or None."""
    return report.editions.order_by("-number").first()


def next_number(report):
    """Return the number the report's current draft will have when it is published."""
    previous = latest(report)
    return previous.number + 1 if previous else 1


def draft(report):
    """Return an unsaved edition of the report as publishing it now would freeze it."""
    return build(report, previous=latest(report))


def create(report, *, by, change_note="", minor=False):
    """Create the report's new live edition, replacing the previous one."""
    edition = build(report, previous=latest(report), change_note=change_note, minor=minor)
    edition.published_by = by
    report.editions.filter(is_live=True).update(is_live=False)
    edition.save()
    return edition


def build(report, *, previous=None, change_note="", minor=False, now=None):
    """Return an unsaved live Edition of the report as it is now (also used for previews)."""
    report = _loaded(report)
    now = now or timezone.now()
    first = previous.first_published_at if previous else now
    minor = bool(minor and previous)
    history = _history(previous, change_note, minor=minor, now=now)
    edition = Edition(
        report=report,
        number=previous.number + 1 if previous else 1,
        slug=report.slug,
        title=report.display_title(),
        summary=report.summary,
        organisation=report.organisation,
        series=report.series,
        period_start=report.period_start,
        period_end=report.period_end,
        sort_date=report.period_start or timezone.localdate(first),
        change_note=change_note,
        minor=minor,
        is_live=True,
        published_at=now,
        first_published_at=first,
        public_updated_at=previous.public_updated_at if minor else now,
    )
    edition.content = freeze(report, history=history)
    return edition


def freeze(report, *, history=()):
    """Return the structured content of a report, with each section's body rendered."""
    media = {item.slug: item for item in report.media.all()}
    series = report.series
    return {
        "schema": CONTENT_SCHEMA,
        "title": report.display_title(),
        "working_title": report.title,
        "summary": report.summary,
        "organisation": report.organisation,
        "series": {"name": series.name, "slug": series.slug} if series else None,
        "period": {
            "start": report.period_start.isoformat() if report.period_start else None,
            "end": report.period_end.isoformat() if report.period_end else None,
        },
        "sections": _sections(report.sections.all(), media),
        "media": [_media_reference(item) for item in media.values()],
        "history": list(history),
    }


def _sections(sections, media):
    numbered = 0
    frozen = []
    for section in sections:
        number = None
        if section.kind == Section.Kind.BODY and section.heading:
            numbered += 1
            number = numbered
        frozen.append(
            {
                "kind": section.kind,
                "heading": section.heading,
                "anchor": section.anchor,
                "number": number,
                "html": _render(section, media),
            }
        )
    return frozen


def _render(section, media):
    """Return a section's HTML; a refusal names the section."""
    try:
        return rendering.render(section.body, media=media, id_prefix=section.anchor)
    except RenderRefused as refusal:
        name = f"“{section.heading}”" if section.heading else f"at position {section.position}"
        raise RenderRefused(f"Section {name}: {refusal}") from refusal


def _media_reference(item):
    return {
        "id": item.pk,
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "alt_text": item.alt_text,
        "caption": item.caption,
        "alignment": item.alignment,
        "url": item.url,
        "file": item.file.name if item.file else "",
        "section": item.section.anchor if item.section_id and item.section else None,
    }


def _history(previous, change_note, *, minor, now):
    earlier = list(previous.content.get("history", [])) if previous else []
    if minor:
        return earlier
    note = change_note.strip() or (FIRST_PUBLISHED if not earlier else "Updated.")
    return [{"published_at": now.isoformat(), "change_note": note}, *earlier]


def _loaded(report):
    """Return the report with everything freezing reads, in a few queries."""
    return (
        Report.objects.select_related("series")
        .prefetch_related(
            "headline_options",
            "sections",
            Prefetch("media", queryset=MediaItem.objects.select_related("section")),
        )
        .get(pk=report.pk)
    )
