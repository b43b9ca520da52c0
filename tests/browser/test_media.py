import base64
import re

import pytest

from reports import media, workflow
from reports.models import MediaItem
from tests.browser.conftest import describe_violations
from tests.factories import ReportFactory, SectionFactory
from tests.mediafiles import image_bytes, pdf_bytes, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_root"),
]

VIDEO_HOSTS = re.compile(r"youtube|ytimg|googlevideo|vimeo|doubleclick|ggpht")
EXEMPLARS = "Phase,Services\nDiscovery,13\nAlpha,6\nBeta,5\nLive,1\n"


def add(report, kind, slug, **fields):
    return media.add(report, by=None, kind=kind, slug=slug, **fields)


@pytest.fixture
def report_with_media(publisher):
    report = ReportFactory(slug="july-2013", title="Quarterly progress report July 2013")
    add(
        report,
        "image",
        "team",
        upload=upload("team.jpg", image_bytes("JPEG", (1600, 900))),
        alt_text="The GOV.UK team",
        caption="The team in Holborn",
        credit="© Crown copyright",
    )
    add(
        report,
        "image",
        "award",
        upload=upload("award.png", image_bytes("PNG", (600, 800))),
        alt_text="The Design of the Year award",
        alignment="pull-right",
        caption="The award",
    )
    add(
        report,
        "chart",
        "exemplars",
        title="Exemplar services by phase, July 2013",
        chart_type="bar",
        chart_data=EXEMPLARS,
    )
    add(
        report,
        "video",
        "jobcentre",
        title="Digital by default at Jobcentre Plus",
        url="https://www.youtube.com/watch?v=7hvFXnCZGF8",
        captions_url="https://www.gov.uk/transcripts/jobcentre",
    )
    add(
        report,
        "attachment",
        "strategy",
        title="Government Digital Strategy",
        upload=upload("strategy.pdf", pdf_bytes(3)),
    )
    add(report, "image", "wide", upload=upload("wide.png", image_bytes("PNG", (2000, 500))),
        alt_text="A wide banner", alignment="full-width")  # fmt: skip
    MediaItem.objects.create(report=report, kind="placeholder", slug="todo",
                             description="insert graph showing visits since launch")  # fmt: skip
    body = "GOV.UK has been running for 8 months.\n\n" + "\n\nText between the media.\n\n".join(
        item.shortcode() for item in report.media.all()
    )
    SectionFactory(report=report, heading="Media", anchor="media", body=body)
    # The placeholder fails the checks; publishing anyway shows it still never reaches readers.
    workflow.force_publish(report, by=publisher, reason="Testing the media embeds")
    return report


def test_the_video_host_is_not_contacted_until_the_reader_presses_play(
    page, live_server, report_with_media
):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # No network is needed: any request to a video host is recorded, then aborted.
    page.context.route(VIDEO_HOSTS, lambda route: route.abort())
    page.goto(f"{live_server.url}/reports/july-2013/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".govreport-video__title").inner_text() == (
        "Digital by default at Jobcentre Plus"
    )
    assert [url for url in requests if VIDEO_HOSTS.search(url)] == []
    assert page.locator("iframe").count() == 0

    play = page.get_by_role(
        "button", name=re.compile(r"^Play video\W+Digital by default at Jobcentre")
    )
    with page.expect_request(lambda request: "youtube-nocookie.com" in request.url):
        play.click()
    src = page.locator("iframe.govreport-video__iframe").get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/7hvFXnCZGF8?autoplay=1")
    assert page.locator("iframe").get_attribute("title") == (
        "Video: Digital by default at Jobcentre Plus"
    )
    assert all("youtube-nocookie.com" in url for url in requests if VIDEO_HOSTS.search(url))


def test_without_javascript_the_video_is_a_plain_link(browser, live_server, report_with_media):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/reports/july-2013/")
    assert not page.get_by_role("button", name=re.compile("Play video")).is_visible()
    link = page.get_by_role("link", name="Watch ‘Digital by default at Jobcentre Plus’ on YouTube")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=7hvFXnCZGF8"
    context.close()


def test_the_media_render_accessibly_with_renditions_sized_for_the_screen(
    page, live_server, report_with_media, axe, screenshot
):
    page.context.route(VIDEO_HOSTS, lambda route: route.abort())
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/reports/july-2013/")
    page.wait_for_load_state("networkidle")
    team = page.get_by_role("img", name="The GOV.UK team")
    team.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('img[alt=\"The GOV.UK team\"]').complete")
    current = team.evaluate("img => img.currentSrc")
    assert re.search(r"/team-640w(_\w+)?\.webp$", current), current  # not the 1280 px one
    assert page.get_by_role("img", name="Exemplar services by phase, July 2013").is_visible()
    assert page.locator("table caption").inner_text().startswith("Data for the chart")
    assert "PDF, " in page.locator(".govreport-attachment__metadata").inner_text()
    assert page.locator("text=insert graph").count() == 0  # placeholders never render
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    violations = axe()
    screenshot("media-375")
    assert violations == [], describe_violations(violations)
    page.set_viewport_size({"width": 1024, "height": 800})
    assert (
        page.locator("aside.govreport-pull-right").evaluate("e => getComputedStyle(e).float")
        == "right"
    )
    violations = axe()
    screenshot("media-1024")
    assert violations == [], describe_violations(violations)


def test_an_image_dropped_into_the_editor_is_uploaded_and_its_shortcode_inserted(
    page, live_server, designer, admin_login
):
    report = ReportFactory(slug="drop-test")
    SectionFactory(report=report, heading="GOV.UK", anchor="gov-uk", body="Visits rose.")
    admin_login(designer)
    page.goto(f"{live_server.url}/admin/reports/report/{report.pk}/change/")
    editor = page.locator("textarea.markdownx-editor").first
    editor.click()
    page.keyboard.press("End")
    png = base64.b64encode(image_bytes("PNG", (300, 200))).decode()

    def drop(name):
        editor.evaluate(
            """(editor, [png, name]) => {
                const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name, {type: "image/png"}));
                editor.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer,
                                                            bubbles: true, cancelable: true}));
            }""",
            [png, name],
        )
        return page.get_by_role("dialog", name=f"Add “{name}” to the media library")

    dialog = drop("Service manual.png")
    dialog.get_by_label("Alt text").fill("The service manual home page")
    dialog.get_by_role("button", name="Upload and insert").click()
    page.wait_for_function(
        "() => document.querySelector('textarea.markdownx-editor').value.includes('[Image:')"
    )
    assert editor.input_value() == "Visits rose.\n\n[Image: service-manual]\n\n"
    assert page.get_by_role("status").first.inner_text().startswith("Uploaded “Service manual")
    item = report.media.get()
    assert (item.alt_text, item.section.anchor) == ("The service manual home page", "gov-uk")
    # Without alt text the image is kept, and the designer is told it blocks publishing.
    drop("Visits.png").get_by_role("button", name="Upload and insert").click()
    page.wait_for_function(
        "() => document.querySelector('textarea.markdownx-editor').value.includes('visits]')"
    )
    assert "no alt text yet" in page.get_by_role("status").first.inner_text()
    assert report.media.get(slug="visits").alt_text == ""
