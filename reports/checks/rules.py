"""The data behind the content checks: word lists, allowlists and patterns.

Extend the lists here; the checks read them and need no change. Patterns are Python regular
expressions matched case-insensitively unless a list says otherwise.
"""

# GOV.UK style guide limits.
TITLE_MAX_CHARS = 65
SUMMARY_MAX_CHARS = 160
SENTENCE_MAX_WORDS = 25

# --- Errors ------------------------------------------------------------------------------------

# Leftover drafting markers, matched case-sensitively: "todo list" is English, "TODO" is a marker.
LEFTOVER_MARKERS = [
    (r"\bTODO\b", "TODO"),
    (r"\bTBC\b", "TBC"),
    (r"\bTBD\b", "TBD"),
    (r"\bFIXME\b", "FIXME"),
    (r"(?<![\w£$€])(?:XX+|xx+)(?![\w])", "XX"),
]

# Numbers still to be filled in: "take x of them live", "£xm", "x%", "£? million". Where a
# pattern has a group named "number", only that group is reported.
PLACEHOLDER_NUMBERS = [
    r"(?<![\w.-])[xX](?=\s+(?:of|more|fewer|new|other|per\s?cent|percent|million|billion|"
    r"thousand|hundred|times|people|users|services|departments|sites|websites|days|weeks|"
    r"months|years)\b)",
    r"(?<![\w.])[xX]{1,3}(?=\s?%)",
    r"[£$€](?:[xX]{1,3}|\?+|n)(?:m|bn|k)?(?![\w])",
    r"\b(?:take|took|taken|move|moved|complete|completed|launch|launched|save|saved|"
    r"reach|reached|hire|hired|recruit|recruited|over|about|around|nearly|almost|than)\s"
    r"(?P<number>[xX])(?![\w-])",
]

# A bracketed "[insert …]" line that the importer did not turn into a placeholder.
INSERT_PLACEHOLDER = r"\[\s*insert\b[^\]\n]*\]"

# Placeholder and test content: hosts (a URL on the host or any subdomain) and phrases.
TEST_HOSTS = [
    "placekitten.com",
    "placehold.it",
    "placehold.co",
    "placeholder.com",
    "dummyimage.com",
    "picsum.photos",
    "loremflickr.com",
    "fillmurray.com",
    "placecage.com",
    "example.com",
    "example.org",
    "example.net",
]
TEST_PHRASES = [
    r"\blorem ipsum\b",
    r"\bdolor sit amet\b",
]

# Links: schemes readers can follow. mailto: is allowed because GOV.UK links email addresses
# that readers should write to; everything else (javascript:, file:, ftp:, tel:, data:) is refused.
ALLOWED_SCHEMES = ["http", "https", "mailto"]
# Fragments that exist on every report page besides section and heading anchors.
PAGE_ANCHORS = ["main-content", "contents", "top"]
# Paths of this site that show a report: the slug is the first group.
REPORT_PATH = r"^/reports/([\w-]+)/?$"

# --- Warnings ----------------------------------------------------------------------------------

# Well-known abbreviations readers need no spelling out for (GOV.UK: "unless it's well known").
ACRONYM_ALLOWLIST = [
    "UK",
    "EU",
    "US",
    "USA",
    "UN",
    "NATO",
    "BBC",
    "NHS",
    "GOV.UK",
    "IT",
    "VAT",
    "PAYE",
    "MP",
    "MPs",
    "PDF",
    "CSV",
    "HTML",
    "URL",
    "ID",
    "PIN",
    "TV",
    "OK",
    "FAQ",
    "GCSE",
    "CEO",
    "AM",
    "PM",
    "BST",
    "GMT",
]

# Words between the words of a spelled-out name that its abbreviation skips.
ACRONYM_SMALL_WORDS = ["of", "for", "and", "the", "in", "on", "to", "&"]

# GOV.UK's words to avoid are data shared with the headline workbench:
# reports/data/words_to_avoid.txt (read through reports/wordlist.py).

# "Quarter" is unclear to most readers: name the months instead.
QUARTER_PATTERNS = [r"\bquarters?\b(?!ly)", r"\bQ[1-4]\b"]

# Link text that makes no sense read out of context, compared lower-cased without punctuation.
VAGUE_LINK_TEXT = [
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "this",
    "this page",
    "more info",
    "more information",
]

# Latin abbreviations with full stops, and what GOV.UK writes instead.
LATIN_ABBREVIATIONS = {
    r"\be\.\s?g\.?(?!\w)": "for example",
    r"\bi\.\s?e\.?(?!\w)": "that is",
}

# "&" is allowed inside names such as "D&AD" or "M&S" (a capital on both sides).
AMPERSAND = r"(?<![A-Z])&(?![A-Z])|(?<=[A-Z])&(?![A-Z])|(?<![A-Z])&(?=[A-Z])"

# Numbers GOV.UK writes as numerals. "one" stays a word (GOV.UK: "use ‘one’ unless …"), and any
# number word starting a sentence stays a word. Capitalised number words mid-sentence are names
# ("Channel Four") and are left alone.
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Common expressions where numerals would look strange.
NUMBER_PHRASES = [
    r"\bone or two\b",
    r"\btwo or three\b",
    r"\b(?:the|these|those|both|all) two\b(?!\s+\w+s\b)",
    r"\btwo-way\b",
    r"\btwo-factor\b",
    r"\btwo-step\b",
]

# Date ranges with a dash, which GOV.UK writes with "to": "July to September 2013".
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_DASH = r"\s?[-–—]\s?"
DATE_RANGES = [
    rf"\b{_MONTH}(?:\s\d{{4}})?{_DASH}{_MONTH}\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s{_MONTH})?{_DASH}\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}\b",
    rf"\b{_DAY}{_DASH}{_DAY}\b",
    rf"\b(?:19|20)\d{{2}}{_DASH}(?:19|20)?\d{{2}}\b",
    r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm){_DASH}\d{1,2}(?::\d\d)?\s?(?:am|pm)\b".replace(
        "{_DASH}", _DASH
    ),
]

# A stray word between two articles ("a both a") or two articles in a row ("the a").
# "{space}" stands for white space within one paragraph or list item.
STRAY_WORDS = [
    r"\b(?:a|an|the){space}(?:both|either|neither){space}(?:a|an|the)\b",
    r"\b(?:a|an|the){space}(?:a|an|the)\b",
]
# Doubled words that can be correct English.
REPEATED_WORD_ALLOWLIST = ["had", "that", "bye", "ha", "very", "far", "so", "no"]
