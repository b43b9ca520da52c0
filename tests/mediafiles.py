"""Real files for media tests, built with Pillow and the standard library."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.0),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
}


def stored_files(root):
    """Return every file under the media root."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def image_bytes(fmt="PNG", size=(1600, 900), *, exif=None, color=(29, 112, 184)):
    """Return an image file's bytes."""
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    image.save(out, fmt, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def png_with_gps():
    """Return a PNG whose EXIF says where it was taken and on which camera."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.GPSInfo] = GPS
    return image_bytes("PNG", (800, 600), exif=exif)


def jpeg_on_its_side():
    """Return a JPEG stored 400 x 200 whose EXIF says to rotate it to 200 x 400."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.GPSInfo] = GPS
    return image_bytes("JPEG", (400, 200), exif=exif)


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=100_000, height=100_000):
    """Return a tiny PNG that claims billions of pixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def big_blank_png(width=8000, height=6000):
    """Return a small file holding a 48-megapixel image, over the 40 MP limit."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def truncated_jpeg():
    """Return the first half of a JPEG."""
    data = image_bytes("JPEG", (640, 480))
    return data[: len(data) // 2]


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


def pdf_bytes(pages=3):
    """Return a real PDF of several pages, made by Pillow."""
    images = [Image.new("RGB", (200, 280), "white") for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def docx_bytes():
    """Return a minimal Word document's zip structure."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def ods_bytes():
    """Return a minimal OpenDocument spreadsheet's zip structure."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    """Return an uploaded file as Django hands it to forms."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def gif_bomb(frames=300, width=4000, height=4000):
    """Return a GIF of many 1-pixel frames on a huge canvas: 6.9 KB that decodes to gigabytes."""
    parts = [
        b"GIF89a",
        struct.pack("<HHBBB", width, height, 0x80, 0, 0),  # a global colour table of 2 colours
        b"\x00\x00\x00\xff\xff\xff",
        b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00",  # loop forever
    ]
    for n in range(frames):
        parts.append(b"\x21\xf9\x04\x04\x0a\x00\x00\x00")  # 0.1 s, keep the previous frame
        parts.append(b"\x2c" + struct.pack("<HHHHB", n % width, 0, 1, 1, 0))
        parts.append(b"\x02\x02\x44\x01\x00")  # LZW: clear, colour 0, end
    parts.append(b"\x3b")
    return b"".join(parts)


def animation_bytes(fmt="GIF", size=(120, 80), frames=4, *, exif=None, comment=None):
    """Return an animated GIF, PNG (APNG) or WebP whose frames differ, with optional metadata."""
    images = [Image.new("RGB", size, (40 * n % 256, 112, 184)) for n in range(frames)]
    extra = {"exif": exif} if exif is not None else {}
    if comment is not None:
        extra["comment"] = comment
    out = io.BytesIO()
    images[0].save(out, fmt, save_all=True, append_images=images[1:], duration=100, **extra)
    return out.getvalue()


def exif_with_gps():
    """Return EXIF saying where a picture was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.GPSInfo] = GPS
    return exif


def zip_bomb(unzipped=679 * 1024 * 1024, *, declared=None):
    """Return an ODS-like zip whose "mimetype" unzips to `unzipped` bytes of zeros (< 1 MB file).

    With `declared`, the archive lies: its headers say the member unzips to that many bytes.
    """
    chunk = 1024 * 1024
    # After a full flush deflate starts afresh, so every 1 MB of zeros compresses to the same
    # bytes: compress one and repeat it rather than deflating 679 MB in the test.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\x00" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    whole, rest = divmod(unzipped, chunk)
    tail = compressor.compress(b"\x00" * rest) + compressor.flush()
    crc = 0
    for _ in range(whole):
        crc = zlib.crc32(b"\x00" * chunk, crc)
    crc = zlib.crc32(b"\x00" * rest, crc)
    size = unzipped if declared is None else declared
    return _zip([(b"mimetype", block * whole + tail, crc, size)])


def _zip(members):
    """Return a zip of deflated members given as (name, compressed bytes, CRC, unzipped size)."""
    local, directory = b"", b""
    for name, data, crc, size in members:
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        directory += struct.pack("<HHHII", 0, 0, 0, 0, len(local)) + name
        local += b"PK\x03\x04" + fields + name + data
    end = struct.pack("<HHHHIIH", 0, 0, len(members), len(members), len(directory), len(local), 0)
    return local + directory + b"PK\x05\x06" + end


def zip_of_many_members(members):
    """Return a zip of that many empty members: a directory bigger than any office file's."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for n in range(members):
            archive.writestr(zipfile.ZipInfo(str(n)), b"")
    return out.getvalue()
