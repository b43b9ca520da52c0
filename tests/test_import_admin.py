import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import importing
from reports.admin.documents import SESSION_KEY
from reports.demo import JULY_2013_DRAFT
from reports.models import Report
from tests.factories import SeriesFactory

IMPORT_URL = reverse("admin:reports_report_import")
JULY = JULY_2013_DRAFT.read_bytes()


def upload(client, data=JULY, name="july.md", **fields):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data), **fields})


@pytest.fixture
def designer_client(client, designer):
    client.force_login(designer)
    return client


@pytest.mark.django_db
def test_changelist_links_to_the_import_page(designer_client):
    response = designer_client.get(reverse("admin:reports_report_changelist"))
    assert IMPORT_URL in response.text


@pytest.mark.django_db
def test_upload_shows_a_preview_and_creates_nothing(designer_client):
    response = upload(designer_client)
    assert response.status_code == 200
    page = response.text
    assert "Saving money, transforming services, making progress" in page
    assert "Making progress, more to do" in page
    assert "Digital capability and leadership" in page
    assert "Summary list" in page
    assert "http://placekitten.com/200/300" in page
    assert "CSL video from YouTube, possibly Job Centre one" in page
    assert "Main body begins" in page
    assert 'name="confirm"' in page
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_confirm_creates_the_report_from_the_session(designer_client, designer):
    series = SeriesFactory()
    upload(designer_client, series=series.pk)
    token = designer_client.session[SESSION_KEY]["token"]
    response = designer_client.post(IMPORT_URL, {"confirm": "1", "token": token})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:reports_report_change", args=[report.pk])
    assert report.series == series and report.created_by == designer
    assert report.sections.count() == 9
    assert SESSION_KEY not in designer_client.session


@pytest.mark.django_db
def test_confirm_without_the_matching_preview_creates_nothing(designer_client):
    upload(designer_client)
    response = designer_client.post(IMPORT_URL, {"confirm": "1", "token": "forged"})
    assert response.status_code == 302 and response.url == IMPORT_URL
    response = designer_client.post(IMPORT_URL, {"confirm": "1"}, follow=True)
    assert "preview has expired" in response.text
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_confirm_twice_creates_one_report(designer_client):
    upload(designer_client)
    token = designer_client.session[SESSION_KEY]["token"]
    designer_client.post(IMPORT_URL, {"confirm": "1", "token": token})
    designer_client.post(IMPORT_URL, {"confirm": "1", "token": token})
    assert Report.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "Line 1: The file is empty."),
        (b" \n\n", "Line 1: The file is empty."),
        ("Caf\xe9".encode("latin-1"), "Line 1: The file is not UTF-8 text"),
        (b"Just text.", "Line 1: The document has no title"),
        (b"## T\n\n**[headline options]**\n", "Line 3: The headline options marker"),
    ],
)
def test_bad_documents_are_refused_with_their_line(designer_client, data, message):
    response = upload(designer_client, data=data)
    assert response.status_code == 200
    assert 'class="errornote"' in response.text
    assert message in response.text.replace("&#x27;", "'")
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_title_field_rescues_a_document_without_a_title(designer_client):
    response = upload(designer_client, data=b"Just text.", title="Given title")
    assert "Given title" in response.text and 'name="confirm"' in response.text


@pytest.mark.django_db
def test_oversized_upload_is_refused(designer_client, settings):
    settings.IMPORT_MAX_BYTES = 50
    response = upload(designer_client)
    assert "larger than the" in response.text


@pytest.mark.django_db
def test_import_needs_the_add_permission(client, publisher):
    client.force_login(publisher)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client).status_code == 403


@pytest.mark.django_db
def test_change_form_offers_both_downloads(designer_client):
    report = importing.import_document(JULY, by=None).report
    page = designer_client.get(reverse("admin:reports_report_change", args=[report.pk])).text
    for fmt in ("markdown", "json"):
        assert reverse("admin:reports_report_export", args=[report.pk, fmt]) in page


@pytest.mark.django_db
def test_downloads_are_attachments(designer_client):
    report = importing.import_document(JULY, by=None).report
    markdown = designer_client.get(
        reverse("admin:reports_report_export", args=[report.pk, "markdown"])
    )
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert markdown["Content-Disposition"] == f'attachment; filename="{report.slug}.md"'
    assert markdown.content.decode().startswith(f"# {report.title}")
    data = designer_client.get(reverse("admin:reports_report_export", args=[report.pk, "json"]))
    assert json.loads(data.content)["slug"] == report.slug
    assert "no-cache" in data["Cache-Control"] or "private" in data["Cache-Control"]
    missing = designer_client.get(reverse("admin:reports_report_export", args=[report.pk, "pdf"]))
    assert missing.status_code == 404


@pytest.mark.django_db
def test_downloads_need_permission_to_see_reports(client, django_user_model):
    report = importing.import_document(JULY, by=None).report
    client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    url = reverse("admin:reports_report_export", args=[report.pk, "json"])
    assert client.get(url).status_code in (403, 404)
