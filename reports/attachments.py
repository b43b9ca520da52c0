"""Attachments: recognise PDF, CSV, ODS and DOCX files by their content, and describe them."""

import csv
import io
import struct
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader

from .errors import MediaRefused
from .uploads import check_size, read_head

TYPES = {
    "PDF": "application/pdf",
    "CSV": "text/csv",
    "ODS": "application/vnd.oasis.opendocument.spreadsheet",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {"PDF": "pdf", "CSV": "csv", "ODS": "ods", "DOCX": "docx"}
# PDF readers look for the end-of-file marker in the last 1024 bytes (PDF 1.7, annex H).
PDF_TAIL = 1024
MAX_PAGES = 1_000_000  # a larger /Count is a lie, not a document
# A zip's central directory entry is 46 bytes plus its name and extras: real office files stay
# well under this many bytes per member, and a directory larger than members x this is refused.
DIRECTORY_BYTES_PER_MEMBER = 512
END_OF_DIRECTORY = b"PK\x05\x06"


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
    """Return the number of pages the PDF's page tree declares, or None if it cannot say cheaply.

    pypdf reads the cross-reference table the trailer points to and the page tree's /Count, so
    the work does not grow with the file. Without an end-of-file marker pypdf would search the
    whole file backwards, and in non-strict mode it rebuilds a broken table by scanning it all
    (5 s for 50 MB): such files, and any pypdf cannot read strictly, get no page count.
    """
    upload.seek(max(upload.size - PDF_TAIL, 0))
    tail = upload.read(PDF_TAIL)
    upload.seek(0)
    if b"%%EOF" not in tail:
        return None
    try:
        count = PdfReader(upload, strict=True).trailer["/Root"]["/Pages"]["/Count"]
    except Exception:  # noqa: BLE001 - the count is optional and the file is hostile until read
        return None
    finally:
        upload.seek(0)
    return int(count) if isinstance(count, int) and 0 < count <= MAX_PAGES else None


def _office_type(upload):
    """Return "ODS" or "DOCX" for a zip holding one, else None; refuse an archive too big to open.

    The member count and the unzipped size are checked from the archive's directory before any
    member is read, and only the ODS "mimetype" member is read, a few bytes of it.
    """
    _check_directory(upload)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_unzipped_size(upload.name, archive.infolist())
            names = set(archive.namelist())
            if "mimetype" in names and _starts(archive, "mimetype") == TYPES["ODS"].encode():
                return "ODS"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "DOCX"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)
    return None


def _check_directory(upload):
    """Refuse a zip whose directory lists too many members, before zipfile reads them all.

    zipfile builds an object for every member when it opens an archive (3 s and 200 MB for
    400,000 members), so the count is read from the end-of-directory record first.
    """
    limit = settings.MEDIA_MAX_ARCHIVE_MEMBERS
    upload.seek(max(upload.size - 22 - 0xFFFF, 0))  # the record is 22 bytes, then a comment
    tail = upload.read()
    upload.seek(0)
    start = tail.rfind(END_OF_DIRECTORY)
    if start < 0 or len(tail) < start + 22:
        return  # not a zip zipfile can open: it will say so
    members, directory_size = struct.unpack_from("<HL", tail, start + 10)
    if members > limit or directory_size > limit * DIRECTORY_BYTES_PER_MEMBER:
        raise MediaRefused(
            f"“{upload.name}” is an archive of more than {limit:,} files; ODS and DOCX files "
            f"hold far fewer, and the most allowed is {limit:,}.",
            field="file",
        )


def _check_unzipped_size(name, members):
    """Refuse an archive whose members unzip to more than MEDIA_MAX_ARCHIVE_UNZIPPED_SIZE.

    zipfile never returns more bytes of a member than its directory entry declares, so the
    declared sizes bound what any reader of ours can unzip.
    """
    limit = settings.MEDIA_MAX_ARCHIVE_UNZIPPED_SIZE
    if len(members) > settings.MEDIA_MAX_ARCHIVE_MEMBERS:
        raise MediaRefused(
            f"“{name}” is an archive of {len(members):,} files; the most allowed is "
            f"{settings.MEDIA_MAX_ARCHIVE_MEMBERS:,}.",
            field="file",
        )
    unzipped = sum(member.file_size for member in members)
    if unzipped > limit:
        raise MediaRefused(
            f"“{name}” unzips to {filesizeformat(unzipped)}; the most allowed is "
            f"{filesizeformat(limit)}. It may be a zip bomb; if it is a real document, save it "
            "again with less in it.",
            field="file",
        )


def _starts(archive, name, size=256):
    """Return the first bytes of a member, unzipping no more than that."""
    with archive.open(name) as member:
        return member.read(size).strip()


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
