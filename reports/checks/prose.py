"""The readable words of a markdown text, mapped back to character offsets in its source.

Checks match patterns against `Prose.text`: markdown syntax is dropped, and code, URLs, HTML,
images and media shortcodes stand as one OPAQUE character each, so a pattern never matches
inside them. `Prose.span(match)` turns a match back into a range of the source.
"""

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from markdown_it import MarkdownIt

OPAQUE = "\ufffc"  # stands for code, a URL, an image or a shortcode
BREAK = "\u2029"  # a block boundary (list item, heading) that is not a blank line

_blocks = MarkdownIt("commonmark").disable("inline")  # only the block structure is needed

SHORTCODE = re.compile(r"\[(?:Image|Video|Chart|Attachment|Placeholder):\s*[\w-]+\]")
_SHORTCODE_LINE = re.compile(rf"^[ \t]*{SHORTCODE.pattern}[ \t]*$", re.M)
_REF_DEF = re.compile(
    r"^ {0,3}\[([^\]\n]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*$", re.M
)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_LABEL = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
_DEST = r"(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_INLINE_LINK = re.compile(rf"(!?){_LABEL}\(\s*{_DEST}{_TITLE}\s*\)")
_REF_LINK = re.compile(rf"(!?){_LABEL}\[([^\[\]\n]*)\]")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\]]*[^\s<>\"'\].,;:!?)’”]")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_BLOCK_MARKER = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:[*+-][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)", re.M
)
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])|~~")


@dataclass(frozen=True)
class Link:
    """A link (or image) in the source: its text and destination, with their ranges."""

    kind: str  # "inline", "image", "reference", "autolink", "definition", "bare"
    start: int
    end: int
    url: str
    url_start: int
    url_end: int
    text: str = ""
    text_start: int | None = None
    text_end: int | None = None


@dataclass
class Prose:
    source: str
    markdown: bool = True
    links: list = field(default_factory=list)
    _regions: list = field(default_factory=list)

    def __post_init__(self):
        if self.markdown:
            self._scan_markdown()
        self._add_all(_BARE_URL, OPAQUE, bare=True)
        self._add_all(_EMAIL, OPAQUE)

    # Building -----------------------------------------------------------------------------

    def _free(self, start, end, regions=None):
        regions = self._regions if regions is None else regions
        # The regions never overlap and are kept sorted: only the neighbours can collide.
        i = bisect.bisect_left(regions, (start,))
        return not (
            (i < len(regions) and regions[i][0] < end) or (i > 0 and regions[i - 1][1] > start)
        )

    def _add(self, start, end, replacement):
        if start < end and self._free(start, end):
            bisect.insort(self._regions, (start, end, replacement))
            return True
        return False

    def _add_all(self, pattern, replacement, bare=False):
        for m in pattern.finditer(self.source):
            if self._add(m.start(), m.end(), replacement) and bare and not self._in_link_text(m):
                url = m.group()
                self.links.append(Link("bare", m.start(), m.end(), url, m.start(), m.end()))

    def _in_link_text(self, m):
        return any(
            link.text_start is not None and link.text_start <= m.start() < link.text_end
            for link in self.links
        )

    def _scan_markdown(self):
        src = self.source
        line_starts = [0] + [m.end() for m in re.finditer(r"\n", src)]
        for token in _blocks.parse(src):
            if token.type in ("fence", "code_block", "html_block") and token.map:
                first, last = token.map
                end = line_starts[last] if last < len(line_starts) else len(src)
                self._add(line_starts[first], end, OPAQUE + "\n")
        for m in _REF_DEF.finditer(src):
            if self._add(m.start(), m.end(), OPAQUE):
                self.links.append(
                    Link("definition", m.start(), m.end(), m[2], m.start(2), m.end(2))
                )
        self._add_all(_SHORTCODE_LINE, OPAQUE)
        self._add_all(_CODE_SPAN, OPAQUE)
        for m in _AUTOLINK.finditer(src):
            if self._add(m.start(), m.end(), OPAQUE):
                url = m[1] if ":" in m[1] else f"mailto:{m[1]}"
                self.links.append(
                    Link(
                        "autolink",
                        m.start(),
                        m.end(),
                        url,
                        m.start(1),
                        m.end(1),
                        m[1],
                        m.start(1),
                        m.end(1),
                    )
                )
        self._scan_links(_INLINE_LINK, "inline")
        self._scan_links(_REF_LINK, "reference")
        self._add_all(SHORTCODE, OPAQUE)
        self._add_all(_HTML_TAG, "")

    def _scan_links(self, pattern, kind):
        for m in pattern.finditer(self.source):
            if not self._free(m.start(), m.start(2)) or not self._free(m.end(2), m.end()):
                continue
            url, url_start, url_end = m[3].strip("<>"), m.start(3), m.end(3)
            if m[1]:  # an image: its alt text is not running prose
                self._add(m.start(), m.end(), OPAQUE)
                self.links.append(
                    Link(
                        "image",
                        m.start(),
                        m.end(),
                        url,
                        url_start,
                        url_end,
                        m[2],
                        m.start(2),
                        m.end(2),
                    )
                )
                continue
            self._add(m.start(), m.start(2), "")
            self._add(m.end(2), m.end(), "")
            self.links.append(
                Link(kind, m.start(), m.end(), url, url_start, url_end, m[2], m.start(2), m.end(2))
            )

    # Reading ------------------------------------------------------------------------------

    @cached_property
    def _projection(self):
        src = self.source
        regions = list(self._regions)
        if self.markdown:
            for pattern, replacement in [
                (_ENTITY, OPAQUE),
                (_ESCAPE, ""),
                (_BLOCK_MARKER, BREAK),
                (_EMPHASIS, ""),
            ]:
                regions = sorted(regions + self._late_regions(pattern, replacement, regions))
        chars, starts, ends = [], [], []
        pos = 0
        for start, end, replacement in [*regions, (len(src), len(src), "")]:
            chars.append(src[pos:start])
            starts.extend(range(pos, start))
            ends.extend(range(pos + 1, start + 1))
            chars.append(replacement)
            starts.extend([start] * len(replacement))
            ends.extend([end] * len(replacement))
            pos = end
        return "".join(chars), starts, ends

    def _late_regions(self, pattern, replacement, taken):
        return [
            (m.start(), m.end(), replacement)
            for m in pattern.finditer(self.source)
            if m.start() < m.end() and self._free(m.start(), m.end(), taken)
        ]

    @property
    def text(self):
        """Return the readable text: syntax dropped, code and URLs as OPAQUE characters."""
        return self._projection[0]

    def span(self, start, end):
        """Return the source range of the projected range [start, end)."""
        _, starts, ends = self._projection
        if start >= end:
            return (starts[start] if start < len(starts) else len(self.source),) * 2
        return starts[start], ends[end - 1]

    def finditer(self, pattern, flags=0):
        """Yield (match, source_start, source_end) for a pattern matched against the text."""
        for m in re.finditer(pattern, self.text, flags):
            if m.end() > m.start():
                yield (m, *self.span(m.start(), m.end()))
