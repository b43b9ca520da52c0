"""Errors for media that people who cannot see or hear it would miss."""

from reports.models import MediaItem

from . import check
from .page import Field

ERROR = "error"
TITLED_KINDS = {MediaItem.Kind.VIDEO, MediaItem.Kind.CHART, MediaItem.Kind.ATTACHMENT}


def _field(page, item, attribute):
    return page.field(
        item.section.anchor if item.section else None, f"media.{item.slug}.{attribute}"
    )


@check(ERROR)
def image_alt_text(page):
    """Images need alt text unless they are marked decorative."""
    for item in page.media:
        if item.kind == MediaItem.Kind.IMAGE and not item.decorative and not item.alt_text.strip():
            yield page.finding(
                "image-alt-text",
                ERROR,
                f"The image “{item}” has no alt text.",
                _field(page, item, "alt_text"),
                suggestion="Describe what the image shows, or mark it as decorative.",
            )
    for field in page.text_fields():
        for link in field.prose.links:
            if link.kind == "image" and not link.text.strip():
                yield page.finding(
                    "image-alt-text",
                    ERROR,
                    "This image has no alt text.",
                    field,
                    link.start,
                    link.end,
                    "Write a description between the square brackets: ![description](…).",
                )


@check(ERROR)
def media_title(page):
    """Videos, charts and attachments need a title."""
    for item in page.media:
        if item.kind in TITLED_KINDS and not item.title.strip():
            kind = item.get_kind_display().lower()
            yield page.finding(
                "media-title",
                ERROR,
                f"The {kind} “{item.slug}” has no title.",
                _field(page, item, "title"),
                suggestion=f"Give the {kind} a title that says what it is about.",
            )


# What each kind of media needs before readers can use it, with what to do about it.
_INCOMPLETE = {
    MediaItem.Kind.IMAGE: (
        lambda item: not item.file and not item.url,
        "file",
        "has no image file",
        "Upload the image.",
    ),
    MediaItem.Kind.VIDEO: (
        lambda item: not item.url.strip(),
        "url",
        "has no address",
        "Add the YouTube or Vimeo address of the video.",
    ),
    MediaItem.Kind.CHART: (
        lambda item: not item.chart_type or not item.chart_data.strip(),
        "chart_data",
        "has no chart type or no data",
        "Choose how the chart is drawn and give its data as a table.",
    ),
    MediaItem.Kind.ATTACHMENT: (
        lambda item: not item.file,
        "file",
        "has no file",
        "Upload the PDF, CSV, ODS or DOCX file.",
    ),
}


@check(ERROR)
def media_complete(page):
    """Media saved before they were finished must be finished before publication."""
    for item in page.media:
        incomplete = _INCOMPLETE.get(item.kind)
        if incomplete and incomplete[0](item):
            _, attribute, problem, suggestion = incomplete
            kind = item.get_kind_display().lower()
            anchor = item.section.anchor if item.section else None
            yield page.finding(
                "media-incomplete",
                ERROR,
                f"The {kind} \u201c{item.slug}\u201d {problem}.",
                Field(anchor, f"media.{item.slug}.{attribute}", "", False, False),
                suggestion=suggestion,
            )
