"""The one markdown pipeline: render markdown to HTML, then sanitise it."""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark").enable("table")


def render(text):
    """Return sanitised HTML for a markdown text."""
    return nh3.clean(_markdown.render(text or ""))
