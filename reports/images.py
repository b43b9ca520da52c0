"""Uploaded images: validation with Pillow, metadata removal, and resized renditions."""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import ExifTags, Image, ImageOps, ImageSequence, UnidentifiedImageError

from .errors import MediaRefused
from .models import Rendition
from .uploads import check_size, read_head

# Pillow format name -> (file extension, format renditions are made in besides WebP)
FORMATS = {
    "JPEG": ("jpg", "JPEG"),
    "PNG": ("png", "PNG"),
    "GIF": ("gif", "PNG"),
    "WEBP": ("webp", None),
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# Metadata that changes how pixels look, not who took them or where: kept on re-encoding.
KEEP_INFO = {"icc_profile", "transparency", "duration", "loop", "background", "disposal"}


@dataclass(frozen=True)
class CleanImage:
    """An uploaded image that passed validation, re-encoded without its metadata."""

    content: ContentFile
    format: str
    width: int
    height: int

    @property
    def size(self):
        return self.content.size


def looks_like_svg(head):
    """Return True if the bytes start like an SVG or other XML document."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


def clean(upload):
    """Validate an uploaded image and return it with orientation applied and metadata removed."""
    check_size(upload, limit_setting="MEDIA_MAX_UPLOAD_SIZE")
    if looks_like_svg(read_head(upload)):
        raise MediaRefused(
            f"“{upload.name}” is an SVG file. SVG images can carry script, so they are not "
            "accepted: export it as a PNG instead.",
            field="file",
        )
    image = _open(upload)
    fmt = image.format
    width, height = _oriented_size(image)
    content = _strip_metadata(image, fmt)
    stem = PurePath(upload.name).stem or "image"
    return CleanImage(
        content=ContentFile(content.getvalue(), name=f"{stem}.{EXTENSIONS[fmt]}"),
        format=fmt,
        width=width,
        height=height,
    )


def _open(upload):
    """Open and fully decode the upload, refusing anything that is not a safe raster image."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(FORMATS))
            _check_pixels(upload.name, *image.size)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise MediaRefused(
            f"“{upload.name}” has too many pixels to open safely. The largest image allowed is "
            f"{_megapixels(settings.MEDIA_MAX_IMAGE_PIXELS)}.",
            field="file",
        ) from error
    except UnidentifiedImageError as error:
        raise MediaRefused(
            f"“{upload.name}” is not a JPEG, PNG, GIF or WebP image, whatever its name says.",
            field="file",
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise MediaRefused(
            f"“{upload.name}” is damaged or incomplete and cannot be read as an image. "
            "Export it again and upload the new file.",
            field="file",
        ) from error
    return image


def _megapixels(pixels):
    return f"{pixels / 1_000_000:g} megapixels"


def _check_pixels(name, width, height):
    limit = settings.MEDIA_MAX_IMAGE_PIXELS
    if width * height > limit:
        raise MediaRefused(
            f"“{name}” is {width} × {height} pixels ({_megapixels(width * height)}); the largest "
            f"image allowed is {_megapixels(limit)}. Make it smaller and upload it again.",
            field="file",
        )


def _oriented_size(image):
    """Return (width, height) as the image will be shown, after its EXIF orientation."""
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    width, height = image.size
    return (height, width) if orientation in {5, 6, 7, 8} else (width, height)


def _strip_metadata(image, fmt):
    """Return the image re-encoded in its own format, upright, without EXIF, XMP or comments."""
    out = io.BytesIO()
    if getattr(image, "n_frames", 1) > 1:
        frames = [_bare(frame.copy()) for frame in ImageSequence.Iterator(image)]
        frames[0].save(out, fmt, save_all=True, append_images=frames[1:], **_options(fmt))
    else:
        _bare(ImageOps.exif_transpose(image)).save(out, fmt, **_options(fmt))
    return out


def _bare(image):
    image.info = {key: value for key, value in image.info.items() if key in KEEP_INFO}
    return image


def _options(fmt):
    return {"JPEG": {"quality": 90, "progressive": True}, "WEBP": {"quality": 85}}.get(fmt, {})


def rendition_widths(width):
    """Return the widths to make for an image: never wider than the image itself."""
    limits = sorted(settings.MEDIA_RENDITION_WIDTHS)
    widths = [w for w in limits if w < width]
    if width <= limits[-1]:
        widths.append(width)
    return widths


def rendition_formats(item):
    """Return the Pillow formats renditions are made in: WebP plus the original's."""
    fallback = FORMATS.get(item.file_type.upper(), (None, "PNG"))[1]
    return ["WEBP", fallback] if fallback else ["WEBP"]


def renditions(item):
    """Return the item's renditions, making the missing ones once; [] for an animated image."""
    if not item.file or not item.width:
        return []
    have = {(r.format.upper(), r.width): r for r in item.renditions.filter(source=item.file.name)}
    wanted = [(f, w) for f in rendition_formats(item) for w in rendition_widths(item.width)]
    missing = [key for key in wanted if key not in have]
    if missing:
        with item.file.open("rb") as handle, Image.open(handle) as source:
            if getattr(source, "n_frames", 1) > 1:
                return []  # resizing would lose the animation: pages show the original
            source.load()
            for fmt, width in missing:
                have[(fmt, width)] = _make_rendition(item, source, fmt, width)
    return [have[key] for key in wanted]


def _make_rendition(item, source, fmt, width):
    height = max(1, round(source.height * width / source.width))
    image = source if width == source.width else source.resize((width, height), Image.LANCZOS)
    if fmt == "JPEG" and image.mode not in {"RGB", "L", "CMYK"}:
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, fmt, **_options(fmt))
    ext = EXTENSIONS[fmt]
    rendition = Rendition(item=item, source=item.file.name, format=fmt.lower(), width=width)
    rendition.height = height
    rendition.file = ContentFile(out.getvalue(), name=f"{item.slug}-{width}w.{ext}")
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another request made the same rendition at the same moment: use theirs.
        rendition.file.storage.delete(rendition.file.name)
        return Rendition.objects.get(
            item=item, source=item.file.name, format=fmt.lower(), width=width
        )
    return rendition
