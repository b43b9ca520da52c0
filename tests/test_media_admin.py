import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import ExifTags, Image
from reversion.models import Version

from reports import media
from reports.admin.media import MediaItemForm
from reports.errors import MediaRefused, NotPermitted
from reports.models import ActionLog, MediaItem
from tests.factories import MediaItemFactory, ReportFactory, SectionFactory
from tests.mediafiles import (
    SVG_WITH_SCRIPT,
    gif_bomb,
    image_bytes,
    pdf_bytes,
    png_with_gps,
    stored_files,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def upload_url(report):
    return reverse("admin:reports_report_media_upload", args=[report.pk])


def fulfil_url(item):
    return reverse("admin:reports_report_fulfil_placeholder", args=[item.report_id, item.pk])


def revisions_of(report):
    return Version.objects.get_for_object(report)


# The item form used by the media inline


def form_for(report, files=None, **data):
    data = {"kind": "image", "slug": "photo", "alignment": "inline", **data}
    return MediaItemForm(data=data, files=files or {}, instance=MediaItem(report=report))


def test_the_form_refuses_a_fake_image_on_the_file_field():
    form = form_for(ReportFactory(), files={"file": upload("x.png", SVG_WITH_SCRIPT)},
                    alt_text="Logo")  # fmt: skip
    assert not form.is_valid()
    assert "SVG images can carry script" in form.errors["file"][0]


def test_the_form_saves_an_image_without_alt_text_and_strips_its_location(media_root):
    report = ReportFactory()
    form = form_for(report, files={"file": upload("gps.png", png_with_gps())})
    assert form.is_valid(), form.errors  # incomplete, not invalid: the checks block publishing
    item = form.save()
    with item.file.open("rb") as handle:
        assert not Image.open(handle).getexif().get(ExifTags.Base.GPSInfo)
    assert (item.width, item.height, item.file_type) == (800, 600, "PNG")


def test_the_form_names_the_bad_csv_row_and_reads_an_uploaded_csv():
    report = ReportFactory()
    form = form_for(report, kind="chart", title="Visits", chart_type="line",
                    chart_data="Month,Visits\nJanuary,lots\n")  # fmt: skip
    assert not form.is_valid()
    assert form.errors["chart_data"] == ["Row 2: in column “Visits”, “lots” is not a number."]
    csv = upload("visits.csv", b"\xef\xbb\xbfMonth,Visits\nJanuary,100\n", "text/csv")
    form = form_for(report, files={"chart_file": csv}, kind="chart", title="Visits",
                    chart_type="line")  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.save().chart_data == "Month,Visits\nJanuary,100\n"


def test_the_form_refuses_an_unsupported_video_address():
    form = form_for(ReportFactory(), kind="video", title="A film", url="https://example.com/a")
    assert not form.is_valid()
    assert "YouTube or Vimeo" in form.errors["url"][0]


# Drag-and-drop uploads from the markdown editor


def test_an_image_dropped_in_the_editor_joins_the_library_and_returns_its_shortcode(
    client, designer
):
    report = ReportFactory()
    section = SectionFactory(report=report)
    client.force_login(designer)
    response = client.post(upload_url(report), {
        "image": upload("Service manual.png", image_bytes()), "alt_text": "The service manual",
        "section": section.pk,
    })  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["shortcode"] == "[Image: service-manual]"
    item = report.media.get()
    assert (item.kind, item.alt_text, item.section) == ("image", "The service manual", section)
    assert revisions_of(report).count() == 1
    assert revisions_of(report).first().revision.user == designer


def test_a_dropped_image_without_alt_text_is_kept_with_a_warning(client, designer, media_root):
    report = ReportFactory()
    client.force_login(designer)
    response = client.post(upload_url(report), {"image": upload("a.png", image_bytes())})
    assert response.status_code == 200
    assert "no alt text yet" in response.json()["warning"]
    assert report.media.get().shortcode() == response.json()["shortcode"]


def test_a_dropped_file_that_is_not_an_image_is_refused_and_nothing_is_stored(
    client, designer, media_root
):
    report = ReportFactory()
    client.force_login(designer)
    response = client.post(upload_url(report), {"image": upload("a.png", b"not an image")})
    assert response.status_code == 400
    assert not report.media.exists() and stored_files(media_root) == []


def test_a_gif_bomb_dropped_in_the_editor_gets_a_400_naming_the_limit(client, designer, media_root):
    report = ReportFactory()
    client.force_login(designer)
    response = client.post(
        upload_url(report), {"image": upload("bomb.gif", gif_bomb()), "alt_text": "Boom"}
    )
    assert response.status_code == 400
    assert "the largest animation allowed is 10 megapixels" in response.json()["error"]
    assert response.json()["field"] == "file"
    assert not report.media.exists() and stored_files(media_root) == []


def test_the_media_form_refuses_a_gif_bomb_on_the_file_field():
    form = form_for(ReportFactory(), files={"file": upload("bomb.gif", gif_bomb())}, alt_text="X")
    assert not form.is_valid()
    assert "4800 megapixels in all" in form.errors["file"][0]


def test_uploads_need_permission_sign_in_and_a_csrf_token(client, publisher, designer):
    report = ReportFactory()
    data = {"image": upload("a.png", image_bytes()), "alt_text": "A"}
    assert client.post(upload_url(report), data).status_code == 302  # to the sign-in page
    client.force_login(publisher)
    assert client.post(upload_url(report), data).status_code == 403
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(designer)
    data["image"].seek(0)
    assert strict.post(upload_url(report), data).status_code == 403
    assert not report.media.exists()


def test_the_editor_posts_uploads_to_the_reports_own_address(client, designer):
    report = ReportFactory()
    SectionFactory(report=report)
    client.force_login(designer)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert f'data-govreport-upload-url="{upload_url(report)}"' in page
    assert f'data-markdownx-upload-urls-path="{upload_url(report)}"' in page
    assert "/markdownx/upload/" not in page
    assert "reports/admin/media-upload.js" in page


# Placeholders


def test_a_placeholder_is_fulfilled_in_place_with_the_body_shortcode_updated(client, designer):
    report = ReportFactory()
    section = SectionFactory(report=report, body="Visits rose.\n\n[Placeholder: visits]\n\nMore.")
    placeholder = MediaItemFactory(report=report, slug="visits", section=section)
    client.force_login(designer)
    response = client.post(fulfil_url(placeholder), {
        "kind": "chart", "title": "GOV.UK visits by month", "chart_type": "line",
        "chart_data": "Month,Visits\nMay,9000000\nJune,9500000\n", "alignment": "inline",
    })  # fmt: skip
    assert response.status_code == 302
    placeholder.refresh_from_db()
    section.refresh_from_db()
    assert placeholder.kind == "chart" and placeholder.slug == "visits"
    assert placeholder.description == "graph showing visits since launch"  # kept, for history
    assert section.body == "Visits rose.\n\n[Chart: visits]\n\nMore."
    [version] = revisions_of(report)
    assert version.revision.user == designer
    assert version.revision.comment == "Fulfilled placeholder “visits” with chart"
    [entry] = ActionLog.objects.filter(report=report)
    assert (entry.action, entry.user) == ("change_media", designer)
    assert entry.revision == version.revision


def test_a_refused_fulfilment_changes_nothing(client, designer, media_root):
    placeholder = MediaItemFactory(slug="logo")
    client.force_login(designer)
    response = client.post(fulfil_url(placeholder), {
        "kind": "image", "file": upload("logo.svg", SVG_WITH_SCRIPT), "alt_text": "Logo",
        "alignment": "inline",
    })  # fmt: skip
    assert response.status_code == 200
    assert "SVG images can carry script" in response.content.decode()
    placeholder.refresh_from_db()
    assert placeholder.is_placeholder()
    assert stored_files(media_root) == []
    assert not revisions_of(placeholder.report).exists()


def test_fulfilling_a_video_without_a_transcript_warns(client, designer):
    placeholder = MediaItemFactory(slug="csl-video")
    client.force_login(designer)
    response = client.post(fulfil_url(placeholder), {
        "kind": "video", "title": "Civil Service Learning", "alignment": "inline",
        "url": "https://youtu.be/7hvFXnCZGF8",
    }, follow=True)  # fmt: skip
    text = response.content.decode()
    assert "The placeholder is now [Video: csl-video]." in text
    assert "has no transcript or captions link" in text


def test_fulfilling_twice_is_refused():
    placeholder = MediaItemFactory(slug="x")
    media.fulfil(placeholder, by=None, kind="video", title="A", url="https://youtu.be/7hvFXnCZGF8")
    with pytest.raises(MediaRefused, match="no longer a placeholder"):
        media.fulfil(
            placeholder, by=None, kind="video", title="B", url="https://youtu.be/7hvFXnCZGF8"
        )


def test_only_roles_that_edit_reports_can_fulfil(publisher):
    placeholder = MediaItemFactory(slug="x")
    with pytest.raises(NotPermitted):
        media.fulfil(placeholder, by=publisher, kind="video", title="A",
                     url="https://youtu.be/7hvFXnCZGF8")  # fmt: skip


# The media library panel


def test_the_media_library_lists_shortcodes_and_open_placeholders(client, designer):
    report = ReportFactory()
    placeholder = MediaItemFactory(report=report, slug="visits")
    media.add(report, by=None, kind="video", slug="jobcentre", title="Jobcentre",
              url="https://youtu.be/7hvFXnCZGF8")  # fmt: skip
    client.force_login(designer)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert "Media library" in page
    assert '<code class="govreport-shortcode" id="media-shortcode-' in page
    assert "[Video: jobcentre]" in page and "[Placeholder: visits]" in page
    assert 'data-copy="media-shortcode-' in page and "reports/admin/media-library.js" in page
    assert "Open placeholders (1)" in page
    assert f'href="{fulfil_url(placeholder)}"' in page
    assert "No transcript or captions link" in page


# The add_media command


def test_add_media_adds_an_image_and_prints_its_shortcode(tmp_path, capsys):
    report = ReportFactory(slug="july-2013")
    SectionFactory(report=report, anchor="gov-uk")
    path = tmp_path / "Design award.jpg"
    path.write_bytes(image_bytes("JPEG", (900, 600)))
    call_command(
        "add_media", "july-2013", str(path), "--alt", "The award", "--caption",
        "Design of the Year", "--credit", "Design Museum", "--section", "gov-uk",
    )  # fmt: skip
    assert capsys.readouterr().out.strip() == "[Image: design-award]"
    item = report.media.get()
    assert (item.alt_text, item.caption, item.credit, item.section.anchor) == (
        "The award", "Design of the Year", "Design Museum", "gov-uk",
    )  # fmt: skip
    assert revisions_of(report).count() == 1


def test_add_media_fulfils_a_placeholder(tmp_path, capsys):
    report = ReportFactory(slug="july-2013")
    section = SectionFactory(report=report, body="[Placeholder: strategy]")
    placeholder = MediaItemFactory(report=report, slug="strategy")
    path = tmp_path / "strategy.pdf"
    path.write_bytes(pdf_bytes(2))
    call_command("add_media", "july-2013", str(path), "--title", "The strategy",
                 "--fulfils", str(placeholder.pk))  # fmt: skip
    assert capsys.readouterr().out.strip() == "[Attachment: strategy]"
    section.refresh_from_db()
    assert section.body == "[Attachment: strategy]"


def test_add_media_refuses_bad_files_with_the_reason_and_a_non_zero_exit(
    tmp_path, capsys, monkeypatch
):
    from django.core.management import ManagementUtility

    # run_from_argv closes the database connections when it ends; the test still needs its own.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    report = ReportFactory(slug="july-2013")
    path = tmp_path / "photo.png"
    path.write_bytes(image_bytes())
    text = tmp_path / "notes.txt"
    text.write_bytes(b"\x00\x01 binary")
    with pytest.raises(CommandError, match="neither an image"):
        call_command("add_media", "july-2013", str(text))
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(
            ["manage.py", "add_media", "july-2013", str(empty), "--alt", "x"]
        ).execute()
    assert exit_.value.code != 0
    assert "“empty.png” is empty (0 bytes)." in capsys.readouterr().err
    assert not report.media.exists()


def test_a_revision_covers_the_report_and_its_media():
    report = ReportFactory()
    item = media.add(report, by=None, kind="video", slug="v", title="V",
                     url="https://youtu.be/7hvFXnCZGF8")  # fmt: skip
    [version] = revisions_of(report)
    assert {v.object_id for v in version.revision.version_set.all()} >= {
        str(report.pk),
        str(item.pk),
    }
