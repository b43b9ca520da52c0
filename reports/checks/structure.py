"""Errors in the report's structure: no headline chosen, empty sections."""

from . import check
from .page import Field
from .prose import OPAQUE

ERROR = "error"


@check(ERROR)
def headline_chosen(page):
    """A report with headline options must have one chosen before it is published."""
    current = [h for h in page.headlines if not h.retired]
    if current and not page.chosen_headline:
        count = len(current)
        yield page.finding(
            "headline-not-chosen",
            ERROR,
            f"No headline is chosen: the report has {count} headline option"
            f"{'s' if count != 1 else ''}.",
            Field(None, "headline_options", ""),
            suggestion="An editor chooses the headline while reviewing, for example when they "
            "approve the report; content designers can mark the option they prefer. To use the "
            "working title instead, retire every option.",
        )


@check(ERROR)
def empty_section(page):
    """Every section needs some content."""
    for section in page.sections:
        field = page.field(section.anchor, "body")
        readable = field.prose.text.replace(OPAQUE, "").strip() if field.source else ""
        has_media = OPAQUE in field.prose.text if field.source else False
        if not readable and not has_media:
            name = section.heading or section.get_kind_display()
            yield page.finding(
                "empty-section",
                ERROR,
                f"The section “{name}” is empty.",
                field,
                0,
                len(field.source),
                "Write the section, or delete it.",
            )
