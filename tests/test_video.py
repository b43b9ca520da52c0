import pytest

from reports import checks, embeds, media, video
from reports.errors import MediaRefused
from tests.factories import ReportFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=7hvFXnCZGF8",
        "http://www.youtube.com/watch?v=7hvFXnCZGF8&feature=share",
        "https://youtu.be/7hvFXnCZGF8",
        "https://m.youtube.com/watch?v=7hvFXnCZGF8",
        "https://www.youtube.com/embed/7hvFXnCZGF8",
        "https://www.youtube-nocookie.com/embed/7hvFXnCZGF8",
        "https://www.youtube.com/shorts/7hvFXnCZGF8",
    ],
)
def test_youtube_addresses_embed_from_the_privacy_enhanced_domain(url):
    found = video.parse(url)
    assert found.provider == "YouTube"
    assert found.embed_url.startswith("https://www.youtube-nocookie.com/embed/7hvFXnCZGF8?")
    assert found.watch_url == "https://www.youtube.com/watch?v=7hvFXnCZGF8"


def test_a_youtube_start_time_is_kept():
    assert "start=90" in video.parse("https://youtu.be/7hvFXnCZGF8?t=1m30s").embed_url


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?"),
        ("https://vimeo.com/channels/staffpicks/76979871", "/video/76979871?"),
        ("https://vimeo.com/76979871/abc123", "/video/76979871?autoplay=1&dnt=1&h=abc123"),
    ],
)
def test_vimeo_addresses_embed_with_do_not_track(url, embed):
    found = video.parse(url)
    assert found.provider == "Vimeo"
    assert embed in found.embed_url
    assert "dnt=1" in found.embed_url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.com/video.mp4", "Videos must be on YouTube or Vimeo"),
        ("javascript:alert(1)", "starting https://"),
        ("https://www.youtube.com/channel/UCabc", "does not name a video"),
        ("https://www.youtube.com/watch?v=short", "does not name a video"),
        ("https://vimeo.com/about", "does not name a video"),
        ("", "Enter the full video address"),
    ],
)
def test_other_addresses_are_refused_saying_why(url, message):
    with pytest.raises(MediaRefused, match=message):
        video.parse(url)


def add_video(**fields):
    fields.setdefault("title", "Digital by default: Jobcentre Plus")
    fields.setdefault("url", "https://www.youtube.com/watch?v=7hvFXnCZGF8")
    return media.add(ReportFactory(), by=None, kind="video", slug="jobcentre", **fields)


def test_the_embed_contacts_no_video_host_until_the_reader_presses_play():
    item = add_video(captions_url="https://www.gov.uk/transcripts/jobcentre")
    html = embeds.render_embed(item)
    assert "<iframe" not in html and "<img" not in html and "<script" not in html
    assert "ytimg" not in html  # no poster from the video host
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/7hvFXnCZGF8?autoplay=1' in html
    assert "Digital by default: Jobcentre Plus" in html
    assert '<button type="button" class="govuk-button govreport-video__play" hidden>' in html
    assert 'Play video<span class="govuk-visually-hidden">: Digital by default' in html
    # The plain link is the fallback without JavaScript; the transcript is linked.
    assert 'href="https://www.youtube.com/watch?v=7hvFXnCZGF8">Watch ‘Digital by default' in html
    assert 'href="https://www.gov.uk/transcripts/jobcentre">Read the transcript' in html


def test_a_video_needs_a_supported_address_and_a_title_to_publish():
    with pytest.raises(MediaRefused, match="YouTube or Vimeo"):
        add_video(url="https://example.com/v")
    item = add_video(title="")
    assert "media-title" in {f.check for f in checks.errors(item.report)}


def test_a_video_without_a_transcript_is_flagged():
    item = add_video()
    assert item.needs_transcript()
    assert "Read the transcript" not in embeds.render_embed(item)
