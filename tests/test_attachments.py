import io

import pytest
from pypdf import PdfWriter

from reports import attachments, checks, embeds, media
from reports.errors import MediaRefused
from tests.factories import ReportFactory
from tests.mediafiles import (
    _zip,
    docx_bytes,
    image_bytes,
    ods_bytes,
    pdf_bytes,
    stored_files,
    upload,
    zip_bomb,
    zip_of_many_members,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.mark.parametrize(
    ("name", "data", "file_type"),
    [
        ("annual-report.pdf", pdf_bytes(3), "PDF"),
        ("visits.csv", b"Month,Visits\nJanuary,100\n", "CSV"),
        ("budget.ods", ods_bytes(), "ODS"),
        ("letter.docx", docx_bytes(), "DOCX"),
        ("letter.pdf", docx_bytes(), "DOCX"),  # the content decides, not the name
    ],
)
def test_attachments_are_recognised_by_their_content(name, data, file_type):
    assert attachments.identify(upload(name, data)).file_type == file_type


def test_a_pdfs_pages_are_counted():
    assert attachments.identify(upload("a.pdf", pdf_bytes(3))).page_count == 3
    assert attachments.identify(upload("b.pdf", pdf_bytes(1))).page_count == 1


def pypdf_bytes(pages, **trailer_count):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_page_count_is_the_page_trees_count_read_with_pypdf():
    assert attachments.pdf_page_count(upload("a.pdf", pypdf_bytes(7))) == 7
    lying = pypdf_bytes(2).replace(b"/Count 2", b"/Count 9999999999")
    assert attachments.pdf_page_count(upload("b.pdf", lying)) is None


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + b"/Type/Pages " * 34_000,  # 400 KB that held the old regex for 30 s
        b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [] /Count 12 >> endobj\n%%EOF",  # no xref
        b"%PDF-1.7\n%%EOF",
        b"%PDF-1.4\n1 0 obj " + b"<<" * 100_000 + b"\nstartxref\n9\n%%EOF\n",
    ],
)
def test_a_pdf_pypdf_cannot_read_strictly_is_accepted_without_a_page_count(data):
    info = attachments.identify(upload("odd.pdf", data))
    assert (info.file_type, info.page_count) == ("PDF", None)


def test_a_zip_bomb_is_refused_from_its_directory_without_unzipping(media_root):
    report = ReportFactory()
    data = zip_bomb()  # 679 MB of zeros in under 1 MB
    assert len(data) < 1024 * 1024
    with pytest.raises(MediaRefused) as refusal:
        media.add(report, by=None, kind="attachment", slug="a", title="A",
                  upload=upload("budget.ods", data))  # fmt: skip
    assert "“budget.ods” unzips to 679.0\u00a0MB; the most allowed is 250.0\u00a0MB" in str(
        refusal.value
    )
    assert refusal.value.field == "file"
    assert not report.media.exists() and stored_files(media_root) == []


def test_a_zip_that_lies_about_its_size_is_read_no_further_than_it_says(settings):
    # The headers say 46 bytes; zipfile stops there (and the CRC fails), so it is not an ODS.
    with pytest.raises(MediaRefused, match="is not a PDF, CSV, ODS or DOCX file"):
        attachments.identify(upload("budget.ods", zip_bomb(20 * 1024 * 1024, declared=46)))


def test_the_unzipped_size_limit_is_a_setting(settings):
    settings.MEDIA_MAX_ARCHIVE_UNZIPPED_SIZE = 1000
    with pytest.raises(
        MediaRefused, match="unzips to 1.0\u00a0KB; the most allowed is 1000\u00a0bytes"
    ):
        attachments.identify(upload("budget.ods", zip_bomb(1024)))
    settings.MEDIA_MAX_ARCHIVE_UNZIPPED_SIZE = 1024
    assert attachments.identify(upload("budget.ods", ods_bytes())).file_type == "ODS"


def test_an_archive_of_too_many_members_is_refused_before_zipfile_lists_them(settings):
    settings.MEDIA_MAX_ARCHIVE_MEMBERS = 100
    with pytest.raises(MediaRefused, match="an archive of more than 100 files"):
        attachments.identify(upload("many.docx", zip_of_many_members(101)))
    assert attachments.identify(upload("letter.docx", docx_bytes())).file_type == "DOCX"


def test_an_archive_whose_end_record_hides_its_members_is_still_counted(settings):
    settings.MEDIA_MAX_ARCHIVE_MEMBERS = 2
    members = [(f"{n}".encode(), b"\x03\x00", 0, 0) for n in range(3)]
    data = _zip(members)
    data = data[:-14] + b"\x01\x00\x01\x00" + data[-10:]  # the end record says 1 member
    with pytest.raises(MediaRefused, match="an archive of 3 files; the most allowed is 2"):
        attachments.identify(upload("many.docx", data))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("chart.pdf", image_bytes("PNG"), "is not a PDF, CSV, ODS or DOCX file"),
        ("archive.docx", b"PK\x03\x04 not really a zip", "is not a PDF"),
        ("program.csv", b"MZ\x90\x00\x03\x00\x00\x00", "is not a PDF"),
        ("notes.csv", b"Just one line of prose without a table", "is not a PDF"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_other_files_are_refused_saying_why_and_nothing_is_stored(name, data, reason, media_root):
    report = ReportFactory()
    with pytest.raises(MediaRefused, match=reason):
        media.add(
            report, by=None, kind="attachment", slug="a", title="A", upload=upload(name, data)
        )
    assert not report.media.exists()
    assert stored_files(media_root) == []


def test_an_attachment_over_the_size_limit_is_refused(settings):
    settings.MEDIA_MAX_ATTACHMENT_SIZE = 100
    with pytest.raises(MediaRefused, match="the largest file allowed is 100"):
        attachments.identify(upload("a.pdf", pdf_bytes(1)))


def test_an_attachment_without_a_title_is_saved_but_blocks_publishing():
    report = ReportFactory()
    media.add(report, by=None, kind="attachment", slug="a", upload=upload("a.pdf", pdf_bytes(1)))
    assert [f.check for f in checks.errors(report)] == ["media-title"]


def test_the_attachment_block_shows_type_size_and_pages():
    data = pdf_bytes(3)
    item = media.add(
        ReportFactory(), by=None, kind="attachment", slug="strategy",
        title="Government Digital Strategy", upload=upload("Strategy 2013.PDF", data),
    )  # fmt: skip
    assert item.file.name.endswith(".pdf")
    assert (item.file_type, item.file_size, item.page_count) == ("PDF", len(data), 3)
    html = embeds.render_embed(item)
    assert f'href="{item.file.url}">Government Digital Strategy</a></h3>' in html
    assert '<abbr title="Portable Document Format">PDF</abbr>' in html
    assert ", 3 pages" in html
    assert "KB" in html or "bytes" in html


def test_a_csv_attachment_has_no_page_count():
    item = media.add(
        ReportFactory(), by=None, kind="attachment", slug="visits", title="Visits data",
        upload=upload("visits.txt", b"Month,Visits\nJanuary,100\n"),
    )  # fmt: skip
    assert item.file.name.endswith(".csv")
    html = embeds.render_embed(item)
    assert '<abbr title="Comma-separated values">CSV</abbr>, 25\xa0bytes' in html
    assert "page" not in html
