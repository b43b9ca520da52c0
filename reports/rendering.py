"""The one markdown pipeline: render markdown to HTML, sanitise it with nh3, then place media."""

import re
import secrets

import nh3
from django.conf import settings
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from . import embeds
from . import markdown_rules as rules
from .errors import RenderRefused

GOVUK_CLASSES = {
    "govuk-body",
    "govuk-body-s",
    "govuk-link",
    "govuk-list",
    "govuk-list--bullet",
    "govuk-list--number",
    "govuk-heading-xl",
    "govuk-heading-l",
    "govuk-heading-m",
    "govuk-heading-s",
    "govuk-table",
    "govuk-table__head",
    "govuk-table__body",
    "govuk-table__row",
    "govuk-table__header",
    "govuk-table__cell",
    "govuk-table__cell--numeric",
    "govuk-table__header--numeric",
    "govreport-table__cell--centre",
    "govreport-table__header--centre",
    "govuk-section-break",
    "govuk-section-break--l",
    "govuk-section-break--visible",
    "govuk-inset-text",
    "govuk-warning-text",
    "govuk-warning-text__icon",
    "govuk-warning-text__text",
    "govuk-visually-hidden",
    "govreport-quote",
    "govreport-code",
    "govreport-footnotes",
    # Imported documents mark pull-out content with <div class="pull-right">; it becomes an aside.
    "pull-right",
}
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "id", "aria-label"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "li": {"id"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "span": {"aria-hidden"},
}
ATTRIBUTE_VALUES = {"div": {"role": {"doc-endnotes"}}}
URL_SCHEMES = {"http", "https", "mailto"}
# Everything inside these goes, not only the tags: their text is code or markup, never prose.
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "svg", "math"}
DIV = re.compile(r"<div( [^>]*)?>|</div>")
# How deep the sanitiser's HTML parser nests elements, measured in one linear pass (possessive
# quantifiers: no backtracking). Tokens follow HTML's tokenizer: comments end as HTML ends them,
# other <! <? </ constructs at the first >, and a tag's quoted attribute values may hold < and >.
TOKEN = re.compile(
    r"""<!--(?:-?>|.*?--!?>|.*+)
      | <(?:[!?]|/(?![a-zA-Z]))[^>]*+>?
      | <(?P<closing>/?)(?P<name>[a-zA-Z][^\t\n\f\r\x20/>]*+)
        (?:[\t\n\f\r\x20/]++
          | [^\t\n\f\r\x20/>][^\t\n\f\r\x20/>=]*+
            (?:[\t\n\f\r\x20]*+=[\t\n\f\r\x20]*+(?:"[^"]*+"?|'[^']*+'?|[^\t\n\f\r\x20>]*+))?
        )*+>?""",
    re.S | re.X,
)
OPENER = re.compile(r"<[a-zA-Z]")
# Elements that never hold others, or that the parser closes when a sibling opens: no depth.
FLAT = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "param", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "caption", "colgroup", "rb", "rt", "rp",
}  # fmt: skip
# An end tag does not reach past these (HTML's "scope"): the parser ignores it, so do we.
SCOPE = {"applet", "button", "html", "marquee", "object", "ol", "select", "table", "template", "ul"}
# Text up to the element's end tag, never markup (nh3 parses with scripting on, so noscript too).
RAW_TEXT = {"style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
# SVG and MathML: inside them CDATA sections are text, "/>" closes an element and an HTML element
# may end them early. Until the matching end tag every start tag counts and no other end tag does.
FOREIGN = {"svg", "math"}
FOREIGN_TOKEN = re.compile(r"(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))|" + TOKEN.pattern, re.S | re.X)


def _markdown():
    md = MarkdownIt("commonmark", {"typographer": False}).enable("table")
    md.use(footnote_plugin, inline=False)
    # "::: aside" to ":::" is pull-out content: the importer turns <div class="pull-right"> into it.
    md.use(container_plugin, "aside", render=_render_aside)
    md.block.ruler.before("paragraph", "callout", rules.callout)
    md.block.ruler.before("reference", "shortcode", rules.shortcode)
    md.core.ruler.push("govuk_classes", rules.govuk_classes)
    md.core.ruler.push("heading_anchors", rules.heading_anchors)
    md.core.ruler.push("abbreviations", rules.abbreviations)
    md.add_render_rule("callout_open", rules.render_callout_open)
    md.add_render_rule("callout_close", rules.render_callout_close)
    md.add_render_rule("shortcode", rules.render_shortcode)
    md.add_render_rule("footnote_block_open", rules.render_footnote_block_open)
    md.add_render_rule("footnote_block_close", rules.render_footnote_block_close)
    md.add_render_rule("footnote_ref", rules.render_footnote_ref)
    md.add_render_rule("footnote_open", rules.render_footnote_open)
    md.add_render_rule("footnote_anchor", rules.render_footnote_anchor)
    return md


def _render_aside(self, tokens, idx, options, env):
    return '<div class="pull-right">\n' if tokens[idx].nesting == 1 else "</div>\n"


_md = _markdown()


def render(text, *, media=None, id_prefix=""):
    """Return sanitised HTML for a markdown text, with media shortcodes resolved through media.

    id_prefix keeps heading and footnote ids unique when several texts share one page.
    """
    check_length(text or "")
    source, abbreviations = rules.split_abbreviations(text or "")
    sentinel = f"govreport-embed-{secrets.token_hex(16)}"
    env = {
        "media": media or {},
        "sentinel": sentinel,
        "abbreviations": abbreviations,
        "id_prefix": id_prefix,
        "docId": id_prefix or None,
    }
    html = sanitise(_md.render(source, env))
    html = _asides(html)
    items = env.get("embeds", [])
    return re.sub(
        rf"<p>{sentinel}-(\d+)</p>", lambda m: embeds.render_embed(items[int(m.group(1))]), html
    )


def check_length(text):
    """Refuse a text longer than RENDER_MAX_CHARS before any work is done on it."""
    limit = settings.RENDER_MAX_CHARS
    if len(text) > limit:
        raise RenderRefused(
            f"The text is {len(text):,} characters long; the most that can be shown is "
            f"{limit:,}. Split it into several sections."
        )


def check_nesting(html):
    """Refuse HTML whose elements nest deeper than RENDER_MAX_NESTING; return the depth reached.

    The sanitiser's HTML parser takes time in proportion to the length times the depth (1 MB of
    nested <div> takes minutes), so the depth is measured first. Where this pass cannot be sure
    how the parser reads the markup it counts more depth, never less.
    """
    limit, stack, deepest, position = settings.RENDER_MAX_NESTING, [], 0, 0
    while match := TOKEN.search(html, position):
        position = match.end()
        name = (match.group("name") or "").lower()
        if not name or name in FLAT:
            continue
        if match.group("closing"):
            _close(stack, name)
            continue
        stack.append(name)
        if name in FOREIGN:
            position = _foreign(html, position, name, stack)
        elif name in RAW_TEXT or name == "script":
            end = re.compile(rf"</{name}[\t\n\f\r\x20/>]", re.I).search(html, position)
            end = end.start() if end else len(html)
            if name == "script" and "<!--" in html[position:end]:
                # Escaped script text can run past </script>: count the rest as markup, no ends.
                stack.extend(OPENER.findall(html, position))
                end = len(html)
            position = end
        elif name == "plaintext":  # the rest of the document is its text
            position = len(html)
        deepest = max(deepest, len(stack))
        if deepest > limit:
            raise RenderRefused(
                f"The HTML in this text nests elements more than {limit} deep, near "
                f"“{html[match.start() : match.start() + 60]}”. Remove the extra elements "
                "(markdown needs few) and try again."
            )
    return deepest


def _foreign(html, position, name, stack):
    """Count every start tag up to the end tag that closes an <svg> or <math>; return its index."""
    open_ones = 1
    while match := FOREIGN_TOKEN.search(html, position):
        position = match.end()
        if match.group("cdata"):
            stack.extend(OPENER.findall(match.group("cdata")))
            continue
        tag = (match.group("name") or "").lower()
        if tag == name:
            open_ones += -1 if match.group("closing") else 1
            if not open_ones:
                return match.start()
        if tag and not match.group("closing"):
            stack.append(tag)
    return len(html)


def _close(stack, name):
    """Pop the open element an end tag closes, as HTML does; ignore a stray end tag."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index] == name:
            del stack[index:]
            return
        if stack[index] in SCOPE:
            return


def sanitise(html):
    """Return html with only allowlisted tags, attributes, classes and URL schemes."""
    check_nesting(html)
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ATTRIBUTES,
        tag_attribute_values=ATTRIBUTE_VALUES,
        allowed_classes=dict.fromkeys(TAGS, GOVUK_CLASSES),
        url_schemes=URL_SCHEMES,
        # Authors cannot set rel or target; every link gets the same safe rel.
        link_rel="noopener",
        strip_comments=True,
    )


def _asides(html):
    """Turn sanitised <div class="pull-right"> blocks into <aside> pull-outs."""
    if 'class="pull-right"' not in html:
        return html
    stack = []

    def swap(match):
        if match.group(0) == "</div>":
            return "</aside>" if stack and stack.pop() else "</div>"
        is_aside = 'class="pull-right"' in (match.group(1) or "")
        stack.append(is_aside)
        return '<aside class="govreport-aside">' if is_aside else match.group(0)

    return DIV.sub(swap, html)


def markdownify(text):
    """Render the markdownx live preview exactly as readers will see it (without report media)."""
    return render(text)
