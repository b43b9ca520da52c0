"""Measure a candidate headline against GOV.UK's guidance. Pure functions: no database, no network.

The rules, so that editors and tests agree on them:

- Length: GOV.UK titles should be TITLE_LIMIT (65) characters or fewer, spaces included. Characters
  are counted after trimming the ends and collapsing runs of spaces, as readers would see them.
- Search-result cut-off: search engines show roughly the first 65 characters of a title. `truncate`
  keeps a title that fits; otherwise it cuts at the last space that leaves room for an ellipsis,
  drops trailing punctuation and adds "…", so the shown text is at most 65 characters. A first word
  longer than the limit is cut inside the word. Search summaries are cut the same way at 160.
- Words: runs of letters and digits, joined by inner apostrophes or hyphens ("don't", "well-known");
  a dash standing between spaces is not a word.
- Reading ease: the Flesch reading-ease formula, 206.835 - 1.015 x words per sentence - 84.6 x
  syllables per word, sentences counted by textstat. textstat's own Flesch function looks words up
  in NLTK's CMU dictionary, which it downloads at run time; a server must not depend on that, so
  syllables come from pyphen's British English hyphenation (textstat's own fallback): hyphenation
  points + 1 per word. Higher is easier; 60 or more is plain English.
- Words to avoid: GOV.UK's list, kept as data in reports/data/words_to_avoid.txt and shared with
  the content checks (see reports/wordlist.py).
- Near-duplicates: titles are compared case-insensitively with punctuation ignored; the same text
  is a duplicate, and a difflib similarity ratio of SIMILARITY_THRESHOLD (0.8) or more is a
  near-duplicate. 0.8 catches reworded punctuation, plurals and one changed word in a short title
  ("Making progress, more to do" / "Making progress, much to do") and leaves titles that merely
  share a topic alone.
"""

import difflib
import functools
import re
from dataclasses import dataclass, field

import pyphen
import textstat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from . import wordlist
from .wordlist import Flag

TITLE_LIMIT = 65
SUMMARY_LIMIT = 160
SIMILARITY_THRESHOLD = 0.8
FRONT_WORDS = 3
ELLIPSIS = "\u2026"
SITE_SUFFIX = " - GOV.UK"

WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
TRAILING_PUNCTUATION = " ,;:.-\u2013\u2014"

READING_EASE_BANDS = [
    (90, "Very easy"),
    (80, "Easy"),
    (70, "Fairly easy"),
    (60, "Plain English"),
    (50, "Fairly difficult"),
    (30, "Difficult"),
]


@dataclass(frozen=True)
class Similar:
    """Another title that a headline duplicates or nearly duplicates."""

    title: str
    ratio: float
    exact: bool


@dataclass(frozen=True)
class Snippet:
    """How a headline would look as a search result."""

    title: str
    url: str
    description: str


@dataclass(frozen=True)
class Metrics:
    """Everything the headline workbench shows about one headline."""

    text: str
    characters: int
    over_by: int
    verdict: str
    cut_off: str
    is_cut_off: bool
    words: int
    reading_ease: float | None
    reading_ease_band: str
    first_words: list[str]
    flags: list[Flag]
    similar: list[Similar]
    browser_title: str
    snippet: Snippet
    limit: int = TITLE_LIMIT
    highlighted: str = field(default="", repr=False)

    @property
    def fits(self):
        """Return True if the headline is within GOV.UK's title limit."""
        return self.over_by == 0


def normalise(text):
    """Return text as readers see it: ends trimmed, runs of whitespace made one space."""
    return " ".join(text.split())


def character_count(text):
    """Return the number of characters readers see, spaces included."""
    return len(normalise(text))


def length_verdict(text, limit=TITLE_LIMIT):
    """Return (characters over the limit, a plain-English verdict) for a headline."""
    count = character_count(text)
    over = max(0, count - limit)
    if over:
        unit = "character" if over == 1 else "characters"
        return over, f"{over} {unit} over the {limit}-character limit"
    left = limit - count
    return 0, f"Within the {limit}-character limit ({left} to spare)"


def truncate(text, limit=TITLE_LIMIT):
    """Return text as a search-results listing would cut it off (see the module docstring)."""
    text = normalise(text)
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS)
    cut = text.rfind(" ", 0, room + 1)
    head = text[:cut] if cut > 0 else text[:room]
    return head.rstrip(TRAILING_PUNCTUATION) + ELLIPSIS


def words(text):
    """Return the words of text, in order."""
    return WORD.findall(text)


def word_count(text):
    """Return the number of words in text."""
    return len(words(text))


def first_words(text, n=FRONT_WORDS):
    """Return the first n words, the ones GOV.UK asks to carry the meaning (front-loading)."""
    return words(text)[:n]


@functools.cache
def _hyphenator():
    return pyphen.Pyphen(lang="en_GB")


def syllable_count(word):
    """Return an estimate of a word's syllables from British English hyphenation."""
    return len(_hyphenator().positions(word.lower())) + 1


def reading_ease(text):
    """Return the Flesch reading-ease score of text (1 decimal place), or None without words."""
    found = words(text)
    if not found:
        return None
    sentences = max(1, textstat.sentence_count(normalise(text)))
    syllables = sum(syllable_count(word) for word in found)
    score = 206.835 - 1.015 * (len(found) / sentences) - 84.6 * (syllables / len(found))
    return round(score, 1)


def reading_ease_band(score):
    """Return Flesch's plain-English name for a reading-ease score."""
    if score is None:
        return "No words to score"
    return next((name for floor, name in READING_EASE_BANDS if score >= floor), "Very difficult")


def parse_words_to_avoid(lines):
    """Return [(forms, advice)] from the lines of a words-to-avoid file."""
    return wordlist.parse(lines).entries


def words_to_avoid():
    """Return the words-to-avoid list from its data file as [(forms, advice)]."""
    return wordlist.load().entries


def flagged(text, entries=None):
    """Return the words-to-avoid found in text, in reading order, without overlaps."""
    return wordlist.find(text, entries)


def highlight(text, flags):
    """Return text as safe HTML with each flagged word in a <mark>, labelled for screen readers."""
    html, at = [], 0
    for flag in flags:
        html.append(escape(text[at : flag.start]))
        html.append(
            format_html(
                '<mark>{}<span class="visually-hidden"> (word to avoid)</span></mark>',
                flag.found,
            )
        )
        at = flag.end
    html.append(escape(text[at:]))
    return mark_safe("".join(html))


def _comparable(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def similar_titles(text, titles, threshold=SIMILARITY_THRESHOLD):
    """Return the titles that text duplicates or nearly duplicates, most similar first."""
    mine = _comparable(text)
    found = {}
    for title in titles:
        theirs = _comparable(title)
        if not mine or not theirs:
            continue
        ratio = difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio()
        if ratio >= threshold and ratio > found.get(title, Similar(title, 0, False)).ratio:
            found[title] = Similar(title, round(ratio, 2), mine == theirs)
    return sorted(found.values(), key=lambda s: -s.ratio)


def browser_title(text):
    """Return the <title> a public page would have, as shown in a browser tab."""
    return normalise(text) + SITE_SUFFIX


def search_snippet(text, *, summary="", url=""):
    """Return how a search engine would list the page: cut-off title, address and summary."""
    return Snippet(truncate(text), url, truncate(summary, SUMMARY_LIMIT))


def measure(text, *, summary="", url="", other_titles=()):
    """Return every metric of one headline."""
    over_by, verdict = length_verdict(text)
    flags = flagged(text)
    score = reading_ease(text)
    return Metrics(
        text=text,
        characters=character_count(text),
        over_by=over_by,
        verdict=verdict,
        cut_off=truncate(text),
        is_cut_off=truncate(text) != normalise(text),
        words=word_count(text),
        reading_ease=score,
        reading_ease_band=reading_ease_band(score),
        first_words=first_words(text),
        flags=flags,
        similar=similar_titles(text, other_titles),
        browser_title=browser_title(text),
        snippet=search_snippet(text, summary=summary, url=url),
        highlighted=highlight(text, flags),
    )
