"""The media library: validate media by kind, add items, fulfil placeholders.

Adding and fulfilling are changes of the report's content, recorded by `workflow.editing`.
Validation refuses what is invalid (not an image, a malformed video address, unreadable chart
data); what is merely incomplete (no alt text, no title yet) is saved, and the pre-publication
checks block publishing until it is done.
"""

import re
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from . import attachments, charts, images, slugs, video
from .errors import MediaRefused
from .models import MediaItem

Kind = MediaItem.Kind
FIELDS = {
    "title", "alt_text", "decorative", "caption", "credit", "alignment", "url", "captions_url",
    "description", "chart_type", "chart_data", "value_axis_label", "section",
}  # fmt: skip


def validate(item, *, upload=None):
    """Check an item's content for its kind and attach the cleaned upload; raise MediaRefused."""
    if upload is not None and item.kind not in {Kind.IMAGE, Kind.ATTACHMENT}:
        raise MediaRefused(
            f"A {item.get_kind_display().lower()} has no file to upload.", field="file"
        )
    _VALIDATORS[item.kind](item, upload)


def _image(item, upload):
    if upload is not None:
        clean = images.clean(upload)
        item.file = clean.content
        item.width, item.height = clean.width, clean.height
        item.file_type, item.file_size = clean.format, clean.size


def _video(item, upload):
    if item.url.strip():
        video.parse(item.url)


def _chart(item, upload):
    if item.chart_data.strip():
        charts.parse(item.chart_data)


def _attachment(item, upload):
    if upload is None:
        return
    info = attachments.identify(upload)
    upload.seek(0)
    stem = slugify(PurePath(upload.name).stem) or item.slug or "attachment"
    item.file = ContentFile(upload.read(), name=f"{stem}.{info.extension}")
    item.file_type, item.file_size, item.page_count = info.file_type, upload.size, info.page_count
    item.width = item.height = None


def _placeholder(item, upload):
    pass


_VALIDATORS = {
    Kind.IMAGE: _image,
    Kind.VIDEO: _video,
    Kind.CHART: _chart,
    Kind.ATTACHMENT: _attachment,
    Kind.PLACEHOLDER: _placeholder,
}


IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


def kind_of(upload):
    """Return the kind of media an uploaded file holds, judged by its content, or None."""
    head = upload.read(16)
    upload.seek(0)
    is_webp = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if head.startswith(IMAGE_SIGNATURES) or is_webp or images.looks_like_svg(head):
        return Kind.IMAGE
    if head.startswith((b"%PDF-", b"PK\x03\x04")) or attachments.looks_like_csv(upload):
        return Kind.ATTACHMENT
    return None


def unique_slug(report, text):
    """Return a media slug for text that no other item of the report uses."""
    return slugs.free_slug(text, report.media.all(), max_length=90, fallback="media")


def _save(item):
    """Save the item, removing its newly stored file again if the database refuses the row."""
    stored_before = item.file.name if item.file and item.file._committed else None
    try:
        with transaction.atomic():
            item.save()
    except Exception:
        if item.file and item.file.name != stored_before:
            item.file.storage.delete(item.file.name)
        raise


def _full_clean(item):
    try:
        item.full_clean(exclude=["file"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise MediaRefused(
            " ".join(messages), field=None if field == "__all__" else field
        ) from None


def _make_renditions_later(item):
    if item.kind == Kind.IMAGE and item.file:
        transaction.on_commit(lambda: images.renditions(item))


def _editing(report, *, by, action, comment):
    from . import workflow

    return workflow.editing(report, by=by, action=action, comment=comment)


def add(report, *, by, kind, slug, upload=None, **fields):
    """Add a media item to the report's library; return it. Refusals store nothing."""
    if kind in {Kind.IMAGE, Kind.ATTACHMENT} and upload is None:
        raise MediaRefused("Choose a file to upload.", field="file")
    item = MediaItem(report=report, kind=kind, slug=slug, **_only(fields))
    validate(item, upload=upload)
    comment = f"Added {item.get_kind_display().lower()} {item.shortcode()}"
    with _editing(report, by=by, action="add_media", comment=comment) as change:
        item.report = change.report
        item.position = max(change.report.media.values_list("position", flat=True), default=0) + 1
        _full_clean(item)
        _save(item)
    _make_renditions_later(item)
    return item


def fulfil(placeholder, *, by, kind, upload=None, **fields):
    """Turn a placeholder into its media in place: same slug, body shortcodes updated.

    Its alignment, section and alt text stay unless new values are given.
    """
    if kind == Kind.PLACEHOLDER:
        raise MediaRefused("Choose the kind of media that fulfils the placeholder.", field="kind")
    fields = {name: value for name, value in _only(fields).items() if value not in ("", None)}
    with _editing(placeholder.report, by=by, action="change_media", comment="") as change:
        item = change.report.media.select_for_update().get(pk=placeholder.pk)
        if not item.is_placeholder():
            raise MediaRefused(
                f"{item.shortcode()} is no longer a placeholder: someone has fulfilled it."
            )
        old_code = re.compile(rf"\[\s*Placeholder\s*:\s*{re.escape(item.slug)}\s*\]", re.IGNORECASE)
        item.kind = kind
        for name, value in fields.items():
            setattr(item, name, value)
        validate(item, upload=upload)
        _full_clean(item)
        _save(item)
        for section in change.report.sections.all():
            body = old_code.sub(item.shortcode(), section.body)
            if body != section.body:
                section.body = body
                section.save(update_fields=["body"])
        kind_name = item.get_kind_display().lower()
        change.comment = f"Fulfilled placeholder \u201c{item.slug}\u201d with {kind_name}"
    _make_renditions_later(item)
    return item


def _only(fields):
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"Unknown media fields: {', '.join(sorted(unknown))}")
    return fields
