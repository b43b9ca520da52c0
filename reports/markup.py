"""Small pieces of the document conventions that the importer and the exporter share."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from .models import MediaItem
from .slugs import unique

SPACES = " \t\u00a0\u2007\u202f\u200b\ufeff"  # trimmed from line ends, non-breaking ones too
ALIGNMENTS = set(MediaItem.Alignment.values)
MAX_SLUG = 90  # leaves room for "-2" and the like within the 100 characters a slug field holds

_IAL = re.compile(r"^\{(:?)\s*(.*?)\s*\}$")
_IAL_PART = re.compile(
    r"\s*(?:#(?P<id>[\w-]+)|\.(?P<cls>[\w-]+)|(?P<key>[\w-]+)=\"(?P<value>(?:[^\"\\]|\\.)*)\""
    r"|(?P<word>[\w-]+))"
)
_HEADLINES = re.compile(r"(?:[\w’']+\s+)?headlines?(?:\s+options?)?:?")
_INSERT = re.compile(r"insert\b[\s:]*(.*)", re.I | re.S)
_KINDS = {
    "intro": "intro",
    "introduction": "intro",
    "short list": "summary",
    "shortlist": "summary",
    "summary": "summary",
    "summary list": "summary",
    "section": "body",
}
_validate_url = URLValidator(schemes=["http", "https"])


def collapse(text):
    """Return text with runs of whitespace (non-breaking too) made one space, trimmed."""
    return re.sub(r"[\s\u200b\ufeff]+", " ", text or "").strip()


def clean_text(line):
    """Return a body line without stray spaces or the empty bold a word processor leaves."""
    line = re.sub(r"^([ \t]*)[\u00a0\u2007\u202f\u200b\ufeff]+", r"\1", line.rstrip(SPACES))
    line = re.sub(r"(?<=\S)\*\*\*\*(?=\S)", "", line)
    return re.sub(r"\*\*[ \u00a0]*\*\*$", "", line).rstrip(SPACES)


def emphasis_stripped(text):
    """Return text without bold or italic markers wrapped around all of it."""
    while True:
        found = re.fullmatch(r"(\*\*|__|\*|_)\s*(.+?)\s*\1", text, re.S)
        if not found or found.group(1) in found.group(2):
            return text
        text = found.group(2)


def bold_line(line):
    """Return the text of a line that is all bold (even in fragments), else None."""
    line = line.strip(SPACES)
    if line.startswith("***") and line.endswith("***"):
        line = line[1:-1]
    for mark in ("**", "__"):
        if not (line.startswith(mark) and line.endswith(mark)) or len(line) <= 2 * len(mark):
            continue
        parts = line.split(mark)
        outside = parts[0::2]
        if len(parts) % 2 and not any(part.strip(SPACES) for part in outside):
            text = emphasis_stripped(collapse("".join(parts)))
            return text if text and "](" not in text else None
    return None


def classify_marker(content):
    """Return (kind, text) for the content of a bracketed marker line such as [intro]."""
    content = collapse(content)
    lower = content.lower()
    if insert := _INSERT.fullmatch(content):
        return "insert", collapse(insert.group(1))
    if _HEADLINES.fullmatch(lower):
        return "headlines", ""
    if lower in {"unplaced media", "media library"}:
        return "library", ""
    name, colon, rest = content.partition(":")
    if name.strip().lower() == "note" and colon:
        return "note", rest.strip()
    if kind := _KINDS.get(name.strip().lower()):
        return kind, rest.strip()
    return "note", content


def attribute_list(text):
    """Return the attributes of a kramdown attribute list line ({: #id .class key="value"})."""
    found = _IAL.match(text.strip())
    if not found:
        return None
    kramdown, inner = found.groups()
    attrs, position = {"classes": []}, 0
    while position < len(inner):
        part = _IAL_PART.match(inner, position)
        if not part or part.end() == position:
            return None
        if part["id"]:
            attrs["id"] = part["id"]
        elif part["cls"]:
            attrs["classes"].append(part["cls"])
        elif part["key"]:
            attrs[part["key"].lower()] = _unescape(part["value"])
        elif kramdown or part["word"] in ALIGNMENTS:
            attrs["classes"].append(part["word"])
        else:
            return None
        position = part.end()
    return attrs


def _unescape(value):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value, flags=re.S)


def quoted(value):
    """Return value as a quoted attribute-list value."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _slug(text, words):
    return "-".join(slugify(text).split("-")[:words])[:MAX_SLUG].strip("-")


def default_anchor(kind, heading, taken):
    """Return the anchor the importer gives a section (its heading, slugified, made unique)."""
    fallback = "section" if kind == "body" else kind
    return unique(_slug(heading, 12) or fallback, taken)


def media_slug(kind, basis, taken):
    """Return the slug the importer gives a media item, from its description, title or alt."""
    return unique(_slug(basis, 6) or kind, taken)


def web_url(url):
    """Return True if url is an http(s) address a media item can record."""
    try:
        _validate_url(url)
    except ValidationError:
        return False
    return len(url) <= 500
