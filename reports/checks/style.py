"""Warnings from the GOV.UK style guide: length, repeated words, plain English, numbers."""

import re

from reports import wordlist

from . import check, rules
from .prose import BREAK, OPAQUE

WARNING = "warning"
_SPACE = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"  # within one block: no blank line
_REPEATED = re.compile(rf"\b(\w+){_SPACE}(\1)\b", re.I)
_WORD = re.compile(r"[\w£$€%][\w’'£$€%.,/-]*")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bMr|\bMs|\bDr)[.!?][)’”\"']*(?=\s|$)"
)
_DASH = re.compile(r"\s?[-–—]\s?")
_BLOCKS = re.compile(rf"[^\n{BREAK}](?:[^\n{BREAK}]|\n(?![ \t]*\n))*")


@check(WARNING)
def lengths(page):
    """GOV.UK titles are 65 characters or fewer, summaries 160 or fewer."""
    title = page.fields[0]
    limit = rules.TITLE_MAX_CHARS
    if len(title.source) > limit:
        yield page.finding(
            "title-length",
            WARNING,
            f"The title is {len(title.source)} characters long. GOV.UK titles should be "
            f"{limit} characters or fewer, so that search results show all of it.",
            title,
            limit,
            len(title.source),
            "Shorten the title.",
        )
    summary = page.field(None, "summary")
    limit = rules.SUMMARY_MAX_CHARS
    if not summary.source.strip():
        yield page.finding(
            "summary-missing",
            WARNING,
            "The report has no summary. Search results and the report page show it.",
            summary,
            suggestion="Write one or two sentences on what the report says.",
        )
    elif len(summary.source) > limit:
        yield page.finding(
            "summary-length",
            WARNING,
            f"The summary is {len(summary.source)} characters long: aim for {limit} or fewer.",
            summary,
            limit,
            len(summary.source),
            "Shorten the summary.",
        )


@check(WARNING)
def repeated_words(page):
    """A word written twice ("the The National Archives") or a stray word ("a both a")."""
    allowed = {w.lower() for w in rules.REPEATED_WORD_ALLOWLIST}
    for field in page.text_fields(style=True):
        spans = set()
        for m, start, end in field.prose.finditer(_REPEATED):
            if m.group(1).lower() in allowed or m.group(1).isdigit():
                continue
            spans.add((start, end))
            yield page.finding(
                "repeated-word",
                WARNING,
                f"“{m.group(1)}” is written twice.",
                field,
                start,
                end,
                f"Delete one “{m.group(1)}”.",
            )
        for pattern in rules.STRAY_WORDS:
            pattern = pattern.replace("{space}", _SPACE)
            for m, start, end in field.prose.finditer(pattern, re.I):
                if any(s < end and start < e for s, e in spans):
                    continue
                spans.add((start, end))
                yield page.finding(
                    "repeated-word",
                    WARNING,
                    f"“{m.group()}” has a stray word in it.",
                    field,
                    start,
                    end,
                    "Delete the word that should not be there.",
                )


@check(WARNING)
def words_to_avoid(page):
    """Words GOV.UK asks us not to use, and "quarter" where months are clearer."""
    for field in page.text_fields(style=True):
        for flag in wordlist.find(field.prose.text):
            yield page.finding(
                "words-to-avoid",
                WARNING,
                f"GOV.UK avoids “{flag.found}”: it is unclear or jargon.",
                field,
                *field.prose.span(flag.start, flag.end),
                flag.advice,
            )
        for pattern in rules.QUARTER_PATTERNS:
            for m, start, end in field.prose.finditer(pattern, re.I):
                yield page.finding(
                    "quarter",
                    WARNING,
                    f"“{m.group()}” is unclear to many readers.",
                    field,
                    start,
                    end,
                    "Name the months, for example “July to September 2013”.",
                )


def sentences(text):
    """Yield (start, end) of each sentence of a projected text, block by block."""
    for block in _BLOCKS.finditer(text):
        pos = block.start()
        for end in _SENTENCE_END.finditer(text, block.start(), block.end()):
            yield pos, end.end()
            pos = end.end()
        if text[pos : block.end()].strip():
            yield pos, block.end()


@check(WARNING)
def sentence_length(page):
    """GOV.UK sentences are 25 words or fewer."""
    limit = rules.SENTENCE_MAX_WORDS
    for field in page.text_fields(style=True):
        text = field.prose.text
        for start, end in sentences(text):
            chunk = text[start:end]
            words = len(_WORD.findall(chunk.replace(OPAQUE, " ")))
            if words > limit:
                lead = len(chunk) - len(chunk.lstrip())
                src_start, src_end = field.prose.span(start + lead, end)
                yield page.finding(
                    "sentence-length",
                    WARNING,
                    f"This sentence is {words} words long: GOV.UK aims for {limit} or fewer.",
                    field,
                    src_start,
                    src_end,
                    "Split it into shorter sentences.",
                )


@check(WARNING)
def punctuation(page):
    """An ampersand in prose, and "e.g." or "i.e." with full stops."""
    for field in page.text_fields(style=True):
        for _m, start, end in field.prose.finditer(rules.AMPERSAND):
            yield page.finding(
                "ampersand",
                WARNING,
                "GOV.UK writes “and”, not “&”, except in names such as D&AD.",
                field,
                start,
                end,
                "Write “and”.",
            )
        for pattern, instead in rules.LATIN_ABBREVIATIONS.items():
            for m, start, end in field.prose.finditer(pattern, re.I):
                yield page.finding(
                    "latin-abbreviation",
                    WARNING,
                    f"“{m.group()}” can be misread: GOV.UK writes “{instead}”.",
                    field,
                    start,
                    end,
                    f"Write “{instead}”.",
                )


def _sentence_starts(text):
    return {
        start + len(text[start:end]) - len(text[start:end].lstrip())
        for start, end in sentences(text)
    }


@check(WARNING)
def number_words(page):
    """GOV.UK writes numbers as numerals ("2 awards"), except "one" and at a sentence start."""
    words = "|".join(sorted(rules.NUMBER_WORDS, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{words})(?:-(?:{words}|one))?\b", re.I)
    for field in page.text_fields(style=True):
        text = field.prose.text
        starts = _sentence_starts(text)
        excused = [m.span() for p in rules.NUMBER_PHRASES for m in re.finditer(p, text, re.I)]
        for m in pattern.finditer(text):
            if m.start() in starts or m.group()[0].isupper():
                continue  # a sentence starts with it, or it is part of a name
            if any(s <= m.start() < e for s, e in excused):
                continue
            start, end = field.prose.span(*m.span())
            yield page.finding(
                "number-words",
                WARNING,
                f"GOV.UK writes numbers as numerals: “{m.group()}”.",
                field,
                start,
                end,
                f"Write “{_numeral(m.group())}”.",
            )


def _numeral(words):
    parts = words.lower().split("-")
    return str(sum(rules.NUMBER_WORDS.get(p, 1 if p == "one" else 0) for p in parts))


@check(WARNING)
def date_ranges(page):
    """GOV.UK writes date ranges with "to", not a dash."""
    for field in page.text_fields(style=True):
        for pattern in rules.DATE_RANGES:
            for m, start, end in field.prose.finditer(pattern, re.I):
                fixed = _DASH.sub(" to ", m.group())
                yield page.finding(
                    "date-range",
                    WARNING,
                    f"“{m.group()}” uses a dash for a range: GOV.UK writes “to”.",
                    field,
                    start,
                    end,
                    f"Write “{fixed}”.",
                )
