import pytest
from playwright.sync_api import expect

from reports import workflow
from tests.browser.conftest import describe_violations
from tests.factories import ReportFactory, SectionFactory
from tests.test_rendering import HOSTILE

pytestmark = pytest.mark.django_db(transaction=True)


def test_report_renders_its_contents_list_and_every_heading(page, live_server, april_report):
    page.goto(live_server.url + april_report.get_absolute_url())
    headings = [s.heading for s in april_report.sections.all() if s.heading]
    assert len(headings) == 4
    contents = page.locator("#contents li a")
    expect(contents).to_have_count(len(headings))
    for n, heading in enumerate(headings, start=1):
        expect(contents.nth(n - 1)).to_have_text(f"{n}. {heading}")
        expect(page.get_by_role("heading", level=2, name=f"{n}. {heading}")).to_be_visible()
    expect(page.locator("h1")).to_have_text(april_report.title)
    expect(page.get_by_text("Corporate report")).to_be_visible()
    expect(page.locator("#history")).to_contain_text("First published.")


def test_contents_links_move_to_their_sections(page, live_server, april_report):
    page.goto(live_server.url + april_report.get_absolute_url())
    for section in [s for s in april_report.sections.all() if s.heading]:
        page.locator("#contents").get_by_role("link", name=section.heading).click()
        assert page.url.endswith(f"#{section.anchor}")
        expect(page.locator(f"#{section.anchor} h2")).to_be_in_viewport()
        page.locator(".govreport-back-to-top a").click()
        expect(page.locator("#contents")).to_be_in_viewport()


def test_report_page_has_no_axe_violations(page, live_server, axe, april_report):
    page.goto(live_server.url + april_report.get_absolute_url())
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_index_has_no_axe_violations(page, live_server, axe, screenshot, april_report):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name=april_report.title)).to_be_visible()
    screenshot("index-1280px")
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_404_has_no_axe_violations(page, live_server, axe):
    response = page.goto(live_server.url + "/reports/no-such-report/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_admin_report_change_form_has_no_axe_violations(
    page, live_server, axe, admin_login, publisher, april_report
):
    admin_login(publisher)
    page.goto(f"{live_server.url}/admin/reports/report/{april_report.pk}/change/")
    expect(page.locator("#content h1")).to_be_visible()
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_report_page_works_without_javascript(browser, live_server, april_report):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + april_report.get_absolute_url())
    expect(page.locator("body")).not_to_have_class("js-enabled")
    expect(page.locator("h1")).to_have_text(april_report.title)
    # Print needs JavaScript, so its button is hidden rather than broken.
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    page.locator("#contents").get_by_role("link", name="GOV.UK").click()
    assert page.url.endswith("#govuk")
    expect(page.locator("#govuk h2")).to_be_in_viewport()
    # The server-rendered chart and its data table need no JavaScript either.
    chart = page.locator("#service-transformations svg[role=img]")
    expect(chart).to_be_visible()
    expect(page.locator("#service-transformations table")).to_contain_text("Discovery")
    context.close()


def test_print_link_opens_the_print_dialogue(page, live_server, april_report):
    page.goto(live_server.url + april_report.get_absolute_url())
    page.evaluate("window.print = () => { window.__printed = true }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.__printed") is True


@pytest.mark.parametrize("width", [375, 1280])
def test_report_page_screenshots(page, live_server, screenshot, april_report, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + april_report.get_absolute_url())
    expect(page.locator("figure")).to_be_visible()
    path = screenshot(f"report-{width}px")
    assert path.stat().st_size > 10_000
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, "the page scrolls sideways"


def test_hostile_payloads_run_no_script_and_open_no_dialog(page, live_server, publisher):
    report = ReportFactory(title="Hostile")
    SectionFactory(report=report, heading="Payloads", anchor="payloads", body="\n\n".join(HOSTILE))
    # The checks rightly refuse these links; a forced publication still meets the sanitiser.
    workflow.force_publish(report, by=publisher, reason="Testing the sanitiser")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(
        "window.__pwned = false;"
        "for (const name of ['alert', 'confirm', 'prompt', 'msgbox']) {"
        "  window[name] = () => { window.__pwned = true; }; }"
    )
    page.goto(live_server.url + report.get_absolute_url())
    page.wait_for_load_state("networkidle")
    links = page.locator("#payloads a")
    for n in range(links.count()):
        if links.nth(n).is_visible():
            links.nth(n).click(no_wait_after=True)
            page.goto(live_server.url + report.get_absolute_url())
    page.locator("#payloads").hover()
    assert dialogs == []
    assert page.evaluate("window.__pwned") is False
    assert page.locator("#payloads script, #payloads iframe, #payloads svg").count() == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('#payloads *')].flatMap("
        "e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []


def test_print_stylesheet_keeps_only_the_content(page, live_server, april_report):
    page.goto(live_server.url + april_report.get_absolute_url())
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("#govuk h2")).to_be_visible()
