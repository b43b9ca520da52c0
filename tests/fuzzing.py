"""Hypothesis strategies for hostile text: markdown, HTML and document fragments mixed at random."""

from hypothesis import strategies as st

# Pieces that exercise the parsers' special cases, joined with random text.
PIECES = [
    '\n', '\n\n', '# ', '## ', '### ', '#### ', '**', '*', '_', '`', '```', '~~~', ':::',
    '::: aside', '> ', '- ', '1. ', '| a | b |\n|---|---|\n', '[', ']', '](', ')', '![', '<', '>',
    '</', '/>', '<div>', '</div>', '<div class="pull-right">', '<aside>', '</aside>', '<p>',
    '<span>', '<script>alert(1)</script>', '<a href="javascript:alert(1)">',
    '<img src=x onerror="alert(1)">', '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '<a href="https://youtu.be/x">', '\n<div>', '\n<aside>', '\n<table>', '<![', '<![>', '<!x',
    '<!--', '-->', '<!DOCTYPE', '<?', ']]>', '<![CDATA[', '&amp;', '&#', '&#x', '"', "'", '=', '{',
    '}', '{: #slug .pull-right}', '{: title="x"}', '[Image: pic]', '[Video: v]', '[Chart: c]',
    '[Placeholder: p]', '[insert chart]', '**[headline options]**', '**[intro]**', '**[summary]**',
    '**[Note: x]**', '**[Unplaced media]**', '[chosen]', '[notes: n]',
    '*[GDS]: Government Digital Service', 'GDS', '[^1]', '[^1]: note', '^', '%', '---', '===',
    '\t', '    ', '\xa0', '’', '\ufeff', '\u202e', 'é', '—', '…', '\x00', '\x0b', '\r',
]  # fmt: skip


def hostile_text(max_size=60):
    """Return a strategy of texts made of parser-tripping pieces and random characters."""
    piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=8))
    return st.lists(piece, max_size=max_size).map("".join)


def hostile_document(max_lines=12):
    """Return a strategy of documents: short lines of pieces, so more lines open a block.

    Control characters are left out: the importer refuses them before parsing (a separate test
    gives it any bytes), and they would hide every parser bug behind that refusal.
    """
    text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8)
    piece = st.one_of(st.sampled_from([p for p in PIECES if p != "\x00"]), text)
    line = st.lists(piece, max_size=6).map("".join)
    return st.lists(line, max_size=max_lines).map("\n".join)
