"""Read a draft or published-style markdown document into a plain Document.

The conventions are described in README.md ("Importing and exporting documents"). The reader
works in two passes: it splits the text into tokens (one per line, or one per raw block), then
walks the tokens, opening sections, collecting headline options, notes and media.
"""

import re
from dataclasses import dataclass, field

from . import htmlblocks, rendering
from .documents import Document, HeadlineOptionPart, MediaPart, SectionPart
from .errors import ImportRefused, RenderRefused
from .markup import (
    ALIGNMENTS,
    SPACES,
    attribute_list,
    bold_line,
    classify_marker,
    clean_text,
    collapse,
    default_anchor,
    emphasis_stripped,
    media_slug,
    unique,
    web_url,
)

MAX_CHARS = 200  # the longest title, heading or headline option the models hold

ATX = re.compile(r"^ {0,3}(#{1,6})(?!#)[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$")
HEADING_ID = re.compile(r"^(.*?)\s*\{:?\s*#([\w-]+)\s*\}$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:[*+-][ \t]|\d+[.)][ \t]|>|\||<|!\[|\[|\{|#|[-*_=]{3,})")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})(.*)$")
IMAGE = re.compile(
    r"^!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<url>[^\s)>]*)>?(?:\s+\"(?P<title>[^\"]*)\")?\s*\)"
    r"\s*(?P<ial>\{[^{}]*\})?$"
)
INSERT = re.compile(r"^\[\s*insert\b[\s:]*(?P<text>.*?)\s*\]$", re.I)
SHORTCODE = re.compile(
    r"^\[(?P<kind>Image|Video|Chart|Attachment|Placeholder):\s*(?P<slug>[\w-]+)\]$"
)
BULLET = re.compile(r"^(?:[*+-]|\d+[.)])\s+")
CHOSEN = re.compile(r"\s*\[chosen\]\s*$", re.I)
OPTION_NOTES = re.compile(r"\s*\[notes?:\s*(.*?)\s*\]\s*$", re.I)
HTML_BLOCK = re.compile(r"^ {0,3}<(?:!--|/?([a-zA-Z][\w-]*)(?=[\s/>]|$))")
_BLOCK_TAG_NAMES = (
    "address article aside blockquote center details dialog dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr iframe li main nav ol p pre section "
    "script style table tbody td tfoot th thead tr ul video"
)
BLOCK_TAGS = set(_BLOCK_TAG_NAMES.split())


@dataclass
class Token:
    kind: str
    line: int
    text: str = ""
    level: int = 0
    raw: list[str] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)
    match: re.Match | None = None


def parse(text, *, title=None):
    """Return the Document a markdown text describes; raise ImportRefused if it cannot."""
    lines = text.split("\n")
    front_title, start = _front_matter(lines)
    tokens = list(_tokens(lines, start))
    title_token = _title_token(tokens) if not front_title else None
    body_levels = [t.level for t in tokens if t.kind == "atx" and t is not title_token]
    reader = _Reader(section_level=min(body_levels, default=None))
    reader.read([t for t in tokens if t is not title_token])
    doc = reader.doc
    doc.title = collapse(title or front_title or (title_token.text if title_token else ""))
    if not doc.title:
        raise ImportRefused(
            "The document has no title. Start it with a heading such as “## Report title” "
            "above every other heading, or give a title when you import it.",
            line=1,
        )
    _check_length("The title", doc.title, title_token.line if title_token and not title else 1)
    for section in doc.sections:
        try:
            rendering.check_length(section.body)
        except RenderRefused as refusal:
            raise ImportRefused(
                f"This section is too long to publish. {refusal}", line=section.line
            ) from None
    return doc


def _check_length(what, text, line):
    if len(text) > MAX_CHARS:
        raise ImportRefused(
            f"{what} is {len(text)} characters; the limit is {MAX_CHARS}.", line=line
        )


def _front_matter(lines):
    """Return (title, first line after it) for a YAML front matter block, else ("", 0)."""
    if not lines or lines[0].strip() != "---":
        return "", 0
    for n, line in enumerate(lines[1:50], start=1):
        if line.strip() == "---":
            pairs = [re.match(r"^([\w-]+):\s*(.*)$", row) for row in lines[1:n]]
            if not all(pairs):
                return "", 0
            found = {m.group(1).lower(): m.group(2).strip().strip("\"'") for m in pairs}
            return found.get("title", ""), n + 1
    return "", 0


def _title_token(tokens):
    """Return the heading that opens the document above every other heading, or None."""
    first = next((t for t in tokens if t.kind != "blank"), None)
    if first is None or first.kind != "atx":
        return None
    others = [t.level for t in tokens if t.kind == "atx" and t is not first]
    return first if all(level > first.level for level in others) else None


def _tokens(lines, i):
    """Yield the tokens of the lines from index i on."""
    previous = "blank"
    while i < len(lines):
        token, i = _token(lines, i, previous)
        previous = token.kind
        yield token


def _token(lines, i, previous):
    """Return the token starting at line index i, and the index after it."""
    raw, number = lines[i], i + 1
    stripped = raw.strip(SPACES)
    if not stripped:
        return Token("blank", number), i + 1
    if fence := FENCE.match(raw):
        end = _fence_end(lines, i, fence.group(1))
        return Token("raw", number, raw=lines[i:end]), end
    if (html := HTML_BLOCK.match(raw)) and (
        html.group(1) is None or html.group(1).lower() in BLOCK_TAGS
    ):
        end = _html_end(lines, i, html.group(1))
        return Token("html", number, raw=lines[i:end]), end
    if (heading := ATX.match(stripped)) and heading.group(2).strip():
        return _heading(number, len(heading.group(1)), heading.group(2)), i + 1
    if (
        previous == "blank"
        and i + 1 < len(lines)
        and SETEXT.match(lines[i + 1])
        and not NOT_PARAGRAPH.match(raw)
    ):
        level = 1 if lines[i + 1].strip()[0] == "=" else 2
        return _heading(number, level, stripped), i + 2
    return _line_token(stripped, number, raw), i + 1


def _heading(number, level, text):
    anchor = ""
    if with_id := HEADING_ID.match(text):
        text, anchor = with_id.groups()
    return Token(
        "atx", number, text=emphasis_stripped(collapse(text)), level=level, attrs={"id": anchor}
    )


def _line_token(stripped, number, raw):
    """Return the token of one line that is not part of a block."""
    bold = bold_line(stripped)
    candidate = emphasis_stripped(bold or stripped)
    if (bold or candidate != stripped) and re.fullmatch(r"\[.*\]", candidate, re.S):
        kind, text = classify_marker(candidate[1:-1])
        return Token(kind, number, text=text)
    if bold:
        return Token("bold", number, text=bold, raw=[raw])
    if insert := INSERT.match(stripped):
        return Token("insert", number, text=collapse(insert.group("text")))
    if image := IMAGE.match(stripped):
        return Token("image", number, match=image)
    if shortcode := SHORTCODE.match(stripped):
        return Token("shortcode", number, match=shortcode, raw=[stripped])
    if (attrs := attribute_list(stripped)) is not None:
        return Token("attributes", number, attrs=attrs)
    return Token("text", number, raw=[raw])


def _fence_end(lines, i, opener):
    """Return the index after the fence (or container) that opens at line i."""
    char, width = opener[0], len(opener)
    for j in range(i + 1, len(lines)):
        closing = re.match(rf"^ {{0,3}}({re.escape(char)}{{{width},}})\s*$", lines[j])
        if closing:
            return j + 1
    return len(lines)


def _html_end(lines, i, tag):
    """Return the index after the raw HTML block that opens at line i."""
    if tag is None:  # a comment runs to its closing -->
        return next((j + 1 for j in range(i, len(lines)) if "-->" in lines[j]), len(lines))
    depth, opener, closer = (
        0,
        re.compile(rf"<{tag}(?=[\s/>])", re.I),
        re.compile(rf"</{tag}\s*>", re.I),
    )
    for j in range(i, len(lines)):
        depth += len(opener.findall(lines[j])) - len(closer.findall(lines[j]))
        if depth <= 0:
            return j + 1
    # Never closed: like CommonMark, the block ends at the first blank line.
    return next((j for j in range(i, len(lines)) if not lines[j].strip(SPACES)), len(lines))


class _Reader:
    """Walk the tokens, building the Document."""

    def __init__(self, *, section_level):
        self.doc = Document()
        self.section_level = section_level
        self.section = None
        self.body = []
        self.anchors, self.slugs = set(), set()
        self.headlines = None  # the marker token while headline options are being read
        self.pending = None  # a media item that a following attribute list may still change
        self.library = False  # after an "unplaced media" marker: media are not placed in a body
        self.fresh_section = False  # the current section has only just started

    def read(self, tokens):
        for token in tokens:
            if token.kind == "blank":
                self._blank()
            elif token.kind == "attributes":
                self._attributes(token)
            else:
                self._flush_media()
                self.fresh_section = False
                if self.headlines and not self._option(token):
                    self._close_headlines()
                if not self.headlines:
                    getattr(self, f"_on_{token.kind}")(token)
        self._flush_media()
        self._close_headlines()
        self._close_section()

    # Sections and their bodies

    def _open_section(self, kind, heading, line, anchor=""):
        self._close_section()
        _check_length("The heading", heading, line)
        anchor = (
            unique(anchor, self.anchors) if anchor else default_anchor(kind, heading, self.anchors)
        )
        self.anchors.add(anchor)
        self.section = SectionPart(kind=kind, heading=heading, anchor=anchor, line=line)
        self.doc.sections.append(self.section)
        self.fresh_section, self.library = True, False

    def _close_section(self):
        if self.section is not None:
            while self.body and not self.body[-1]:
                self.body.pop()
            self.section.body = "\n".join(self.body)
        self.body = []

    def _ensure_section(self, line):
        if self.section is None:
            self._open_section("intro", "", line)

    def _blank(self):
        if self.body and self.body[-1]:
            self.body.append("")

    def _add(self, lines, line, *, block=False):
        self._ensure_section(line)
        if block:
            self._blank()
        self.body.extend(lines)
        if block:
            self.body.append("")

    # Token handlers

    def _on_headlines(self, token):
        self.headlines = token

    def _on_intro(self, token):
        self._open_section("intro", token.text, token.line)

    def _on_summary(self, token):
        self._open_section("summary", token.text, token.line)

    def _on_body(self, token):
        self._open_section("body", token.text, token.line)

    def _on_library(self, token):
        self.library = True

    def _on_note(self, token):
        if token.text:
            self.doc.notes.append(token.text)

    def _on_atx(self, token):
        if self.section_level is not None and token.level <= self.section_level:
            self._open_section("body", token.text, token.line, token.attrs["id"])
        else:
            self._add(["#" * token.level + " " + token.text], token.line, block=True)

    def _on_bold(self, token):
        if self.section_level is None:
            self._open_section("body", token.text, token.line)
        else:
            self._on_text(token)

    def _on_text(self, token):
        self._add([clean_text(token.raw[0])], token.line)

    def _on_raw(self, token):
        self._add(token.raw, token.line, block=True)

    def _on_html(self, token):
        try:
            self._html_block(token)
        except htmlblocks.Unreadable as error:
            raise ImportRefused(
                f"This HTML cannot be read ({error.reason}). Correct the HTML or remove it.",
                line=token.line + error.line - 1,
            ) from None

    def _html_block(self, token):
        html = "\n".join(token.raw)
        if video := htmlblocks.video(html):
            self._media(token, "video", url=video.url, captions_url=video.captions_url)
            self.pending.title, self.pending.alignment = video.title, video.alignment
        elif htmlblocks.is_aside(html):
            aside = htmlblocks.aside_markdown(html)
            self._add(["::: aside", *aside.split("\n"), ":::"], token.line, block=True)
        else:
            self._add(token.raw, token.line, block=True)

    def _on_insert(self, token):
        self._media(token, "placeholder", description=token.text)

    def _on_image(self, token):
        m = token.match
        url, alt, title = m.group("url"), collapse(m.group("alt")), collapse(m.group("title") or "")
        if web_url(url):
            self._media(token, "image", url=url, alt=alt, title=title)
        else:  # a picture the importer cannot point to: someone has to upload it
            described = f"image “{alt}” ({url})" if alt else f"image {url}"
            self._media(token, "placeholder", description=described)
        if m.group("ial"):
            self._apply(attribute_list(m.group("ial")) or {}, token)

    def _on_shortcode(self, token):
        kind, slug = token.match.group("kind").lower(), token.match.group("slug")
        self._media(token, kind, slug=slug)
        self.pending.shortcode_only = True

    # Media

    def _media(self, token, kind, *, slug="", **fields):
        if not self.library:
            self._ensure_section(token.line)
        section = None if self.library else self.section.anchor
        item = MediaPart(kind=kind, slug=slug, section=section, line=token.line, **fields)
        # Reading state, removed when the item is complete.
        item.explicit_slug, item.shortcode_only, item.token = bool(slug), False, token
        self.pending = item

    def _attributes(self, token):
        if self.pending is not None:
            self._apply(token.attrs, token)
            self.pending.shortcode_only = False
        elif self.fresh_section and token.attrs.get("id") and not self.body:
            self.anchors.discard(self.section.anchor)
            self.section.anchor = unique(token.attrs["id"], self.anchors)
            self.anchors.add(self.section.anchor)

    def _apply(self, attrs, token):
        item = self.pending
        for name in ("title", "description", "alt", "caption"):
            if name in attrs:
                setattr(item, name, attrs[name])
        for name in ("url", "captions_url"):
            if name in attrs:
                if attrs[name] and not web_url(attrs[name]):
                    raise ImportRefused(f"“{attrs[name]}” is not a web address.", line=token.line)
                setattr(item, name, attrs[name])
        if "section" in attrs:
            item.section = attrs["section"] or None
        alignment = next((c for c in attrs.get("classes", []) if c in ALIGNMENTS), None)
        if alignment:
            item.alignment = alignment
        if attrs.get("id"):
            item.slug, item.explicit_slug = attrs["id"], True

    def _flush_media(self):
        item, self.pending = self.pending, None
        if item is None:
            return
        if item.shortcode_only:  # a bare [Kind: slug] line with no details is body text
            self._on_text(Token("text", item.line, raw=item.token.raw))
            return
        if item.explicit_slug:
            item.slug = unique(item.slug, self.slugs)
        else:
            basis = item.description or item.title or item.alt
            item.slug = media_slug(item.kind, basis, self.slugs)
        self.slugs.add(item.slug)
        for name in ("explicit_slug", "shortcode_only", "token"):
            delattr(item, name)
        self.doc.media.append(item)
        if not self.library:
            label = "Placeholder" if item.kind == "placeholder" else item.kind.capitalize()
            self._add([f"[{label}: {item.slug}]"], item.line, block=True)

    # Headline options

    def _option(self, token):
        """Read a headline option from a text line; return False if the token is not one."""
        text = clean_text(token.raw[0]).strip() if token.kind == "text" else ""
        if not text or re.fullmatch(r"[-*_ ]{3,}", text):
            return False
        text = emphasis_stripped(collapse(BULLET.sub("", text)))
        notes = ""
        if found := OPTION_NOTES.search(text):
            notes, text = found.group(1), text[: found.start()]
        chosen = bool(CHOSEN.search(text))
        text = CHOSEN.sub("", text).strip()
        _check_length("The headline option", text, token.line)
        self.doc.headline_options.append(
            HeadlineOptionPart(text=text, notes=notes, chosen=chosen, line=token.line)
        )
        return True

    def _close_headlines(self):
        marker, self.headlines = self.headlines, None
        if marker is None:
            return
        if not any(o.line > marker.line for o in self.doc.headline_options):
            raise ImportRefused(
                "The headline options marker has no options after it. Put each option on its own "
                "line below the marker, or remove the marker.",
                line=marker.line,
            )
        if sum(o.chosen for o in self.doc.headline_options) > 1:
            raise ImportRefused(
                "Only one headline option can be marked [chosen].", line=marker.line
            )
