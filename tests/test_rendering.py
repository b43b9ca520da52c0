import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import parsing, rendering
from reports.errors import RenderRefused
from reports.models import MediaItem
from tests.factories import ImageItemFactory, MediaItemFactory
from tests.fuzzing import hostile_document, hostile_text

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(1)">hi</p>',
    '<body onload="alert(1)">',
    '<iframe src="https://evil.example/"></iframe>',
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<style>body { display: none }</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<object data='javascript:alert(1)'></object><embed src='javascript:alert(1)'>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<div><p>unclosed <b>tags <script>alert(1)",
    "<img src=x onerror=alert(1)//",
    '<a href="javascript:alert(1)"<b>broken</a>',
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "![pic](javascript:alert(1))",
    "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="vbscript:msgbox(1)">x</a>',
]


class Elements(HTMLParser):
    """Collect the elements and attributes a browser would build from the HTML."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_payloads_come_out_harmless(payload):
    elements = Elements(rendering.render(payload)).elements
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "iframe", "style", "svg", "math", "object", "embed", "form"}
    assert not tags & {"meta", "body", "link", "base", "template"}
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert "style" not in attrs and "srcdoc" not in attrs
        for name in ("href", "src", "action", "xlink:href"):
            url = re.sub(r"[\s\x00-\x1f]", "", attrs.get(name) or "").lower()
            assert not url.startswith(("javascript", "data", "vbscript")), (tag, attrs)


def test_markdown_links_keep_only_http_https_and_mailto():
    html = rendering.render(
        "[a](https://www.gov.uk/) [b](mailto:team@example.gov.uk) [c](ftp://x.example/) [d](/local)"
    )
    assert 'href="https://www.gov.uk/"' in html
    assert 'href="mailto:team@example.gov.uk"' in html
    assert "ftp:" not in html
    assert 'href="/local"' in html


def test_links_get_govuk_class_and_safe_rel_and_authors_cannot_set_rel_or_target():
    html = rendering.render('<a href="https://x.example/" rel="opener" target="_blank">x</a>')
    assert 'rel="noopener"' in html
    assert "target" not in html
    assert "opener" not in html.replace("noopener", "")
    assert 'class="govuk-link"' in rendering.render("[x](https://www.gov.uk/)")


def test_govuk_classes_on_elements():
    html = rendering.render(
        "## Heading\n\n### Sub\n\nText\n\n- a\n- b\n\n1. one\n2. two\n\n"
        "| A | B |\n|---|--:|\n| x | 1 |\n\n---\n"
    )
    assert '<h2 class="govuk-heading-l" id="heading">' in html
    assert '<h3 class="govuk-heading-m" id="sub">' in html
    assert '<p class="govuk-body">Text</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html
    assert '<table class="govuk-table">' in html
    assert '<th class="govuk-table__header govuk-table__header--numeric">B</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html
    assert "govuk-section-break" in html
    assert "style=" not in html


def test_h1_is_demoted_because_the_report_title_is_the_only_h1():
    assert rendering.render("# Big").startswith('<h2 class="govuk-heading-l"')


def test_heading_anchors_are_unique_and_prefixed():
    html = rendering.render("## Plans\n\n## Plans", id_prefix="gov-uk")
    assert 'id="gov-uk-plans"' in html and 'id="gov-uk-plans-2"' in html


def test_authors_cannot_use_arbitrary_classes():
    html = rendering.render('<p class="govuk-body evil-overlay">x</p>')
    assert 'class="govuk-body"' in html and "evil" not in html


def test_abbreviations():
    html = rendering.render("*[GDS]: Government Digital Service\n\nGDS and GDSX and `GDS`.")
    assert html.count('<abbr title="Government Digital Service">GDS</abbr>') == 1
    assert "*[GDS]" not in html
    assert "GDSX" in html and "<code>GDS</code>" in html


def test_abbreviation_titles_are_escaped():
    html = rendering.render('*[X]: "><script>alert(1)</script>\n\nX marks')
    assert "<script" not in html
    assert "<abbr title=" in html


def test_footnotes_link_both_ways_with_prefixed_ids():
    html = rendering.render("Fact[^1].\n\n[^1]: Source.", id_prefix="intro")
    assert 'href="#fn-intro-1"' in html and 'id="fnref-intro-1"' in html
    assert 'id="fn-intro-1"' in html and 'href="#fnref-intro-1"' in html
    assert "Footnotes" in html


def test_information_and_warning_callouts():
    html = rendering.render("^Read **this** first^\n\n%Deadline is\nFriday%")
    assert (
        '<div class="govuk-inset-text"><p class="govuk-body">Read <strong>this</strong> first'
        in html
    )
    assert '<div class="govuk-warning-text">' in html
    assert '<span class="govuk-visually-hidden">Warning</span> Deadline is\nFriday' in html
    assert "%" not in html and "^" not in html


def test_a_caret_without_a_closing_marker_stays_text():
    assert rendering.render("^not a callout") == '<p class="govuk-body">^not a callout</p>\n'


def test_pull_right_div_becomes_an_aside_and_other_divs_stay():
    html = rendering.render(
        '<div class="pull-right">\n\nPulled *out*\n\n</div>\n\n<div>\n\nplain\n\n</div>'
    )
    assert '<aside class="govreport-aside">' in html and "</aside>" in html
    assert "<em>out</em>" in html
    assert html.count("<div>") == 1 and html.count("</div>") == 1


def test_an_aside_block_becomes_a_pull_out_aside():
    html = rendering.render("Before\n\n::: aside\nThe **award** was won.\n:::\n\nAfter")
    assert html == (
        '<p class="govuk-body">Before</p>\n'
        '<aside class="govreport-aside">\n'
        '<p class="govuk-body">The <strong>award</strong> was won.</p>\n'
        "</aside>\n"
        '<p class="govuk-body">After</p>\n'
    )


def test_an_imported_pull_right_div_renders_as_an_aside():
    document = parsing.parse(
        "# Title\n\n## Awards\n\n"
        '<div class="pull-right">\n<p>We won <b>two</b> awards.</p>\n</div>\n'
    )
    body = document.sections[-1].body
    assert "::: aside" in body
    html = rendering.render(body)
    assert '<aside class="govreport-aside">' in html and "awards." in html


def test_unclosed_pull_right_is_closed_by_the_sanitiser():
    html = rendering.render('<div class="pull-right">\n\nnever closed')
    assert html.count("<aside") == html.count("</aside>") == 1


@pytest.mark.django_db
def test_shortcodes_place_media_through_render_embed(media_root):
    image = ImageItemFactory(slug="kitten", alt_text="A cat")
    html = rendering.render("Before\n\n[Image: kitten]\n\nAfter", media={"kitten": image})
    assert "<figure" in html and 'alt="A cat"' in html
    assert html.index("Before") < html.index("<figure") < html.index("After")


@pytest.mark.django_db
def test_placeholders_missing_items_and_wrong_kinds_render_nothing():
    placeholder = MediaItemFactory(kind=MediaItem.Kind.PLACEHOLDER, slug="later")
    image = MediaItemFactory(kind=MediaItem.Kind.IMAGE, slug="pic", url="https://x.example/a.png")
    # (An image with only an outside address is not embedded either: see test_embeds.)
    html = rendering.render(
        "[Placeholder: later]\n\n[Image: missing]\n\n[Video: pic]",
        media={"later": placeholder, "pic": image},
    )
    assert html.strip() == ""


def test_shortcodes_inside_a_paragraph_or_code_are_not_media():
    html = rendering.render("See [Image: pic] here\n\n    [Image: pic]")
    assert "See [Image: pic] here" in html and "<pre" in html


def test_authors_cannot_forge_the_embed_sentinel():
    # The sentinel is random per render: text that looks like one stays text.
    html = rendering.render("<p>govreport-embed-00000000000000000000000000000000-0</p>")
    assert "govreport-embed-00000000000000000000000000000000-0" in html


def test_markdownify_is_the_same_pipeline():
    text = "*[GDS]: Government Digital Service\n\nGDS <script>x</script>"
    assert rendering.markdownify(text) == rendering.render(text)


# Bounded work: the sanitiser's parser is quadratic in the nesting depth, markdown-it is slow on
# long pathological input; both limits are checked before the costly step.


def nested(depth, tag="div", attrs=""):
    return f"<{tag}{attrs}>" * depth + "x" + f"</{tag}>" * depth


def test_a_text_over_the_length_limit_is_refused_before_rendering(settings):
    settings.RENDER_MAX_CHARS = 1000
    assert rendering.render("a" * 1000)
    with pytest.raises(RenderRefused, match="1,001 characters long; the most that can be shown"):
        rendering.render("a" * 1001)


def test_a_megabyte_of_nested_divs_is_refused_saying_which_limit():
    with pytest.raises(RenderRefused) as refusal:
        rendering.render(nested(100_000))
    assert "characters long; the most that can be shown is 50,000" in str(refusal.value)
    with pytest.raises(RenderRefused, match="nests elements more than 50 deep, near “<div>x</div>"):
        rendering.render(nested(51))
    assert "<div>" * 50 in rendering.render(nested(50))


def test_markdown_nesting_counts_too(settings):
    settings.RENDER_MAX_NESTING = 5
    assert rendering.render("> " * 5 + "deep")
    with pytest.raises(RenderRefused, match="more than 5 deep"):
        rendering.render("> " * 6 + "deep")


@pytest.mark.parametrize(
    "html",
    [
        nested(60, attrs=' title="a > b"'),  # > inside a quoted value ends no tag
        "<div title='</div>'>" * 60,  # nor does an end tag in a value close the element
        "<div><!-- </div> -->" * 60,  # nor one in a comment
        "<div></span>" * 60,  # an end tag for an element that is not open is ignored
        "<div><table></div>" * 30,  # and so is one that reaches past a table
        '<div ="x><div>y">' * 30,  # "=" starting a name is part of it: the tag ends at the first >
        "<div><!--><div>-->" * 30,  # <!--> is a whole comment: the tags after it are markup
        "<div><textarea></div></textarea>" * 60,  # text in a textarea is not markup
        "<svg><![CDATA[></div>]]></svg><div>" * 60,  # in SVG, CDATA is text
        "<div><svg><![CDATA[</div>]]></svg>" * 60,  # an end tag in SVG's CDATA closes nothing
        "<div><script><!--<script></script></div>-->" * 30,  # escaped script text runs on
        "".join(f'<b class="{n}">' for n in range(60)),  # 42 s for nh3 at 20,000 of them
    ],
)
def test_hidden_nesting_is_still_counted(html):
    with pytest.raises(RenderRefused, match="more than 50 deep"):
        rendering.sanitise(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>One<p>Two" * 100,  # paragraphs, items and cells close each other
        "<ul>" + "<li>item" * 100 + "</ul>",
        "<table>" + "<tr><td>a<td>b" * 100 + "</table>",
        "<img src=x><br><hr>" * 100,  # void elements hold nothing
        nested(50) * 100,  # depth, not count, is what is limited
        "<div><!--> --></div>" * 100,  # the </div> after an abrupt comment closes the div
        "<div><script>if (a < b) {}</script></div>" * 100,  # script text holds no markup
        "<div><svg><rect/><text>x</text></svg></div>" * 100,  # an SVG is counted only inside
        "<noscript><div></noscript>" * 100,  # nh3 parses with scripting on: this is text
        "\n\n".join(HOSTILE * 3),  # every hostile payload, as a forced publication meets them
    ],
)
def test_long_but_shallow_html_is_accepted(html):
    assert rendering.check_nesting(html) <= 50


# Property tests (Hypothesis, fixed budget: see tests/conftest.py)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


@given(st.one_of(hostile_text(), hostile_document()))
def test_any_text_renders_to_safe_html_or_a_clean_refusal(text):
    try:
        html = rendering.render(text)
    except RenderRefused:
        return
    tags = _Tags()
    tags.feed(html)
    assert not {"script", "iframe", "style", "svg"} & set(tags.tags)
    for name, value in tags.attributes:
        assert not name.startswith("on")
        assert not (value or "").strip().lower().startswith("javascript:")
