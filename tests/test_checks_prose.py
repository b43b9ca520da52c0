"""The prose projection: readable text of markdown, with offsets back into the source."""

import re

from reports.checks.prose import OPAQUE, Prose


def source_of(prose, pattern):
    return [prose.source[s:e] for _, s, e in prose.finditer(pattern)]


def test_markdown_syntax_is_dropped_and_offsets_map_back():
    prose = Prose("So **far**, the [The National Archives](https://x.gov.uk/) blog.")
    assert "So far, the The National Archives blog." in prose.text
    assert source_of(prose, r"the The") == ["the [The"]


def test_code_urls_html_and_shortcodes_are_opaque():
    source = (
        "Use `TODO` here <b>bold</b> https://www.gov.uk/robust-page and me@example.gov.uk\n\n"
        "```\nTODO in a fence\n```\n\n"
        "[Image: chart]\n\n"
        "    TODO indented code\n"
    )
    prose = Prose(source)
    assert "TODO" not in prose.text
    assert "robust" not in prose.text
    assert "bold" in prose.text and "<b>" not in prose.text
    assert OPAQUE in prose.text


def test_an_opaque_match_maps_to_its_whole_source_range():
    prose = Prose("a `code` b")
    start = prose.text.index(OPAQUE)
    assert prose.span(start, start + 1) == (2, 8)


def test_links_are_parsed_with_their_ranges():
    source = (
        'See [the guide](https://www.gov.uk/guide "Title"), ![alt](/a.png), <https://x.gov.uk>, '
        "[ref text][r] and www.gov.uk/page.\n\n[r]: https://www.gov.uk/ref\n"
    )
    links = {link.kind: link for link in Prose(source).links}
    inline = links["inline"]
    assert source[inline.url_start : inline.url_end] == "https://www.gov.uk/guide"
    assert source[inline.text_start : inline.text_end] == "the guide"
    assert links["image"].url == "/a.png" and links["image"].text == "alt"
    assert links["autolink"].url == "https://x.gov.uk"
    assert links["reference"].url == "r"
    assert links["definition"].url == "https://www.gov.uk/ref"
    assert links["bare"].url == "www.gov.uk/page"


def test_plain_text_fields_keep_brackets_and_markup_characters():
    prose = Prose("[Draft] *title*", markdown=False)
    assert prose.text == "[Draft] *title*"


def test_list_markers_are_block_breaks_not_spaces():
    prose = Prose("* the\n* the")
    assert not re.search(r"the[ \t]*\n[ \t]*the", prose.text)


def test_windows_newlines_keep_offsets_exact():
    source = "Line one.\r\n\r\nThe the end."
    [(start, end)] = [(s, e) for _, s, e in Prose(source).finditer(r"(?i)the the")]
    assert source[start:end] == "The the"
