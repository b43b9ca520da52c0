"""Checks every uploaded file passes before anything reads it further: emptiness and size."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from .errors import MediaRefused


def read_head(upload, size=4096):
    """Return the first bytes of an upload without moving its read position for later readers."""
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_size(upload, *, limit_setting):
    """Refuse an empty upload, or one larger than the limit the named setting allows."""
    limit = getattr(settings, limit_setting)
    if not upload.size:
        raise MediaRefused(
            f"“{upload.name}” is empty (0 bytes). Choose the file again.", field="file"
        )
    if upload.size > limit:
        raise MediaRefused(
            f"“{upload.name}” is {filesizeformat(upload.size)}; the largest file allowed is "
            f"{filesizeformat(limit)}.",
            field="file",
        )
