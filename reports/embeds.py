"""HTML for media items placed in a section body by shortcodes, built from templates."""

from django.template.loader import render_to_string


def render_embed(item):
    """Return the public HTML for one media item; placeholders render nothing."""
    if item.is_placeholder():
        return ""
    return render_to_string("reports/embeds/item.html", {"item": item})
