import nltk
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import headline_metrics as m
from reports.diffing import inline_diff
from tests.fuzzing import hostile_text

SEED = [
    "Great progress on transformation - lots of work to be done",
    "Making progress, more to do",
    "Progress made, but we can do better",
]
LONG = (
    "We will leverage robust digital platforms going forward to empower and transform "
    "public services"
)


@pytest.mark.parametrize(
    ("text", "characters", "words", "verdict"),
    [
        (SEED[0], 58, 10, "Within the 65-character limit (7 to spare)"),
        (SEED[1], 27, 5, "Within the 65-character limit (38 to spare)"),
        (SEED[2], 35, 7, "Within the 65-character limit (30 to spare)"),
        ("From Awards to Transactions", 27, 4, "Within the 65-character limit (38 to spare)"),
        (LONG, 96, 14, "31 characters over the 65-character limit"),
    ],
)
def test_counts_and_length_verdict_of_known_headlines(text, characters, words, verdict):
    metrics = m.measure(text)
    assert (metrics.characters, metrics.words, metrics.verdict) == (characters, words, verdict)
    assert metrics.fits == (characters <= 65)


def test_the_limit_is_inclusive():
    assert m.length_verdict("x" * 65) == (0, "Within the 65-character limit (0 to spare)")
    assert m.length_verdict("x" * 66) == (1, "1 character over the 65-character limit")


def test_characters_are_counted_as_readers_see_them():
    assert m.character_count("  Making   progress \n") == len("Making progress")


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (SEED[0], [("progress", "progress"), ("transform", "transformation")]),
        (SEED[1], [("progress", "progress")]),
        (SEED[2], [("progress", "Progress")]),
        ("From Awards to Transactions", []),
        (
            LONG,
            [
                ("leverage", "leverage"),
                ("robust", "robust"),
                ("going forward", "going forward"),
                ("empower", "empower"),
                ("transform", "transform"),
            ],
        ),
    ],
)
def test_flags_words_to_avoid(text, flagged):
    assert [(f.headword, f.found) for f in m.flagged(text)] == flagged


def test_flags_whole_words_and_prefers_the_longer_phrase():
    assert m.flagged("Keyboards and monkeys") == []
    assert [f.found for f in m.flagged("We drive out waste")] == ["drive out"]
    assert [f.found for f in m.flagged("No ring-fencing, no ring fencing")] == [
        "ring-fencing",
        "ring fencing",
    ]


def test_highlight_marks_flagged_words_and_escapes_the_rest():
    text = "<b>Robust</b> plans"
    html = m.highlight(text, m.flagged(text))
    assert html == (
        '&lt;b&gt;<mark>Robust<span class="visually-hidden"> (word to avoid)</span></mark>'
        "&lt;/b&gt; plans"
    )


def test_the_words_to_avoid_list_is_data():
    entries = m.words_to_avoid()
    assert (["utilise", "utilises", "utilising", "utilisation"], 'Say "use".') in entries
    assert len(entries) > 30


def test_a_malformed_words_to_avoid_line_names_its_line():
    with pytest.raises(ValueError, match="Line 2"):
        m.parse_words_to_avoid(["# comment", "robust without advice"])


def test_truncation_at_a_word_boundary_with_an_ellipsis():
    assert m.truncate(SEED[0]) == SEED[0]
    cut = m.truncate(LONG)
    assert cut == "We will leverage robust digital platforms going forward to\u2026"
    assert len(cut) <= 65
    assert m.truncate("x" * 80) == "x" * 64 + "\u2026"
    # Trailing punctuation before the cut is dropped.
    assert m.truncate("a" * 60 + ", bbbbbbbbbb") == "a" * 60 + "\u2026"


def test_first_three_words():
    assert m.first_words(SEED[0]) == ["Great", "progress", "on"]
    assert m.first_words("Don't stop - well-known services") == ["Don't", "stop", "well-known"]


def test_reading_ease_of_known_strings():
    # 6 one-syllable words, 1 sentence: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145.
    assert m.reading_ease("The cat sat on the mat.") == 116.1
    # 5 words, 7 syllables (mak-ing, pro-gress): 206.835 - 5.075 - 118.44 = 83.32.
    assert m.reading_ease(SEED[1]) == 83.3
    assert m.reading_ease(SEED[0]) == 78.2
    assert m.reading_ease(SEED[2]) == 91.0
    assert m.reading_ease("") is None
    assert m.reading_ease_band(83.3) == "Easy"
    assert m.reading_ease_band(10) == "Very difficult"


def test_reading_ease_needs_no_downloads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("reading ease must not fetch NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    assert m.reading_ease("Transformation of government services") == m.reading_ease(
        "Transformation of government services"
    )


def test_similar_titles_finds_duplicates_and_near_duplicates():
    titles = [
        "Making progress: more to do",
        "Making progress, much to do",
        "Government Digital Strategy: quarterly progress report April 2013",
    ]
    found = m.similar_titles(SEED[1], titles)
    assert [(s.title, s.exact) for s in found] == [
        ("Making progress: more to do", True),
        ("Making progress, much to do", False),
    ]
    assert found[1].ratio >= m.SIMILARITY_THRESHOLD
    assert m.similar_titles(SEED[2], titles) == []


def test_previews():
    metrics = m.measure(LONG, summary="s " * 100, url="https://example.gov.uk/reports/x/")
    assert metrics.browser_title == LONG + " - GOV.UK"
    assert metrics.snippet.title == m.truncate(LONG)
    assert metrics.snippet.url == "https://example.gov.uk/reports/x/"
    assert metrics.snippet.description.endswith("\u2026")
    assert len(metrics.snippet.description) <= 160


def test_headlines_are_compared_word_by_word_in_one_line():

    assert inline_diff("Making progress, more to do", "Making progress, much more to do") == (
        'Making progress,<ins><span class="visually-hidden">[added: </span> much'
        '<span class="visually-hidden">]</span></ins> more to do'
    )
    html = inline_diff("Making <b>progress</b>", "Making headway")
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<del><span class="visually-hidden">[removed: </span>&lt;b&gt;progress' in html


# Property tests (Hypothesis, fixed budget: see tests/conftest.py)

HEADLINES = st.one_of(
    hostile_text(max_size=12),
    st.text(max_size=120),
    st.lists(st.sampled_from(["leverage", "-", "—", "'", "don't", "Q3", "  ", "£5m", "GOV.UK",
                              "<b>", "&", "going forward", ".", "!", "?", "\u00ad", "é"]),
             max_size=20).map(" ".join),
)  # fmt: skip


@given(HEADLINES, HEADLINES, st.lists(HEADLINES, max_size=3))
def test_any_headline_is_measured_and_diffed_without_error(text, other, titles):
    metrics = m.measure(text, summary=other, url="/reports/x/", other_titles=titles)
    assert metrics.characters == len(m.normalise(text))
    assert len(metrics.cut_off) <= m.TITLE_LIMIT
    assert "<b>" not in str(metrics.highlighted) and "<script" not in str(metrics.highlighted)
    assert "<b>" not in inline_diff(text, other)
