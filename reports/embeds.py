"""HTML for media items placed in a section body by shortcodes, built from templates."""

import logging

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import charts, images, video
from .errors import MediaRefused
from .models import MediaItem

logger = logging.getLogger(__name__)

# How wide each alignment is drawn by media.css, for the browser to pick a rendition.
SIZES = {
    MediaItem.Alignment.FULL_WIDTH: "(min-width: 1020px) 960px, 100vw",
    MediaItem.Alignment.INLINE: "(min-width: 700px) 640px, 100vw",
    MediaItem.Alignment.PULL_RIGHT: "(min-width: 641px) 320px, 100vw",
}
FILE_TYPES = {
    "PDF": "Portable Document Format",
    "CSV": "Comma-separated values",
    "ODS": "OpenDocument Spreadsheet",
    "DOCX": "Microsoft Word document",
}


def render_embed(item):
    """Return the public HTML for one media item; placeholders and unusable items render nothing."""
    context = _CONTEXTS[item.kind](item)
    if context is None:
        return ""
    return render_to_string(f"reports/embeds/{item.kind}.html", {"item": item, **context})


def _placeholder(item):
    return None


def _image(item):
    if not item.file or not item.width:
        return None  # known only by an outside address: listed in the admin as needing upload
    renditions = images.renditions(item)
    webp = [r for r in renditions if r.format == "webp"]
    fallback = [r for r in renditions if r.format != "webp"] or webp
    if not fallback:  # an animated image is served as it was uploaded
        return {"src": item.file.url, "width": item.width, "height": item.height}
    default = max((r for r in fallback if r.width <= 640), key=lambda r: r.width, default=None)
    default = default or fallback[0]
    return {
        "src": default.file.url,
        "width": default.width,
        "height": default.height,
        "srcset": _srcset(fallback),
        "webp_srcset": _srcset(webp) if webp is not fallback else "",
        "sizes": SIZES.get(item.alignment, SIZES[MediaItem.Alignment.INLINE]),
    }


def _srcset(renditions):
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions)


def _video(item):
    try:
        return {"video": video.parse(item.url)}
    except MediaRefused:
        logger.warning("Video %s has an address that is not YouTube or Vimeo", item.pk)
        return None


def _chart(item):
    try:
        table = charts.parse(item.chart_data)
    except charts.ChartDataError:
        logger.warning("Chart %s has data that cannot be drawn", item.pk)
        return None
    svg = charts.render_svg(
        table,
        chart_type=item.chart_type,
        title=item.title,
        value_label=item.value_axis_label,
        id_prefix=f"chart-{item.slug}",
    )
    rows = [(label, [charts.format_number(v) for v in values]) for label, values in table.rows]
    # ElementTree escaped every text and attribute while building the markup.
    return {"svg": mark_safe(svg), "table": table, "rows": rows}  # noqa: S308


def _attachment(item):
    if not item.file:
        return None
    return {"type_name": FILE_TYPES.get(item.file_type, item.file_type)}


_CONTEXTS = {
    MediaItem.Kind.PLACEHOLDER: _placeholder,
    MediaItem.Kind.IMAGE: _image,
    MediaItem.Kind.VIDEO: _video,
    MediaItem.Kind.CHART: _chart,
    MediaItem.Kind.ATTACHMENT: _attachment,
}
