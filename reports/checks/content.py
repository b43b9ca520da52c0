"""Errors for editorial leftovers: placeholders, markers, TODOs and test content."""

import re
from urllib.parse import urlsplit

from . import check, rules
from .prose import SHORTCODE

ERROR = "error"
_INSERT = re.compile(rules.INSERT_PLACEHOLDER, re.I)
_BRACKETS = re.compile(r"\[([^\[\]\n]{1,200})\]")


def _placeholder_shortcode(slug):
    return re.compile(rf"\[Placeholder:\s*{re.escape(slug)}\]")


@check(ERROR)
def placeholder_media(page):
    """Media placeholders ("[insert …]" in the draft) that still wait for their media."""
    for item in page.media:
        if not item.is_placeholder():
            continue
        wanted = item.description or item.slug
        message = f"A placeholder is waiting for media: “{wanted}”."
        suggestion = "Upload the media and change this item’s kind, or delete the placeholder."
        places = [
            (f, m)
            for f in page.fields
            if f.name == "body"
            for m in _placeholder_shortcode(item.slug).finditer(f.source)
        ]
        for field, m in places:
            yield page.finding(
                "placeholder-media", ERROR, message, field, m.start(), m.end(), suggestion
            )
        if not places:
            anchor = item.section.anchor if item.section else None
            field = page.field(anchor, f"media.{item.slug}.title")
            yield page.finding("placeholder-media", ERROR, message, field, suggestion=suggestion)


@check(ERROR)
def insert_text(page):
    """Literal "[insert …]" lines the importer did not turn into placeholders."""
    for field in page.text_fields():
        for _m, start, end in field.prose.finditer(_INSERT):
            yield page.finding(
                "placeholder-text",
                ERROR,
                "This is a placeholder for content still to come.",
                field,
                start,
                end,
                "Add the content, or delete the placeholder.",
            )


@check(ERROR)
def editorial_markers(page):
    """Bracketed notes to the team, such as "[intro]", left in public text."""
    for field in page.text_fields():
        for m, start, end in field.prose.finditer(_BRACKETS):
            if _INSERT.fullmatch(m.group()) or SHORTCODE.fullmatch(m.group()):
                continue
            if m.group(1).startswith("^") or m.group(1).strip() in {"", "x", "X", " "}:
                continue  # footnote references and task-list boxes
            yield page.finding(
                "editorial-marker",
                ERROR,
                f"An editorial note is left in the text: “{m.group()}”.",
                field,
                start,
                end,
                "Delete the note, or move it to the report’s editorial notes.",
            )


@check(ERROR)
def leftover_markers(page):
    """TODO, TBC, XX and similar markers."""
    for pattern, label in rules.LEFTOVER_MARKERS:
        for field in page.text_fields():
            for _m, start, end in field.prose.finditer(pattern):
                yield page.finding(
                    "todo",
                    ERROR,
                    f"“{label}” marks something left to do.",
                    field,
                    start,
                    end,
                    "Finish the text and remove the marker.",
                )


@check(ERROR)
def placeholder_numbers(page):
    """Numbers not filled in yet, such as "take x of them live"."""
    seen = set()
    for pattern in rules.PLACEHOLDER_NUMBERS:
        for field in page.text_fields():
            for m, start, end in field.prose.finditer(pattern):
                if "number" in m.groupdict():
                    start, end = field.prose.span(*m.span("number"))
                if (field.section, field.name, start) in seen:
                    continue
                seen.add((field.section, field.name, start))
                yield page.finding(
                    "placeholder-number",
                    ERROR,
                    f"“{field.source[start:end]}” looks like a number that has not been filled in.",
                    field,
                    start,
                    end,
                    "Write the actual number.",
                )


def is_test_url(url):
    """Return True if the URL points at a placeholder or test host such as placekitten.com."""
    candidate = url if "//" in url else f"//{url}"
    try:
        host = (urlsplit(candidate).hostname or "").lower()
    except ValueError:
        return False
    return any(host == h or host.endswith(f".{h}") for h in rules.TEST_HOSTS)


@check(ERROR)
def test_content(page):
    """Placeholder or test media and text: placekitten.com, example.com, lorem ipsum."""
    for item in page.media:
        for attribute in ("url", "captions_url"):
            if is_test_url(getattr(item, attribute)):
                anchor = item.section.anchor if item.section else None
                field = page.field(anchor, f"media.{item.slug}.title")
                yield page.finding(
                    "test-content",
                    ERROR,
                    f"The {item.get_kind_display().lower()} “{item}” comes from a placeholder "
                    f"or test site: {getattr(item, attribute)}",
                    field,
                    suggestion="Use the real media, or delete the item.",
                )
    for field in page.text_fields():
        for link in field.prose.links:
            if is_test_url(link.url):
                yield page.finding(
                    "test-content",
                    ERROR,
                    f"This links to a placeholder or test site: {link.url}",
                    field,
                    link.url_start,
                    link.url_end,
                    "Link to the real page or media.",
                )
        for pattern in rules.TEST_PHRASES:
            for _m, start, end in field.prose.finditer(pattern, re.I):
                yield page.finding(
                    "test-content",
                    ERROR,
                    "This is placeholder text (lorem ipsum).",
                    field,
                    start,
                    end,
                    "Write the real text.",
                )
