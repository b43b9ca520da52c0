"""A report loaded once for checking: its public text fields in page order."""

from dataclasses import dataclass
from functools import cached_property

from . import Finding, Severity
from .prose import Prose

EXCERPT_MAX = 120


@dataclass
class Field:
    """One public text of the report: where it is, its source, and whether it is markdown."""

    section: str | None
    name: str
    source: str
    markdown: bool = False
    prose_style: bool = True  # GOV.UK style warnings apply (not to alt text or credits)

    @cached_property
    def prose(self):
        return Prose(self.source or "", markdown=self.markdown)


class Page:
    """The report with its sections, headline options and media, read in a few queries."""

    def __init__(self, report):
        self.report = report
        self.sections = list(report.sections.all())
        self.headlines = list(report.headline_options.all())
        self.media = list(report.media.select_related("section"))
        self._order = {(f.section, f.name): i for i, f in enumerate(self.fields)}

    @cached_property
    def chosen_headline(self):
        return next((h for h in self.headlines if h.chosen), None)

    @cached_property
    def fields(self):
        """Every public text field, in the order readers meet them."""
        report, fields = self.report, []
        if self.chosen_headline:
            fields.append(Field(None, "headline", self.chosen_headline.text))
        fields.append(Field(None, "title", report.title, prose_style=not self.chosen_headline))
        fields.append(Field(None, "summary", report.summary))
        for section in self.sections:
            fields.append(Field(section.anchor, "heading", section.heading))
            fields.append(Field(section.anchor, "body", section.body, markdown=True))
        for item in self.media:
            anchor = item.section.anchor if item.section else None
            for attribute, style in [("title", True), ("caption", True), ("alt_text", False)]:
                fields.append(
                    Field(
                        anchor,
                        f"media.{item.slug}.{attribute}",
                        getattr(item, attribute),
                        False,
                        style,
                    )
                )
            fields.append(Field(anchor, f"media.{item.slug}.credit", item.credit, False, False))
        return fields

    def text_fields(self, *, style=False):
        """Return the fields with text, only those style advice applies to if style is True."""
        return [f for f in self.fields if f.source and (f.prose_style or not style)]

    def field(self, section, name):
        return next((f for f in self.fields if (f.section, f.name) == (section, name)), None)

    def position(self, finding):
        """Sort key: errors first, then the place of the finding on the page."""
        return (
            finding.severity != Severity.ERROR,
            self._order.get((finding.section, finding.field), len(self._order)),
            finding.start or 0,
        )

    def finding(self, check, severity, message, field, start=None, end=None, suggestion=None):
        """Return a finding located in a field, with its excerpt."""
        excerpt = ""
        if field is not None and start is not None:
            excerpt = field.source[start:end]
            if len(excerpt) > EXCERPT_MAX:
                excerpt = excerpt[: EXCERPT_MAX - 1].rstrip() + "…"
        return Finding(
            check=check,
            severity=Severity(severity),
            message=message,
            section=field.section if field else None,
            field=field.name if field else "",
            start=start,
            end=end,
            excerpt=excerpt,
            suggestion=suggestion,
        )
