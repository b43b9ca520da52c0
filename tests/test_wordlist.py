import pytest

from reports import checks, headline_metrics, wordlist
from tests.checks_helpers import report_with

pytestmark = pytest.mark.django_db


def test_the_headline_workbench_and_the_checks_read_the_same_list(tmp_path, monkeypatch):
    data = tmp_path / "words.txt"
    data.write_text("synergy, synergies | Say what working together achieves.\n")
    monkeypatch.setattr(wordlist, "PATH", data)
    wordlist.load.cache_clear()
    try:
        text = "Synergies across departments"
        assert [f.found for f in headline_metrics.flagged(text)] == ["Synergies"]
        report = report_with(text, title="Working together")
        [finding] = [f for f in checks.run(report) if f.check == "words-to-avoid"]
        assert (finding.excerpt, finding.suggestion) == (
            "Synergies",
            "Say what working together achieves.",
        )
    finally:
        wordlist.load.cache_clear()


def test_allowed_phrases_are_not_flagged_but_the_word_elsewhere_is():
    text = "Our progress report: we progressed the driving test and will drive change"
    assert [f.found for f in wordlist.find(text)] == ["progressed", "drive"]


def test_allow_lines_are_parsed_apart_from_entries():
    words = wordlist.parse(["# comment", "robust | Say why.", "allow: robust bridge, robust pier"])
    assert words.entries == [(["robust"], "Say why.")]
    assert words.allowed == ["robust bridge", "robust pier"]
