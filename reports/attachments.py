"""Attachments: recognise PDF, CSV, ODS and DOCX files by their content, and describe them."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from .errors import MediaRefused
from .uploads import check_size, read_head

TYPES = {
    "PDF": "application/pdf",
    "CSV": "text/csv",
    "ODS": "application/vnd.oasis.opendocument.spreadsheet",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {"PDF": "pdf", "CSV": "csv", "ODS": "ods", "DOCX": "docx"}
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
PAGES_COUNT = re.compile(
    rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b"
)


@dataclass(frozen=True)
class AttachmentInfo:
    """What an accepted attachment is: its type and, for a PDF, its page count if cheap to find."""

    file_type: str
    page_count: int | None = None

    @property
    def extension(self):
        return EXTENSIONS[self.file_type]


def identify(upload):
    """Return what the upload is, or refuse it if it is not a PDF, CSV, ODS or DOCX file."""
    check_size(upload, limit_setting="MEDIA_MAX_ATTACHMENT_SIZE")
    head = read_head(upload, 8)
    if head.startswith(b"%PDF-"):
        return AttachmentInfo("PDF", page_count=pdf_page_count(upload))
    if head.startswith(b"PK\x03\x04"):
        kind = _office_type(upload)
        if kind:
            return AttachmentInfo(kind)
    elif looks_like_csv(upload):
        return AttachmentInfo("CSV")
    raise MediaRefused(
        f"“{upload.name}” is not a PDF, CSV, ODS or DOCX file, whatever its name says. "
        "Attachments must be one of these types.",
        field="file",
    )


def pdf_page_count(upload):
    """Return the number of pages of a PDF by counting its page objects, or None if unsure."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    pages = len(PAGE_OBJECT.findall(data))
    if pages:
        return pages
    # Page objects are hidden in compressed object streams; the page tree may still say.
    counts = [int(a or b) for a, b in PAGES_COUNT.findall(data)]
    return max(counts) if counts else None


def _office_type(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == TYPES["ODS"].encode():
                return "ODS"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "DOCX"
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def looks_like_csv(upload):
    """Return True if the upload is UTF-8 text that reads as a table of comma-separated values."""
    upload.seek(0)
    sample = upload.read(64 * 1024)
    upload.seek(0)
    if b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A multi-byte character may have been cut at the end of the sample.
        try:
            text = sample[:-4].decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    printable = all(ch.isprintable() or ch in "\r\n\t" for ch in text[:4096])
    return printable and any(len(row) > 1 for row in rows)
