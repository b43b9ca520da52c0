"""Warn about abbreviations used before they are spelled out on the page (GOV.UK style)."""

import re
from dataclasses import dataclass

from . import check, rules

WARNING = "warning"
_TOKEN = re.compile(r"(?<![\w.&])[A-Z][A-Za-z&]*(?:\.[A-Z][A-Za-z]*)*(?![\w&])")
_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&.]*[A-Za-z])\s*\)")
_WORDS = re.compile(r"[A-Za-z][\w’'-]*")
_ROMAN = re.compile(r"^[IVX]+$")
_MARKERS = re.compile("|".join(pattern for pattern, _ in rules.LEFTOVER_MARKERS))  # errors already


def abbreviation(token):
    """Return the abbreviation a token is (without a plural "s"), or None for ordinary words."""
    base = token[:-1] if token.endswith("s") and len(token) > 2 else token
    upper = sum(c.isupper() for c in base)
    if upper < 2 or upper < sum(c.islower() for c in base) or _ROMAN.match(base):
        return None
    if _MARKERS.fullmatch(token):
        return None
    return base


def spelled_out(text, position, acronym):
    """Return where the words before text[position] spelling out the acronym start, or None."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    words = list(_WORDS.finditer(text, max(0, position - 300), position))[-(len(letters) + 8) :]
    if not words or words[-1].group()[0].lower() != letters[-1]:
        return None
    index = len(words) - 1
    for letter in reversed(letters):
        while index >= 0 and words[index].group()[0].lower() != letter:
            index -= 1
        if index < 0:
            return None
        start, index = words[index].start(), index - 1
    return start


@dataclass
class _Definition:
    order: int  # the field's place on the page
    start: int  # in the projected text
    full: str  # "Government Digital Service (GDS)"


def _definitions(fields):
    found = {}
    for order, field in enumerate(fields):
        text = field.prose.text
        for m in _DEFINITION.finditer(text):
            acronym = abbreviation(m.group(1))
            if not acronym or acronym in found:
                continue
            start = spelled_out(text, m.start(), acronym)
            if start is not None:
                found[acronym] = _Definition(order, m.start(1), text[start : m.end()])
    return found


@check(WARNING)
def acronyms(page):
    """Abbreviations must be spelled out the first time they are used, unless well known."""
    allowed = set(rules.ACRONYM_ALLOWLIST)
    fields = page.text_fields(style=True)
    definitions, reported = _definitions(fields), set()
    for order, field in enumerate(fields):
        for m in _TOKEN.finditer(field.prose.text):
            acronym = abbreviation(m.group())
            if not acronym or acronym in allowed or m.group() in allowed or acronym in reported:
                continue
            definition = definitions.get(acronym)
            if definition and (definition.order, definition.start) <= (order, m.start()):
                reported.add(acronym)  # spelled out before (or here): every later use is fine
                continue
            reported.add(acronym)
            if definition:
                message = f"“{acronym}” is used before it is spelled out."
                suggestion = f"Spell it out here, where it is first used: “{definition.full}”."
            else:
                message = f"“{acronym}” is not spelled out on the page."
                suggestion = (
                    f"Write the full name followed by ({acronym}) the first time you use it."
                )
            start, end = field.prose.span(m.start(), m.start() + len(acronym))
            yield page.finding("acronym", WARNING, message, field, start, end, suggestion)
