"""Uploaded images: validation with Pillow, metadata removal, and resized renditions."""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

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
    image, frames = _open(upload)
    fmt = image.format
    width, height = _oriented_size(image)
    content = _strip_metadata(image, fmt, frames)
    stem = PurePath(upload.name).stem or "image"
    return CleanImage(
        content=ContentFile(content.getvalue(), name=f"{stem}.{EXTENSIONS[fmt]}"),
        format=fmt,
        width=width,
        height=height,
    )


def _open(upload):
    """Return the upload opened, its first frame decoded, and its number of frames.

    Sizes and frames are checked from the headers before anything is decoded; anything that is
    not a safe raster image is refused.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=list(FORMATS))
            _check_pixels(upload.name, *image.size)
            frames = _check_frames(upload, image)
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
    return image, frames


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


def _check_frames(upload, image):
    """Return the number of frames, refusing an animation too costly to re-encode.

    Removing an animation's metadata re-encodes every frame, and Pillow's writers keep every frame
    in memory, so the work grows with frames x width x height: that product is the limit.
    """
    limit = settings.MEDIA_MAX_IMAGE_FRAMES
    if image.format == "GIF":
        frames = gif_frames(_read_all(upload), stop=limit + 1)
    else:
        frames = getattr(image, "n_frames", 1)  # PNG and WebP declare it in a header
    if frames > limit:
        raise MediaRefused(
            f"“{upload.name}” is an animation of more than {limit:,} frames; the most allowed is "
            f"{limit:,}. Shorten it, or publish it as a video.",
            field="file",
        )
    width, height = image.size
    budget = settings.MEDIA_MAX_ANIMATION_PIXELS
    if frames > 1 and frames * width * height > budget:
        raise MediaRefused(
            f"“{upload.name}” is an animation of {frames:,} frames of {width} × {height} pixels "
            f"({_megapixels(frames * width * height)} in all); the largest animation allowed is "
            f"{_megapixels(budget)} in all (frames × width × height). Make it smaller or shorter, "
            "or publish it as a video.",
            field="file",
        )
    return frames


def _read_all(upload):
    """Return the whole upload (already limited by MEDIA_MAX_UPLOAD_SIZE), keeping its position."""
    position = upload.tell()
    upload.seek(0)
    data = upload.read()
    upload.seek(position)
    return data


def gif_frames(data, *, stop):
    """Return how many frames a GIF holds, counting at most `stop`, without decoding any.

    Pillow's n_frames reads the whole file whatever its length (seconds for 400,000 tiny
    frames); walking the GIF blocks ourselves lets us stop as soon as the limit is passed.
    """
    screen = data[10] if len(data) > 10 else 0
    position = 13 + (_colour_table(screen) if screen & 0x80 else 0)
    frames = 0
    while position < len(data) and frames < stop:
        block = data[position]
        if block == 0x2C:  # an image descriptor: 9 bytes, a colour table, the LZW code size
            frames += 1
            packed = data[position + 9] if position + 9 < len(data) else 0
            position += 11 + (_colour_table(packed) if packed & 0x80 else 0)
        elif block == 0x21:  # an extension: its label, then data sub-blocks
            position += 2
        else:  # the trailer, or damage that Pillow will report
            break
        while position < len(data) and data[position]:
            position += data[position] + 1
        position += 1
    return max(frames, 1)


def _colour_table(packed):
    return 3 << ((packed & 7) + 1)


def _oriented_size(image):
    """Return (width, height) as the image will be shown, after its EXIF orientation."""
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    width, height = image.size
    return (height, width) if orientation in {5, 6, 7, 8} else (width, height)


def _strip_metadata(image, fmt, frames):
    """Return the image re-encoded in its own format, upright, without EXIF, XMP or comments."""
    out = io.BytesIO()
    if frames > 1:
        # The writer reads the frames from the source one by one (no copies of ours). It writes
        # no EXIF, XMP or text unless given them, and no GIF comment since _options says "".
        image.save(out, fmt, save_all=True, **_options(fmt))
    else:
        _bare(ImageOps.exif_transpose(image)).save(out, fmt, **_options(fmt))
    return out


def _bare(image):
    image.info = {key: value for key, value in image.info.items() if key in KEEP_INFO}
    return image


def _options(fmt):
    return {
        "JPEG": {"quality": 90, "progressive": True},
        "WEBP": {"quality": 85},
        "GIF": {"comment": b""},
    }.get(fmt, {})


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
