"""Read the raw HTML blocks of published-style markdown: videos, pull-out asides, the rest."""

import re
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser

VIDEO_URL = re.compile(
    r"^(?:https?:)?//(?:www\.|m\.)?(?:youtube\.com|youtu\.be|youtube-nocookie\.com)/\S+", re.I
)
CAPTIONS = re.compile(r"caption|subtitle|transcript|\.srt\b|\.vtt\b", re.I)
GENERIC_LINK_TEXT = re.compile(r"^(?:watch|view|play|see)?[\w\s]{0,12}(?:video|youtube)?$", re.I)
ASIDE_CLASSES = {"pull-right", "pull-out", "pullout", "aside", "callout"}
ALIGNMENT_CLASSES = {"pull-right", "full-width"}
# Tags the aside converter turns into markdown; any other tag keeps the block as HTML.
_INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_TRANSPARENT = {"div", "span", "section", "aside", "p", "ul", "ol", "li", "br", "a", "img"}
_TRANSPARENT |= set(_INLINE) | {f"h{n}" for n in range(1, 7)}


class Unreadable(ValueError):
    """An HTML block that the HTML parser cannot read; line counts from the block's first line."""

    def __init__(self, reason, *, line):
        self.reason, self.line = reason, line
        super().__init__(reason)


@dataclass
class Video:
    url: str
    captions_url: str = ""
    title: str = ""
    alignment: str = "inline"


@dataclass
class _Link:
    href: str
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    """Collect a block's outer element, links, iframes and a markdown rendering of its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = None
        self.root_attrs = {}
        self.links, self.iframes, self.loose_text, self.markdown = [], [], [], []
        self.convertible = True
        self._link = None
        self._lists = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if self.root is None:
            self.root, self.root_attrs = tag, attrs
        if tag not in _TRANSPARENT:
            self.convertible = False
        if tag == "iframe":
            self.iframes.append((attrs.get("src", ""), attrs.get("title", "")))
        elif tag == "a":
            self._link = _Link(attrs.get("href", ""))
            self.links.append(self._link)
            self.markdown.append("[")
        elif tag == "img":
            self.markdown.append(f"![{attrs.get('alt', '')}]({attrs.get('src', '')})")
        elif tag in _INLINE:
            self.markdown.append(_INLINE[tag])
        elif tag in {"ul", "ol"}:
            self._lists.append(tag)
        elif tag == "li":
            self.markdown.append("\n1. " if self._lists[-1:] == ["ol"] else "\n* ")
        elif tag == "br":
            self.markdown.append("\n")
        elif tag[0] == "h" and tag[1:].isdigit():
            self.markdown.append("\n\n" + "#" * max(int(tag[1]), 3) + " ")
        else:
            self.markdown.append("\n\n")

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.markdown.append(f"]({self._link.href})")
            self._link = None
        elif tag in _INLINE:
            self.markdown.append(_INLINE[tag])
        elif tag in {"ul", "ol"} and self._lists:
            self._lists.pop()
            self.markdown.append("\n\n")
        elif tag not in {"li", "br", "img"}:
            self.markdown.append("\n\n")

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", data)
        self.markdown.append(text)
        (self._link.text if self._link else self.loose_text).append(text)


def _read(html):
    """Return the block read; raise Unreadable where the parser gives up.

    Python's html.parser raises AssertionError on some malformed declarations (such as "<![>"),
    which is its way of reporting bad markup, not a bug of ours.
    """
    reader = _Reader()
    try:
        reader.feed(html)
        reader.close()
    except (AssertionError, ValueError) as error:
        raise Unreadable(str(error), line=reader.getpos()[0]) from None
    return reader


def _plain(parts):
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _absolute(url):
    return f"https:{url}" if url.startswith("//") else url


def classes(html):
    """Return the class names of the block's outer element."""
    return set(_read(html).root_attrs.get("class", "").split())


def video(html):
    """Return the Video a block holds (a YouTube link or player), or None."""
    reader = _read(html)
    sources = [(_absolute(src), title) for src, title in reader.iframes if VIDEO_URL.match(src)]
    links = [link for link in reader.links if VIDEO_URL.match(link.href)]
    if not sources and not links:
        return None
    link_text = _plain(links[0].text) if links else ""
    captions = next(
        (
            link.href
            for link in reader.links
            if link not in links
            and (CAPTIONS.search(link.href) or CAPTIONS.search(_plain(link.text)))
        ),
        "",
    )
    candidates = [
        sources[0][1] if sources else "",
        "" if GENERIC_LINK_TEXT.match(link_text) else link_text,
        _plain(reader.loose_text),
    ]
    alignment = next(iter(ALIGNMENT_CLASSES & classes(html)), "inline")
    return Video(
        url=_absolute(links[0].href) if links else sources[0][0],
        captions_url=_absolute(captions),
        title=next((c for c in candidates if c), "")[:200],
        alignment=alignment,
    )


def is_aside(html):
    """Return True if the block is a pull-out aside (a div with a pull-right class, or <aside>)."""
    reader = _read(html)
    return reader.root == "aside" or (
        reader.root == "div"
        and bool(ASIDE_CLASSES & set(reader.root_attrs.get("class", "").split()))
    )


def aside_markdown(html):
    """Return the aside's content as markdown, or as its HTML when it is not simple enough."""
    reader = _read(html)
    inner = re.match(r"^\s*<[^>]*>(.*)</\s*\w+\s*>\s*$", html, re.S)
    if inner and (reader.root_attrs.get("markdown") == "1" or "<" not in inner.group(1)):
        return textwrap.dedent(inner.group(1)).strip("\n")
    if not reader.convertible:
        return html.strip("\n")
    text = "".join(reader.markdown)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
