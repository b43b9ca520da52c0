import pytest

from reports import attachments, checks, embeds, media
from reports.errors import MediaRefused
from tests.factories import ReportFactory
from tests.mediafiles import (
    docx_bytes,
    image_bytes,
    ods_bytes,
    pdf_bytes,
    stored_files,
    upload,
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


def test_the_page_count_falls_back_to_the_page_tree_and_else_is_unknown():
    compressed = b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [] /Count 12 >> endobj\n%%EOF"
    assert attachments.pdf_page_count(upload("c.pdf", compressed)) == 12
    assert attachments.pdf_page_count(upload("d.pdf", b"%PDF-1.7\n%%EOF")) is None


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
