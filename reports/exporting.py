"""Export a report as a markdown document in the draft conventions, or as JSON."""

import json
import re

from django.conf import settings
from django.utils.html import escape

from .documents import Document, HeadlineOptionPart, MediaPart, SectionPart
from .markup import classify_marker, collapse, default_anchor, media_slug, quoted

JSON_SCHEMA_VERSION = 1
SHORTCODE = re.compile(r"^\[(Image|Video|Chart|Attachment|Placeholder):\s*([\w-]+)\]$")
YOUTUBE = re.compile(r"^https?://(?:www\.|m\.)?(?:youtube\.com|youtu\.be|youtube-nocookie\.com)/")
MARKERS = {"intro": "intro", "summary": "Short list", "body": "section"}


def to_document(report):
    """Return the report's content as a plain Document."""
    return Document(
        title=report.title,
        headline_options=[
            HeadlineOptionPart(text=h.text, notes=h.notes, chosen=h.chosen)
            for h in report.headline_options.all()
        ],
        sections=[
            SectionPart(kind=s.kind, heading=s.heading, anchor=s.anchor, body=s.body)
            for s in report.sections.all()
        ],
        media=[_media_part(item) for item in report.media.select_related("section")],
        notes=notes(report),
    )


def notes(report):
    """Return the report's editorial notes, one per paragraph."""
    text = report.editorial_notes.strip()
    return [note.strip() for note in re.split(r"\n[ \t]*\n", text)] if text else []


def _media_part(item):
    url = item.url
    if not url and item.file:
        url = settings.SITE_URL + item.file.url
    return MediaPart(
        kind=item.kind,
        slug=item.slug,
        section=item.section.anchor if item.section else None,
        title=item.title,
        description=item.description,
        url=url,
        alt=item.alt_text,
        caption=item.caption,
        alignment=item.alignment,
        captions_url=item.captions_url,
    )


def as_dict(report):
    """Return the report in the stable JSON schema documented in README.md."""
    doc = to_document(report)
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "title": report.title,
        "slug": report.slug,
        "summary": report.summary,
        "series": report.series.name if report.series else None,
        "period_start": report.period_start.isoformat() if report.period_start else None,
        "period_end": report.period_end.isoformat() if report.period_end else None,
        "status": report.status,
        "headline_options": [
            {"text": h.text, "notes": h.notes, "chosen": h.chosen} for h in doc.headline_options
        ],
        "sections": [
            {"kind": s.kind, "heading": s.heading, "anchor": s.anchor, "body": s.body}
            for s in doc.sections
        ],
        "media": [
            {
                "kind": m.kind,
                "slug": m.slug,
                "section": m.section,
                "title": m.title,
                "description": m.description,
                "url": m.url,
                "alt": m.alt,
                "caption": m.caption,
                "alignment": m.alignment,
                "captions_url": m.captions_url,
            }
            for m in doc.media
        ],
        "notes": doc.notes,
    }


def to_json(report):
    """Return the report as JSON text."""
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def to_markdown(report):
    """Return the report as a markdown document that the importer reads back unchanged."""
    return _Writer(to_document(report)).write()


class _Writer:
    """Write a Document in the draft conventions, mirroring how the importer reads them."""

    def __init__(self, doc):
        self.doc = doc
        self.media = {m.slug: m for m in doc.media}
        self.placed = set()
        self.anchors, self.slugs = set(), set()
        self.out = []

    def write(self):
        self._block(f"# {self.doc.title}")
        if self.doc.headline_options:
            self._block("**[Headline options]**")
            for option in self.doc.headline_options:
                self._block(_option(option))
        for note in self.doc.notes:
            self._block(_note(note))
        for section in self.doc.sections:
            self._section(section)
        unplaced = [m for m in self.doc.media if m.slug not in self.placed]
        if unplaced:
            self._block("**[Unplaced media]**")
            for item in unplaced:
                self._block(self._media(item, section=None))
        return "\n\n".join(self.out) + "\n"

    def _block(self, text):
        self.out.append(text)

    def _section(self, section):
        default = default_anchor(section.kind, section.heading, self.anchors)
        self.anchors.add(section.anchor)
        custom = section.anchor != default
        if section.kind == "body" and section.heading:
            self._block(f"## {section.heading}" + (f" {{#{section.anchor}}}" if custom else ""))
        else:
            label = MARKERS[section.kind] + (f": {section.heading}" if section.heading else "")
            self._block(f"**[{label}]**" + (f"\n{{: #{section.anchor}}}" if custom else ""))
        lines = [self._body_line(line, section) for line in section.body.split("\n")]
        if section.body:
            self._block("\n".join(lines))

    def _body_line(self, line, section):
        found = SHORTCODE.match(line)
        item = self.media.get(found.group(2)) if found else None
        if item is None or item.slug in self.placed or found.group(1).lower() != item.kind:
            return line
        self.placed.add(item.slug)
        return self._media(item, section=section.anchor)

    def _media(self, item, *, section):
        """Return the lines of one media item, with an attribute list for what they miss."""
        derived = MediaPart(kind=item.kind, slug="", section=section)
        if item.kind == "placeholder":
            text = item.description if _inline(item.description) else ""
            derived.description, line = text, f"[insert {text}]".replace("[insert ]", "[insert]")
        elif item.kind == "image" and item.url and ")" not in item.url:
            derived.url, derived.alt = item.url, item.alt if _inline(item.alt, "[]") else ""
            derived.title = item.title if _inline(item.title, '"') else ""
            title = f' "{derived.title}"' if derived.title else ""
            line = f"![{derived.alt}]({item.url}{title})"
        elif item.kind == "video" and YOUTUBE.match(item.url):
            derived.url, derived.captions_url = item.url, item.captions_url
            captions = (
                f'\n<a href="{escape(item.captions_url)}">Captions</a>' if item.captions_url else ""
            )
            link = f'<a href="{escape(item.url)}">Watch on YouTube</a>'
            line = f'<div class="video">\n{link}{captions}\n</div>'
        else:
            line = f"[{item.kind.capitalize()}: {item.slug}]"
            derived.slug = item.slug
        attrs = self._attributes(item, derived)
        if item.kind in {"chart", "attachment"} or line.startswith("[") and not attrs:
            attrs = attrs or ['title=""']
        return line + (f"\n{{: {' '.join(attrs)}}}" if attrs else "")

    def _attributes(self, item, derived):
        basis = item.description or item.title or item.alt
        default = derived.slug or media_slug(item.kind, basis, self.slugs)
        self.slugs.add(item.slug)
        attrs = [f"#{item.slug}"] if item.slug != default else []
        if item.alignment != derived.alignment:
            attrs.append(f".{item.alignment}")
        for name in ("title", "description", "url", "alt", "caption", "captions_url"):
            if getattr(item, name) != getattr(derived, name):
                attrs.append(f"{name}={quoted(getattr(item, name))}")
        if item.section != derived.section:
            attrs.append(f"section={quoted(item.section or '')}")
        return attrs


def _inline(text, forbidden=""):
    """Return True if text survives being written on one line of the document unchanged."""
    return collapse(text) == text and not text.startswith(":") and not set(forbidden) & set(text)


def _option(option):
    line = option.text + (" [chosen]" if option.chosen else "")
    return line + (f" [notes: {collapse(option.notes)}]" if option.notes else "")


def _note(note):
    note = collapse(note)
    plain = classify_marker(note) == ("note", note) and not note.lower().startswith("note:")
    return f"**[{note}]**" if plain else f"**[Note: {note}]**"
