"""Link checks: anchors, unpublished reports, schemes, malformed URLs, link text, link checker."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from reports import editions
from reports.checks import Severity, linkcheck
from reports.models import LinkCheck
from tests.checks_helpers import body_findings, found, report_with
from tests.factories import ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_links_to_missing_anchors_are_errors():
    report = ReportFactory()
    SectionFactory(report=report, anchor="intro", body="## Our plans\n\nSee [work](#work).")
    SectionFactory(
        report=report,
        anchor="work",
        body="See [intro](#intro), [plans](#our-plans), [top](#main-content) and [gone](#gone).",
    )
    [finding] = found(report, "broken-anchor")
    assert finding.severity == Severity.ERROR
    assert (finding.section, finding.excerpt) == ("work", "#gone")


def test_links_to_unpublished_reports_are_errors(settings):
    settings.SITE_URL = "https://reports.example.gov.uk"
    live = ReportFactory(slug="april-2013")
    editions.create(live, by=None)
    ReportFactory(slug="draft-report")
    body = (
        "[April](/reports/april-2013/) [draft](/reports/draft-report/) "
        "[absolute](https://reports.example.gov.uk/reports/draft-report/) "
        "[elsewhere](https://www.gov.uk/reports/draft-report/)"
    )
    assert body_findings(body, "unpublished-report-link") == [
        "/reports/draft-report/",
        "https://reports.example.gov.uk/reports/draft-report/",
    ]


@pytest.mark.parametrize(
    "url, check_id, suggestion",
    [
        ("https:www.gov.uk/transformation", "malformed-url", "https://www.gov.uk/transformation"),
        ("www.gov.uk/transformation", "malformed-url", "https://www.gov.uk/transformation"),
        ("http://gov", "malformed-url", None),
        ("https://www.gov.uk:99999/", "malformed-url", None),
        ("javascript:alert(1)", "link-scheme", None),
        ("ftp://files.gov.uk/a", "link-scheme", None),
        ("mailto:not-an-address", "malformed-url", None),
    ],
)
def test_malformed_links_and_refused_schemes_are_errors(url, check_id, suggestion):
    report = report_with(f"Read [the page]({url}).")
    [finding] = found(report, check_id)
    assert finding.excerpt == url
    assert finding.suggestion == (f"Change it to {suggestion}" if suggestion else None)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.uk/transformation",
        "http://publications.cabinetoffice.gov.uk/digital/#departmental-strategies",
        "mailto:digital@cabinetoffice.gov.uk",
        "/reports/april-2013/",
        "#work",
    ],
)
def test_valid_links_are_not_errors(url):
    report = report_with(f"Read [the page]({url}).")
    assert found(report, "malformed-url") == found(report, "link-scheme") == []


@pytest.mark.parametrize(
    "body, excerpt",
    [
        ("[Click here](https://www.gov.uk/a) to apply.", "Click here"),
        ("Read it [here](https://www.gov.uk/a).", "here"),
        ("[Read more…](https://www.gov.uk/a)", "Read more…"),
        ("[https://www.gov.uk/a](https://www.gov.uk/a)", "https://www.gov.uk/a"),
        ("See <https://www.gov.uk/a>.", "https://www.gov.uk/a"),
    ],
)
def test_vague_or_bare_link_text_is_a_warning(body, excerpt):
    assert body_findings(body, "link-text") == [excerpt]


def test_descriptive_link_text_is_fine():
    body = "Read the [Service Manual](https://www.gov.uk/a) or [where to find more help](/b)."
    assert body_findings(body, "link-text") == []


def test_stored_broken_link_results_are_warnings_without_network():
    report = report_with("[Manual](https://www.gov.uk/gone) and [ok](https://www.gov.uk/ok)")
    now = timezone.now()
    LinkCheck.objects.create(url="https://www.gov.uk/gone", status_code=404, checked_at=now)
    LinkCheck.objects.create(url="https://www.gov.uk/ok", status_code=200, checked_at=now)
    [finding] = found(report, "external-link")
    assert finding.severity == Severity.WARNING
    assert finding.excerpt == "https://www.gov.uk/gone"
    assert "404 Not Found" in finding.message


class Handler(BaseHTTPRequestHandler):
    """Answers by path: /ok, /missing, /broken, /slow, /moved, and /no-head (refuses HEAD)."""

    def answer(self, method):
        if self.path == "/slow":
            time.sleep(2)
        statuses = {"/ok": 200, "/slow": 200, "/moved-here": 200, "/broken": 500, "/moved": 301}
        status = statuses.get(self.path, 404)
        if self.path == "/no-head":
            status = 405 if method == "HEAD" else 200
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/moved-here")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.answer("HEAD")

    def do_GET(self):
        self.answer("GET")

    def log_message(self, *args):
        pass


@pytest.fixture
def server(settings):
    """A local HTTP server on 127.0.0.1, with the link checker allowed to reach it."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_link_checker_reports_4xx_5xx_and_timeouts(server):
    urls = [f"{server}/{p}" for p in ("ok", "missing", "broken", "slow", "no-head", "moved")]
    results = {r.url.rsplit("/", 1)[1]: r for r in linkcheck.check_urls(urls, timeout=0.5)}
    assert results["ok"].status_code == 200 and not results["ok"].is_broken()
    assert results["missing"].status_code == 404 and results["missing"].is_broken()
    assert results["broken"].describe() == "500 Internal Server Error"
    assert results["slow"].is_broken()
    assert results["slow"].error == "no response within 0.5 seconds"
    assert results["no-head"].status_code == 200
    assert results["moved"].status_code == 200
    assert LinkCheck.objects.count() == 6


def test_link_checker_skips_recent_results(server):
    url = f"{server}/missing"
    LinkCheck.objects.create(url=url, status_code=200, checked_at=timezone.now())
    assert linkcheck.check_urls([url], timeout=1) == []
    LinkCheck.objects.filter(url=url).update(checked_at=timezone.now() - timedelta(days=2))
    [result] = linkcheck.check_urls([url], timeout=1)
    assert result.status_code == 404


def test_link_checker_refuses_private_addresses(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    status, error = linkcheck.fetch_status("http://127.0.0.1:9/", timeout=1)
    assert status is None
    assert error == "not checked: the address is on a private network"


def test_check_links_command_stores_results_that_run_reports(server):
    report = report_with(f"[Gone]({server}/missing) and [fine]({server}/ok)")
    call_command("check_links", report.slug, "--timeout", "1", stdout=(out := _Out()))
    assert "Checked 2 of 2 external links: 1 broken." in out.text
    [finding] = found(report, "external-link")
    assert finding.excerpt == f"{server}/missing"


class _Out:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text
