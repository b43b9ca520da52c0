"""GOV.UK's words to avoid: one list, kept as data, read by the headline workbench and the checks.

The list is reports/data/words_to_avoid.txt. Matching is case-insensitive and on whole words; a
phrase matches its words in order, joined by spaces or hyphens; where two matches overlap the
longer phrase wins ("drive out" over "drive"). A match inside an allowed phrase ("driving
licence") is not a word to avoid.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).parent / "data" / "words_to_avoid.txt"
ALLOW = "allow:"


@dataclass(frozen=True)
class Flag:
    """A word or phrase from the words-to-avoid list, found in a text."""

    headword: str
    found: str
    advice: str
    start: int
    end: int


@dataclass(frozen=True)
class WordList:
    """The parsed data file: [(forms, advice)] to avoid, and phrases where they are fine."""

    entries: list
    allowed: list


def _forms(terms):
    return [t.strip() for t in terms.split(",") if t.strip()]


def parse(lines):
    """Return the WordList in the lines of a words-to-avoid file."""
    entries, allowed = [], []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms, sep, advice = line.partition("|")
        if terms.startswith(ALLOW):
            allowed.extend(_forms(terms.removeprefix(ALLOW)))
            continue
        forms = _forms(terms)
        if not sep or not forms or not advice.strip():
            raise ValueError(f"Line {number}: expected 'word[, other form] | advice', got {line!r}")
        entries.append((forms, advice.strip()))
    return WordList(entries, allowed)


@functools.cache
def load():
    """Return the words-to-avoid list from its data file."""
    return parse(PATH.read_text(encoding="utf-8").splitlines())


def _pattern(form):
    parts = [re.escape(part) for part in re.split(r"[\s-]+", form)]
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w-])", re.IGNORECASE)


@functools.cache
def _patterns(entries):
    found = [(_pattern(form), forms[0], advice) for forms, advice in entries for form in forms]
    # Longer phrases first, so "drive out" wins over "drive".
    return sorted(found, key=lambda item: -len(item[0].pattern))


@functools.cache
def _allowed_patterns(allowed):
    return [_pattern(phrase) for phrase in allowed]


def _spans(patterns, text):
    return [m.span() for pattern in patterns for m in pattern.finditer(text)]


def find(text, entries=None, allowed=None):
    """Return the words to avoid in text, in reading order, without overlaps."""
    words = load()
    entries = tuple((tuple(f), advice) for f, advice in (entries or words.entries))
    allowed = tuple(words.allowed if allowed is None else allowed)
    # An allowed phrase counts as taken, so no word inside it is flagged.
    taken = _spans(_allowed_patterns(allowed), text)
    flags = []
    for pattern, headword, advice in _patterns(entries):
        for match in pattern.finditer(text):
            if all(match.end() <= start or match.start() >= end for start, end in taken):
                taken.append(match.span())
                flags.append(Flag(headword, match.group(), advice, match.start(), match.end()))
    return sorted(flags, key=lambda f: f.start)
