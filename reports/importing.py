"""Import a report document (a draft or published-style markdown file) into the content model."""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from . import parsing, roles, slugs, workflow
from .documents import Document
from .errors import ImportRefused
from .models import HeadlineOption, MediaItem, Report, Section, Series

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class ImportResult:
    report: Report | None  # None after a dry run
    document: Document
    created: bool  # False when an existing report's draft content was replaced

    @property
    def counts(self):
        return self.document.counts()


def max_bytes():
    """Return the largest document, in bytes, that can be imported."""
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def decode(data):
    """Return a document's text, or raise ImportRefused if it is not a UTF-8 text file."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes():
        raise ImportRefused(
            f"The file is larger than the {_size(max_bytes())} limit. "
            "Split it, or remove embedded pictures and import them as media."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            "The file is not UTF-8 text. Save it as plain text or markdown (UTF-8) and try again.",
            line=raw[: error.start].count(b"\n") + 1,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\f", "\n")
    if control := re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text):
        raise ImportRefused(
            "The file holds characters that are not text, so it is probably not a text file.",
            line=text[: control.start()].count("\n") + 1,
        )
    if not text.strip():
        raise ImportRefused("The file is empty.", line=1)
    return text


def _size(n):
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def import_document(
    text_or_bytes,
    *,
    by,
    title=None,
    series=None,
    update=None,
    dry_run=False,
    filename=None,
    period=None,
):
    """Create a report from a document (or replace the draft content of report `update`).

    period, if given, is the (first, last) day the report covers.
    """
    document = parsing.parse(decode(text_or_bytes), title=title)
    report = _report_to_update(update) if update else None
    if by is not None:  # None: the command line
        roles.require(by, "create" if report is None else "import")
    if dry_run:
        return ImportResult(report=None, document=document, created=report is None)
    comment = f"Imported from {PurePath(filename).name if filename else 'a document'}"
    with workflow.editing(report, by=by, action="import", comment=comment) as change:
        if report is None:
            change.report = Report(created_by=by)
        else:
            _clear_draft_content(change.report)
        if period is not None:
            change.report.period_start, change.report.period_end = period
        _write(change.report, document, by=by, series=series)
    return ImportResult(report=change.report, document=document, created=report is None)


def _report_to_update(slug):
    report = Report.objects.filter(slug=slug).first()
    if report is None:
        raise ImportRefused(f"There is no report with the slug \u201c{slug}\u201d to update.")
    return report


def _clear_draft_content(report):
    """Delete the sections, headline options and media the import replaces."""
    report.media.all().delete()
    report.sections.all().delete()
    report.headline_options.all().delete()


def _write(report, document, *, by, series):
    report.title = document.title
    if not report.slug:
        report.slug = Report.unique_slug(document.title)
    if series is not None:
        report.series = _series(series)
    report.editorial_notes = "\n\n".join(document.notes)
    _save(report, line=1)
    sections = {}
    for position, part in enumerate(document.sections):
        section = Section(report=report, position=position, kind=part.kind, heading=part.heading)
        section.anchor, section.body = part.anchor, part.body
        sections[part.anchor] = _save(section, line=part.line)
    for position, part in enumerate(document.headline_options):
        option = HeadlineOption(report=report, position=position, text=part.text, author=by)
        option.notes, option.chosen = part.notes, part.chosen
        _save(option, line=part.line)
    for position, part in enumerate(document.media):
        _save(_media_item(report, part, position, sections), line=part.line)


def _media_item(report, part, position, sections):
    if part.section is not None and part.section not in sections:
        raise ImportRefused(
            f"There is no section with the anchor “{part.section}”.", line=part.line
        )
    return MediaItem(
        report=report,
        section=sections.get(part.section),
        kind=part.kind,
        slug=part.slug,
        position=position,
        title=part.title,
        description=part.description,
        url=part.url,
        alt_text=part.alt,
        caption=part.caption,
        alignment=part.alignment,
        captions_url=part.captions_url,
    )


def _save(obj, *, line):
    """Validate and save one object, turning a validation error into a refusal for its line."""
    try:
        obj.full_clean()
    except ValidationError as error:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise ImportRefused(
            f"{capfirst(obj._meta.verbose_name)} is not valid ({problems}).", line=line
        ) from None
    obj.save()
    return obj


def _series(series):
    """Return a Series for an instance or a name, creating a named series that is missing."""
    if isinstance(series, Series):
        return series
    existing = Series.objects.filter(name__iexact=series.strip()).first()
    if existing:
        return existing
    slug = slugs.free_slug(series, Series.objects.all(), max_length=190, fallback="series")
    return Series.objects.create(name=series.strip(), slug=slug)


def describe(document):
    """Return plain-text lines saying what importing the document creates."""
    counts = document.counts()
    lines = [f"Title: {document.title}", f"Headline options: {counts['headline_options']}"]
    lines += [f"  {n}. {o.text}" for n, o in enumerate(document.headline_options, start=1)]
    lines.append(f"Sections: {counts['sections']}")
    kinds = dict(Section.Kind.choices)
    lines += [f"  {kinds[s.kind]}: {s.heading or '(no heading)'}" for s in document.sections]
    lines.append(f"Media: {counts['media']}")
    lines += [
        f"  {m.kind} [{m.slug}] in {m.section or 'no section'}: {m.url or m.title}"
        + (f" ({m.alignment})" if m.alignment != "inline" else "")
        for m in document.media
        if m.kind != "placeholder"
    ]
    lines.append(f"Placeholders: {counts['placeholders']}")
    lines += [
        f"  [{m.slug}] in {m.section or 'no section'}: {m.description}"
        for m in document.media
        if m.kind == "placeholder"
    ]
    lines.append(f"Notes: {counts['notes']}")
    lines += [f"  {note}" for note in document.notes]
    return lines


def parse_title(text_or_bytes):
    """Return the title a document gives itself, or "" if it has none."""
    try:
        return parsing.parse(decode(text_or_bytes)).title
    except ImportRefused:
        return ""
