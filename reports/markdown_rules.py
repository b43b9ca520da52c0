"""markdown-it rules for report bodies: GOV.UK classes, anchors, abbreviations, callouts, media."""

import re
from html import escape

from django.utils.text import slugify
from markdown_it.token import Token

from . import slugs

SHORTCODE = re.compile(r"^\[(Image|Video|Chart|Attachment|Placeholder): ([A-Za-z0-9_-]+)\]\s*$")
ABBREVIATION = re.compile(r"^\*\[([^\]\n]+)\]:[ \t]*(.*)$", re.MULTILINE)
FENCE = re.compile(r"^ {0,3}(```|~~~)")

HEADING_CLASSES = {
    "h1": "govuk-heading-xl",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "h5": "govuk-heading-s",
    "h6": "govuk-heading-s",
}
BLOCK_CLASSES = {
    "paragraph_open": "govuk-body",
    "bullet_list_open": "govuk-list govuk-list--bullet",
    "ordered_list_open": "govuk-list govuk-list--number",
    "table_open": "govuk-table",
    "thead_open": "govuk-table__head",
    "tbody_open": "govuk-table__body",
    "tr_open": "govuk-table__row",
    "th_open": "govuk-table__header",
    "td_open": "govuk-table__cell",
    "hr": "govuk-section-break govuk-section-break--l govuk-section-break--visible",
    "blockquote_open": "govreport-quote",
    "code_block": "govreport-code",
    "fence": "govreport-code",
}
# markdown-it aligns table cells with style attributes, which the CSP forbids: use classes.
ALIGN_CLASSES = {
    "text-align:right": "govuk-table__cell--numeric",
    "text-align:center": "govreport-table__cell--centre",
}
CALLOUTS = {"^": "information", "%": "warning"}


def split_abbreviations(text):
    """Return (text without abbreviation definitions, {abbreviation: title})."""
    found, kept, fenced = {}, [], False
    for line in text.splitlines(keepends=True):
        if FENCE.match(line):
            fenced = not fenced
        match = None if fenced else ABBREVIATION.match(line.rstrip("\r\n"))
        if match:
            found[match.group(1).strip()] = match.group(2).strip()
        else:
            kept.append(line)
    return "".join(kept), found


def govuk_classes(state):
    """Core rule: give block and inline elements their GOV.UK Frontend classes."""
    for token in state.tokens:
        if token.tag == "h1":
            token.tag = "h2"  # the report title is the page's only h1
        if token.type == "heading_open":
            token.attrSet("class", HEADING_CLASSES[token.tag])
        elif token.type in BLOCK_CLASSES:
            _add_class(token, BLOCK_CLASSES[token.type])
        if token.type in ("th_open", "td_open") and token.attrGet("style"):
            extra = ALIGN_CLASSES.get(str(token.attrGet("style")).replace(" ", ""))
            if extra and token.type == "th_open":
                extra = extra.replace("cell", "header")
            del token.attrs["style"]
            if extra:
                _add_class(token, extra)
        for child in token.children or ():
            if child.type == "link_open":
                _add_class(child, "govuk-link")


def heading_anchors(state):
    """Core rule: give each heading an id from its text, unique within the page."""
    used = state.env.setdefault("anchors", set())
    prefix = state.env.get("id_prefix", "")
    for i, token in enumerate(state.tokens):
        if token.type != "heading_open":
            continue
        text = "".join(c.content for c in state.tokens[i + 1].children or () if c.content)
        base = slugify(f"{prefix} {text}") or f"{prefix}-heading".strip("-")
        anchor = slugs.unique(base, used)
        used.add(anchor)
        token.attrSet("id", anchor)


def abbreviations(state):
    """Core rule: wrap defined abbreviations in text with <abbr title>."""
    titles = state.env.get("abbreviations")
    if not titles:
        return
    names = sorted(titles, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = [
                part for child in token.children for part in _abbr(child, pattern, titles)
            ]


def _abbr(token, pattern, titles):
    if token.type != "text" or not pattern.search(token.content):
        return [token]
    parts = []
    for i, piece in enumerate(pattern.split(token.content)):
        if i % 2 == 0:
            if piece:
                parts.append(_token("text", content=piece))
        else:
            html = f'<abbr title="{escape(titles[piece])}">{escape(piece)}</abbr>'
            parts.append(_token("html_inline", content=html))
    return parts


def callout(state, start, end, silent):
    """Block rule: ^information^ and %warning% paragraphs in the govspeak style."""
    first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    marker = first[:1]
    if marker not in CALLOUTS or state.sCount[start] - state.blkIndent >= 4:
        return False
    lines, line = [], start
    while line < end:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
        if not text:
            return False
        lines.append(text)
        line += 1
        body = "\n".join(lines)
        if len(body) > 2 and body.endswith(marker):
            break
    else:
        return False
    if silent:
        return True
    kind = CALLOUTS[marker]
    state.push("callout_open", "div", 1).meta = {"kind": kind}
    inline = state.push("inline", "", 0)
    inline.content = body[1:-1].strip()
    inline.map = [start, line]
    inline.children = []
    state.push("callout_close", "div", -1).meta = {"kind": kind}
    state.line = line
    return True


def render_callout_open(self, tokens, idx, options, env):
    if tokens[idx].meta["kind"] == "warning":
        return (
            '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" '
            'aria-hidden="true">!</span><strong class="govuk-warning-text__text">'
            '<span class="govuk-visually-hidden">Warning</span> '
        )
    return '<div class="govuk-inset-text"><p class="govuk-body">'


def render_callout_close(self, tokens, idx, options, env):
    if tokens[idx].meta["kind"] == "warning":
        return "</strong></div>\n"
    return "</p></div>\n"


def shortcode(state, start, end, silent):
    """Block rule: a media shortcode such as [Image: slug] on a line of its own."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    match = SHORTCODE.match(line)
    if not match:
        return False
    if not silent:
        token = state.push("shortcode", "", 0)
        token.meta = {"kind": match.group(1), "slug": match.group(2)}
        token.map = [start, start + 1]
    state.line = start + 1
    return True


def render_shortcode(self, tokens, idx, options, env):
    """Leave a sentinel for the media item; the pipeline swaps it for the embed after nh3."""
    meta = tokens[idx].meta
    item = (env.get("media") or {}).get(meta["slug"])
    if item is None or item.get_kind_display() != meta["kind"]:
        return ""
    embeds = env.setdefault("embeds", [])
    embeds.append(item)
    return f"<p>{env['sentinel']}-{len(embeds) - 1}</p>\n"


def render_footnote_block_open(self, tokens, idx, options, env):
    return (
        '<div class="govreport-footnotes" role="doc-endnotes">\n'
        '<h3 class="govuk-heading-s">Footnotes</h3>\n'
        '<ol class="govuk-list govuk-list--number govuk-body-s">\n'
    )


def render_footnote_block_close(self, tokens, idx, options, env):
    return "</ol>\n</div>\n"


def render_footnote_ref(self, tokens, idx, options, env):
    ident = self.rules["footnote_anchor_name"](tokens, idx, options, env)
    n = tokens[idx].meta["id"] + 1
    sub = tokens[idx].meta.get("subId", -1)
    refid = f"{ident}:{sub}" if sub > 0 else ident
    return (
        f'<sup><a class="govuk-link" href="#fn{ident}" id="fnref{refid}" '
        f'aria-label="Footnote {n}">[{n}]</a></sup>'
    )


def render_footnote_open(self, tokens, idx, options, env):
    ident = self.rules["footnote_anchor_name"](tokens, idx, options, env)
    sub = tokens[idx].meta.get("subId", -1)
    return f'<li id="fn{ident}:{sub}">' if sub > 0 else f'<li id="fn{ident}">'


def render_footnote_anchor(self, tokens, idx, options, env):
    ident = self.rules["footnote_anchor_name"](tokens, idx, options, env)
    sub = tokens[idx].meta.get("subId", -1)
    if sub > 0:
        ident += f":{sub}"
    return f' <a class="govuk-link" href="#fnref{ident}">Back to text</a>'


def _add_class(token, name):
    current = token.attrGet("class")
    token.attrSet("class", f"{current} {name}" if current else name)


def _token(kind, *, content):
    token = Token(kind, "", 0)
    token.content = content
    return token
