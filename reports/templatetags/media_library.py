"""The media library panel of the report editor."""

from django import template

register = template.Library()


@register.inclusion_tag("admin/reports/report/panels/media_library_table.html")
def media_library(report):
    """List a report's media with shortcodes, and the placeholders still open."""
    items = list(report.media.select_related("section"))
    return {
        "report": report,
        "items": items,
        "placeholders": [item for item in items if item.is_placeholder()],
    }
