import io

import pytest
from django.core.files.storage import default_storage
from PIL import ExifTags, Image

from reports import checks, embeds, images, media
from reports.errors import MediaRefused
from reports.models import MediaItem, Rendition
from tests.factories import ReportFactory
from tests.mediafiles import (
    SVG_WITH_SCRIPT,
    animation_bytes,
    big_blank_png,
    exif_with_gps,
    gif_bomb,
    image_bytes,
    jpeg_on_its_side,
    pdf_bytes,
    png_bomb,
    png_with_gps,
    stored_files,
    truncated_jpeg,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def add_image(report=None, data=None, name="chart.png", **fields):
    fields.setdefault("alt_text", "Bar chart of services by phase")
    return media.add(
        report or ReportFactory(),
        by=None,
        kind=MediaItem.Kind.IMAGE,
        slug=fields.pop("slug", "picture"),
        upload=upload(name, data if data is not None else image_bytes()),
        **fields,
    )


def open_stored(item):
    with default_storage.open(item.file.name) as handle:
        image = Image.open(handle)
        image.load()
    return image


def test_gps_and_camera_exif_are_stripped_from_a_png_on_upload():
    original = Image.open(__import__("io").BytesIO(png_with_gps()))
    assert original.getexif().get(ExifTags.Base.GPSInfo)  # the test file really carries GPS
    item = add_image(data=png_with_gps(), name="photo.png")
    stored = open_stored(item)
    assert stored.format == "PNG"
    assert dict(stored.getexif()) == {}
    assert "exif" not in stored.info


def test_orientation_is_applied_before_exif_is_removed():
    item = add_image(data=jpeg_on_its_side(), name="side.jpg")
    stored = open_stored(item)
    assert stored.size == (200, 400)
    assert (item.width, item.height) == (200, 400)
    assert ExifTags.Base.Orientation not in stored.getexif()
    assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_a_png_named_jpg_is_accepted_for_what_it_is_and_stored_as_png():
    item = add_image(data=image_bytes("PNG"), name="photo.jpg")
    assert item.file.name.endswith(".png")
    assert item.file_type == "PNG"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bomb.png", png_bomb(), "too many pixels"),
        ("huge.png", big_blank_png(), "8000 × 6000 pixels (48 megapixels)"),
        ("cut.jpg", truncated_jpeg(), "damaged or incomplete"),
        ("logo.svg", SVG_WITH_SCRIPT, "SVG images can carry script"),
        ("logo.png", SVG_WITH_SCRIPT, "SVG images can carry script"),
        ("empty.png", b"", "is empty"),
        ("report.png", pdf_bytes(), "is not a JPEG, PNG, GIF or WebP image"),
        ("notes.jpg", b"Just some text pretending to be a photo", "is not a JPEG, PNG"),
    ],
)
def test_bad_images_are_refused_saying_why_and_nothing_is_stored(name, data, reason, media_root):
    report = ReportFactory()
    with pytest.raises(MediaRefused) as refusal:
        add_image(report, data=data, name=name)
    assert reason in str(refusal.value)
    assert refusal.value.field == "file"
    assert not report.media.exists()
    assert stored_files(media_root) == []


def test_an_image_over_the_upload_size_limit_is_refused(settings, media_root):
    settings.MEDIA_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(MediaRefused, match="the largest file allowed is 1000"):
        add_image(data=image_bytes("PNG", (400, 400), color=None) + b"\0" * 2000)
    assert stored_files(media_root) == []


def test_the_pixel_limit_is_a_setting(settings):
    settings.MEDIA_MAX_IMAGE_PIXELS = 100 * 100
    with pytest.raises(MediaRefused, match="0.01 megapixels"):
        add_image(data=image_bytes("PNG", (101, 100)))


def test_an_image_without_alt_text_is_saved_but_blocks_publishing(media_root):
    item = add_image(alt_text="   ")
    assert [f.check for f in checks.errors(item.report)] == ["image-alt-text"]
    item = add_image(alt_text="", decorative=True, slug="divider")
    assert item.pk and item.decorative
    assert "image-alt-text" not in {f.check for f in checks.errors(item.report)}


def test_renditions_are_made_once_in_webp_and_the_original_format_then_reused():
    item = add_image(data=image_bytes("JPEG", (1600, 900)), name="photo.jpg")
    first = images.renditions(item)
    assert sorted((r.format, r.width, r.height) for r in first) == sorted(
        (fmt, w, round(900 * w / 1600)) for fmt in ("webp", "jpeg") for w in (320, 640, 960, 1280)
    )
    for rendition in first:
        with default_storage.open(rendition.file.name) as handle:
            made = Image.open(handle)
            assert (made.format.lower(), made.width) == (rendition.format, rendition.width)
    again = images.renditions(item)
    assert [r.pk for r in again] == [r.pk for r in first]
    embeds.render_embed(item)
    assert Rendition.objects.filter(item=item).count() == 8


def test_renditions_are_never_wider_than_the_upload():
    item = add_image(data=image_bytes("PNG", (500, 250)))
    widths = sorted({r.width for r in images.renditions(item)})
    assert widths == [320, 500]
    assert {r.format for r in images.renditions(item)} == {"webp", "png"}


def test_renditions_of_a_gif_are_png_and_webp():
    item = add_image(data=image_bytes("GIF", (400, 300)), name="anim.gif")
    assert {r.format for r in images.renditions(item)} == {"webp", "png"}


def test_the_embed_serves_renditions_with_srcset_sizes_and_dimensions():
    item = add_image(
        data=image_bytes("JPEG", (1600, 900)),
        name="team.jpg",
        alt_text="The team at work",
        caption="The GOV.UK team in Holborn",
        credit="© Crown copyright",
        alignment=MediaItem.Alignment.FULL_WIDTH,
    )
    html = embeds.render_embed(item)
    assert '<source type="image/webp" srcset="' in html
    assert "-1280w.webp 1280w" in html and "-320w.jpg 320w" in html
    assert 'sizes="(min-width: 1020px) 960px, 100vw"' in html
    assert 'width="640" height="360"' in html
    assert 'alt="The team at work"' in html
    assert "The GOV.UK team in Holborn" in html and "© Crown copyright" in html
    assert item.file.url not in html  # the original upload is never served: renditions are


def test_a_pull_right_image_is_an_aside_and_a_decorative_one_has_empty_alt():
    item = add_image(alignment=MediaItem.Alignment.PULL_RIGHT, decorative=True, alt_text="")
    html = embeds.render_embed(item)
    assert html.strip().startswith('<aside class="govreport-pull-right"')
    assert 'alt=""' in html
    assert 'sizes="(min-width: 641px) 320px, 100vw"' in html


def test_embed_text_is_escaped():
    item = add_image(alt_text='"><script>alert(1)</script>', caption="<b>bold</b>")
    html = embeds.render_embed(item)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_an_image_known_only_by_an_outside_address_is_not_served():
    item = MediaItem.objects.create(
        report=ReportFactory(), kind="image", slug="kitten", url="http://placekitten.com/200/300",
        alt_text="A kitten",
    )  # fmt: skip
    assert item.needs_upload()
    assert embeds.render_embed(item) == ""


def test_all_file_access_goes_through_the_storage_api(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    from django.core.files.storage import storages

    item = add_image(data=png_with_gps())
    assert item.file.storage.__class__.__name__ == "InMemoryStorage"
    html = embeds.render_embed(item)
    assert "-320w.webp" in html
    assert all(r.file.storage.exists(r.file.name) for r in item.renditions.all())
    assert storages["default"].exists(item.file.name)


def test_renditions_are_made_after_the_upload_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = add_image(data=image_bytes("PNG", (700, 400)))
    assert item.renditions.count() == 6  # 320, 640 and 700 wide, in WebP and PNG


def test_a_gif_bomb_is_refused_before_decoding_saying_which_limit(media_root):
    report = ReportFactory()
    data = gif_bomb()
    assert len(data) < 7000  # 300 frames on a 4000 x 4000 canvas
    with pytest.raises(MediaRefused) as refusal:
        add_image(report, data=data, name="bomb.gif")
    message = str(refusal.value)
    assert "animation of 300 frames of 4000 × 4000 pixels (4800 megapixels in all)" in message
    assert "the largest animation allowed is 10 megapixels in all" in message
    assert not report.media.exists()
    assert stored_files(media_root) == []


def test_the_frame_limit_is_counted_without_reading_the_whole_gif(settings):
    settings.MEDIA_MAX_IMAGE_FRAMES = 50
    data = gif_bomb(frames=100_000, width=10, height=10)
    assert images.gif_frames(data, stop=51) == 51
    with pytest.raises(MediaRefused, match="animation of more than 50 frames; the most allowed"):
        add_image(data=data, name="long.gif")


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_frame_limits_apply_to_every_animated_format(fmt, settings):
    data = animation_bytes(fmt, size=(100, 100), frames=5)
    settings.MEDIA_MAX_ANIMATION_PIXELS = 5 * 100 * 100 - 1
    with pytest.raises(MediaRefused, match="animation of 5 frames of 100 × 100 pixels"):
        add_image(data=data, name=f"a.{fmt.lower()}")
    settings.MEDIA_MAX_ANIMATION_PIXELS = 5 * 100 * 100
    settings.MEDIA_MAX_IMAGE_FRAMES = 4
    with pytest.raises(MediaRefused, match="more than 4 frames"):
        add_image(data=data, name=f"a.{fmt.lower()}")


def test_gif_frames_agrees_with_pillow():
    for frames in (1, 2, 7):
        data = animation_bytes("GIF", frames=frames)
        assert images.gif_frames(data, stop=100) == Image.open(io.BytesIO(data)).n_frames
    assert images.gif_frames(gif_bomb(frames=12), stop=100) == 12
    assert images.gif_frames(b"GIF89a", stop=100) == 1  # damaged: Pillow says why


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_an_animation_within_the_limits_keeps_its_frames_and_loses_its_metadata(fmt):
    data = animation_bytes(fmt, frames=4, exif=exif_with_gps(), comment=b"Taken at home")
    assert b"Phone" in data or b"Taken at home" in data  # the test file carries metadata
    item = add_image(data=data, name=f"steps.{fmt.lower()}")
    with default_storage.open(item.file.name) as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.n_frames == 4
    assert b"Phone" not in stored and b"Taken at home" not in stored
    assert "exif" not in image.info and "comment" not in image.info
    assert (item.width, item.height) == (120, 80)
