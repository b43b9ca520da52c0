"""Compare two snapshots of a report: field by field, part by part, word by word."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

REPORT_FIELDS = [
    ("title", "Title"),
    ("slug", "Address (slug)"),
    ("summary", "Summary"),
    ("organisation", "Organisation"),
    ("series", "Series"),
    ("period_start", "Period start"),
    ("period_end", "Period end"),
    ("editorial_notes", "Editorial notes"),
    ("status", "Workflow state"),
]
SECTION_FIELDS = [("kind", "Kind"), ("heading", "Heading"), ("anchor", "Anchor"), ("body", "Body")]
HEADLINE_FIELDS = [
    ("text", "Headline"),
    ("notes", "Notes"),
    ("chosen", "Chosen"),
    ("retired", "Retired"),
]
MEDIA_FIELDS = [
    ("kind", "Kind"),
    ("slug", "Slug"),
    ("section", "Section"),
    ("title", "Title"),
    ("alt_text", "Alt text"),
    ("decorative", "Decorative"),
    ("caption", "Caption"),
    ("credit", "Credit"),
    ("alignment", "Alignment"),
    ("file", "File"),
    ("url", "Address"),
    ("captions_url", "Captions or transcript"),
    ("description", "Description"),
]
# The parts of a report, with the fields compared and the field that names a part.
PARTS = [
    ("sections", "Sections", SECTION_FIELDS, "heading"),
    ("headline_options", "Headline options", HEADLINE_FIELDS, "text"),
    ("media", "Media", MEDIA_FIELDS, "slug"),
]

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str
    new: str
    old_html: str
    new_html: str

    @property
    def changed(self):
        return self.old != self.new


@dataclass
class PartDiff:
    key: object
    label: str
    state: str  # "added", "removed", "changed" or "unchanged"
    moved: bool = False
    old_position: int | None = None
    new_position: int | None = None
    fields: list[FieldDiff] = field(default_factory=list)

    @property
    def changed_fields(self):
        return [f for f in self.fields if f.changed]

    @property
    def has_changes(self):
        return self.state != "unchanged" or self.moved


@dataclass
class PartsDiff:
    name: str
    label: str
    parts: list[PartDiff]

    @property
    def changed_parts(self):
        return [p for p in self.parts if p.has_changes]

    def count(self, state):
        """Return how many parts are in the given state ("moved" counts moved parts)."""
        if state == "moved":
            return sum(p.moved for p in self.parts)
        return sum(p.state == state for p in self.parts)

    @property
    def summary(self):
        """Return, for example, "2 added, 1 moved, 4 unchanged"."""
        counts = [(self.count(s), s) for s in ("added", "removed", "moved", "changed")]
        counts.append(
            (
                self.count("unchanged")
                - sum(p.moved for p in self.parts if p.state == "unchanged"),
                "unchanged",
            )
        )
        text = ", ".join(f"{n} {state}" for n, state in counts if n)
        return text or "None in either version"


@dataclass
class Comparison:
    fields: list[FieldDiff]
    parts: list[PartsDiff]

    @property
    def changed_fields(self):
        return [f for f in self.fields if f.changed]

    @property
    def has_changes(self):
        return bool(self.changed_fields) or any(p.changed_parts for p in self.parts)


def _mark(tag, text, label):
    return (
        f'<{tag}><span class="visually-hidden">[{label}: </span>{escape(text)}'
        f'<span class="visually-hidden">]</span></{tag}>'
    )


def _joined(opcodes, a):
    """Opcodes with changes separated only by spaces joined into one, for easier reading."""
    joined = []
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between = (
            tag == "equal"
            and 0 < n < len(opcodes) - 1
            and all(token.isspace() for token in a[i1:i2])
        )
        if joined and joined[-1][0] != "equal" and (tag != "equal" or between):
            joined[-1] = ("replace", joined[-1][1], i2, joined[-1][3], j2)
        else:
            joined.append((tag, i1, i2, j1, j2))
    return joined


def _word_blocks(old, new, left, right):
    """Append the texts to left and right, changed words marked; left may be right (inline)."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in _joined(opcodes, a):
        if tag == "equal":
            text = escape("".join(a[i1:i2]))
            left.append(text)
            if right is not left:
                right.append(text)
            continue
        if i2 > i1:
            left.append(_mark("del", "".join(a[i1:i2]), "removed"))
        if j2 > j1:
            right.append(_mark("ins", "".join(b[j1:j2]), "added"))


def inline_diff(old, new):
    """Return one short text with its removed words in <del> and added words in <ins>."""
    parts = []
    _word_blocks(old, new, parts, parts)
    return mark_safe("".join(parts))


def word_diff(old, new):
    """Return (old_html, new_html): the texts with removed words in <del>, added in <ins>."""
    if old == new:
        text = escape(old)
        return mark_safe(text), mark_safe(text)
    left, right = [], []
    # Lines first, then words within changed lines: fast on long bodies, and readable.
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            text = escape("".join(a[i1:i2]))
            left.append(text)
            right.append(text)
        elif tag == "replace":
            _word_blocks("".join(a[i1:i2]), "".join(b[j1:j2]), left, right)
        elif tag == "delete":
            left.append(_mark("del", "".join(a[i1:i2]), "removed"))
        else:
            right.append(_mark("ins", "".join(b[j1:j2]), "added"))
    return mark_safe("".join(left)), mark_safe("".join(right))


def compare_fields(old, new, specs):
    """Return a FieldDiff for each (name, label) in specs; missing values count as empty."""
    diffs = []
    for name, label in specs:
        a, b = old.get(name, "") if old else "", new.get(name, "") if new else ""
        old_html, new_html = word_diff(a, b)
        diffs.append(FieldDiff(name, label, a, b, old_html, new_html))
    return diffs


def _kept_in_order(a, b):
    """Keys of a longest common subsequence of a and b: the ones that did not move."""
    kept = set()
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        kept.update(b[block.b : block.b + block.size])
    return kept


def _position(part):
    try:
        return int(part.get("position") or 0)
    except ValueError:
        return 0


def _moved_keys(old_by_key, new_by_key):
    """Keys present in both versions whose relative order changed.

    When several answers are equally short (two neighbours swapped), the parts whose own
    position changed most are the ones shown as moved.
    """
    both = old_by_key.keys() & new_by_key.keys()
    a = [k for k in old_by_key if k in both]
    b = [k for k in new_by_key if k in both]
    candidates = [both - _kept_in_order(a, b), both - _kept_in_order(a[::-1], b[::-1])]

    def shift(keys):
        return sum(abs(_position(new_by_key[k][1]) - _position(old_by_key[k][1])) for k in keys)

    return min(candidates, key=lambda keys: (len(keys), -shift(keys)))


def compare_parts(old_parts, new_parts, specs, label_field):
    """Match parts by key (their primary key) and return them in reading order."""
    old_by_key = {p["key"]: (i, p) for i, p in enumerate(old_parts)}
    new_by_key = {p["key"]: (i, p) for i, p in enumerate(new_parts)}
    moved = _moved_keys(old_by_key, new_by_key)
    ordered = [(float(i), key) for key, (i, _) in new_by_key.items()]
    # A removed part is shown after the part that came before it in the old version.
    anchor, step = -1.0, 0
    for key in old_by_key:
        if key in new_by_key:
            anchor, step = float(new_by_key[key][0]), 0
        else:
            step += 1
            ordered.append((anchor + step / (len(old_parts) + 2), key))
    ordered.sort(key=lambda pair: pair[0])
    diffs = []
    for _, key in ordered:
        old_i, old = old_by_key.get(key, (None, None))
        new_i, new = new_by_key.get(key, (None, None))
        fields = compare_fields(old, new, specs)
        if old is None:
            state = "added"
        elif new is None:
            state = "removed"
        else:
            state = "changed" if any(f.changed for f in fields) else "unchanged"
        shown = new or old
        label = shown.get(label_field) or shown.get("kind") or "Untitled"
        diffs.append(
            PartDiff(
                key=key,
                label=label,
                state=state,
                moved=key in moved,
                old_position=None if old_i is None else old_i + 1,
                new_position=None if new_i is None else new_i + 1,
                fields=fields,
            )
        )
    return diffs


def compare(old, new):
    """Return the Comparison of two report snapshots (see reports.history.snapshot)."""
    return Comparison(
        fields=compare_fields(old["report"], new["report"], REPORT_FIELDS),
        parts=[
            PartsDiff(name, label, compare_parts(old[name], new[name], specs, label_field))
            for name, label, specs, label_field in PARTS
        ],
    )
