"""The GOV.UK style warnings."""

import pytest

from reports.checks import Severity
from tests.checks_helpers import body_findings, found, report_with
from tests.factories import HeadlineOptionFactory, ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_a_title_over_65_characters_is_a_warning_from_the_66th():
    title = "A" * 70
    [finding] = found(report_with(title=title), "title-length")
    assert finding.severity == Severity.WARNING
    assert (finding.field, finding.start, finding.end) == ("title", 65, 70)
    assert found(report_with(title="A" * 65), "title-length") == []


def test_the_chosen_headline_is_the_title_readers_see():
    report = report_with(title="Short")
    HeadlineOptionFactory(report=report, text="H" * 66, chosen=True)
    assert [f.field for f in found(report, "title-length")] == ["headline"]


def test_a_long_or_missing_summary_is_a_warning():
    assert found(report_with(summary="S" * 161), "summary-length")[0].start == 160
    assert found(report_with(summary="S" * 160), "summary-length") == []
    assert [f.field for f in found(report_with(summary=""), "summary-missing")] == ["summary"]
    assert found(report_with(summary="A summary."), "summary-missing") == []


@pytest.mark.parametrize(
    "text, excerpt",
    [
        ("a blog operated by the The National Archives.", "the The"),
        ("the **the** end", "the **the"),
        ("winning a both a yellow pencil", "a both a"),
        ("We met the\nthe team.", "the\nthe"),
    ],
)
def test_repeated_and_stray_words_are_warnings(text, excerpt):
    assert body_findings(text, "repeated-word") == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        "What he had had was enough.",
        "The end.\n\nThe start.",
        "* the\n* the",
        "They both chose a yellow pencil.",
        "See [the](https://www.gov.uk/the) page.",
    ],
)
def test_correct_or_separated_words_are_not_repeated_words(text):
    assert body_findings(text, "repeated-word") == []


def test_acronym_used_before_it_is_spelled_out_is_a_warning():
    body = "The CIO left.\n\nThe Chief Information Officer (CIO) role closed. The CIO agreed."
    report = report_with(body)
    [finding] = found(report, "acronym")
    assert finding.excerpt == "CIO"
    assert finding.start == 4
    assert "Chief Information Officer (CIO)" in finding.suggestion


def test_acronyms_spelled_out_first_or_well_known_are_fine():
    body = (
        "The Department for Work and Pensions (DWP) and Her Majesty’s Revenue and Customs "
        "(HMRC) work with DWP and HMRC’s teams in the UK, the EU and on GOV.UK. "
        "Ministry of Justice (MoJ) staff at MoJ."
    )
    assert body_findings(body, "acronym") == []


def test_an_acronym_never_spelled_out_is_a_warning_once():
    assert body_findings("An SME won. Another SME won. Cloudstore (CO) is live.", "acronym") == [
        "SME",
        "CO",
    ]


def test_acronyms_are_checked_in_page_order_across_sections():
    report = ReportFactory(summary="")
    SectionFactory(report=report, anchor="one", position=1, body="GDS helped.")
    SectionFactory(
        report=report, anchor="two", position=2, body="The Government Digital Service (GDS)."
    )
    [finding] = found(report, "acronym")
    assert finding.section == "one"


@pytest.mark.parametrize("text", ["A BusinessLink site", "On YouTube", "Chapter XIV", "Fine."])
def test_ordinary_words_are_not_acronyms(text):
    assert body_findings(text, "acronym") == []


@pytest.mark.parametrize(
    "text, excerpt",
    [
        ("We will deliver better services.", "deliver"),
        ("That's something we're already tackling.", "tackling"),
        ("the key performance indicators", "key"),
        ("We leveraged the platform.", "leveraged"),
        ("Departments are transforming services.", "transforming"),
        ("This will drive change.", "drive"),
        ("We utilise the cloud.", "utilise"),
    ],
)
def test_words_to_avoid_are_warnings(text, excerpt):
    assert body_findings(text, "words-to-avoid") == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        "Apply for a driving licence.",
        "The monkey ate a delivery of bananas.",
        "Keys open doors.",
        "[Read the guide](https://www.gov.uk/deliver-robust-services) now.",
        "Use `robust` in code.",
    ],
)
def test_allowed_words_urls_and_code_are_not_words_to_avoid(text):
    assert body_findings(text, "words-to-avoid") == []


def test_quarter_is_a_warning_but_quarterly_is_not():
    assert body_findings("In the last quarter and Q3 2013.", "quarter") == ["quarter", "Q3"]
    assert body_findings("Our quarterly report, written by 3 o'clock.", "quarter") == []


def test_sentences_over_25_words_are_warnings():
    long = " ".join(["word"] * 26) + "."
    short = " ".join(["word"] * 25) + "."
    report = report_with(f"{short} {long}\n\n{short}")
    [finding] = found(report, "sentence-length")
    assert "26 words" in finding.message
    body = report.sections.get().body
    assert body[finding.start : finding.end] == long


def test_list_items_and_urls_are_not_counted_as_one_long_sentence():
    items = "\n".join(f"* item {n} with a few words here" for n in range(10))
    link = "[Manual](https://www.gov.uk/" + "a/" * 40 + ") is short."
    assert body_findings(f"{items}\n\n{link}", "sentence-length") == []


def test_abbreviations_do_not_end_sentences():
    text = (
        "We used e.g. cloud services, i.e. hosting, for 13 departments and 6 agencies in June "
        + ("and more words " * 5)
    )
    assert body_findings(text + ".", "sentence-length")


@pytest.mark.parametrize(
    "text, check_id, excerpt",
    [
        ("Design & Art Direction", "ampersand", "&"),
        ("Fees, e.g. passports", "latin-abbreviation", "e.g."),
        ("Fees, i.e. costs", "latin-abbreviation", "i.e."),
        ("won two prestigious national awards", "number-words", "two"),
        ("across eight different departments", "number-words", "eight"),
        ("over twenty-five services", "number-words", "twenty-five"),
        ("from April–June 2013", "date-range", "April–June"),
        ("from 1-7 April", "date-range", "1-7 April"),
        ("in 2012-13", "date-range", "2012-13"),
        ("open Monday - Friday", "date-range", "Monday - Friday"),
    ],
)
def test_punctuation_and_number_warnings(text, check_id, excerpt):
    assert body_findings(text, check_id) == [excerpt]


@pytest.mark.parametrize(
    "text, check_id",
    [
        ("The D&AD awards and M&S.", "ampersand"),
        ("Use &amp; in `a & b`.", "ampersand"),
        ("Fees, eg passports", "latin-abbreviation"),
        ("Ten assessments. Three services passed.", "number-words"),
        ("One of the services, and one or two others.", "number-words"),
        ("We won 2 awards on Channel Four.", "number-words"),
        ("From April to June 2013.", "date-range"),
        ("Call 0300 123-4567 or see page 12-13.", "date-range"),
    ],
)
def test_punctuation_and_number_negatives(text, check_id):
    assert body_findings(text, check_id) == []


def test_suggestions_for_numbers_and_date_ranges():
    report = report_with("won two awards from April–June")
    assert found(report, "number-words")[0].suggestion == "Write “2”."
    assert found(report, "date-range")[0].suggestion == "Write “April to June”."
