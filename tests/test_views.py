import contextlib
import datetime

import pytest
from django.db import connections
from django.test import Client, RequestFactory
from django.urls import reverse

from reports import views, workflow
from tests.factories import (
    ImageItemFactory,
    ReportFactory,
    SectionFactory,
    SeriesFactory,
    UserFactory,
)
from tests.workflow_helpers import reviewed_and_published

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def published(publisher, *, sections=3, **fields):
    """Publish a report with sections, each placing an image."""
    report = ReportFactory(**fields)
    for n in range(sections):
        SectionFactory(
            report=report,
            heading=f"Part {n}",
            anchor=f"part-{n}",
            body=f"Text {n}\n\n[Image: img-{n}]",
        )
        ImageItemFactory(report=report, slug=f"img-{n}", alt_text=f"Image {n}")
    reviewed_and_published(report, by=publisher)
    return report


def quarter(year, month):
    start = datetime.date(year, month, 1)
    return {"period_start": start, "period_end": start + datetime.timedelta(days=89)}


# The report page


@pytest.mark.parametrize("sections", [3, 60])
def test_report_page_runs_at_most_two_queries(
    client, publisher, sections, django_assert_max_num_queries
):
    series = SeriesFactory()
    published(publisher, sections=1, series=series, **quarter(2013, 1))
    report = published(publisher, sections=sections, series=series, **quarter(2013, 4))
    published(publisher, sections=1, series=series, **quarter(2013, 7))
    with django_assert_max_num_queries(2):
        response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<figure") == sections


def test_report_page_is_laid_out_as_an_html_publication(client, publisher):
    report = published(
        publisher, title="Quarterly report", summary="What we did.", organisation="GDS"
    )
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Corporate report" in html
    assert (
        '<h1 class="govuk-heading-xl govreport-publication-header__title">Quarterly report</h1>'
        in html
    )
    assert '<p class="govuk-body-l govreport-lead">What we did.</p>' in html
    assert "<dt>From:</dt>" in html and "<dd>GDS</dd>" in html
    assert "<dt>Published</dt>" in html
    assert 'id="contents"' in html
    for n in range(3):
        assert f'href="#part-{n}"' in html and f'id="part-{n}"' in html
        assert f'<span class="govreport-section__number">{n + 1}.</span> Part {n}</h2>' in html
    assert 'data-module="govreport-print-link"' in html
    assert "Back to top" in html
    assert 'id="history"' in html and "First published." in html
    assert "<title>Quarterly report - GOV.UK</title>" in html
    assert '<meta name="description" content="What we did.">' in html
    assert (
        f'<link rel="canonical" href="http://testserver.example{report.get_absolute_url()}">'
        in html
    )
    assert '<meta property="og:title" content="Quarterly report">' in html
    assert '<meta property="og:type" content="article">' in html


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver.example"


def test_last_updated_links_to_the_update_history(client, publisher):
    report = published(publisher)
    edition = report.editions.get()
    edition.first_published_at -= datetime.timedelta(days=3)
    edition.save()
    reviewed_and_published(report, by=publisher, change_note="Corrected the figures.")
    html = client.get(report.get_absolute_url()).content.decode()
    assert "<dt>Last updated</dt>" in html and 'href="#history"' in html
    assert html.index("Corrected the figures.") < html.index("First published.")


def test_previous_and_next_report_in_the_series(client, publisher):
    series = SeriesFactory()
    april = published(publisher, title="April", series=series, **quarter(2013, 4))
    july = published(publisher, title="July", series=series, **quarter(2013, 7))
    october = published(publisher, title="October", series=series, **quarter(2013, 10))
    published(publisher, title="Elsewhere", series=SeriesFactory(slug="other", name="Other"))
    html = client.get(july.get_absolute_url()).content.decode()
    assert f'href="{april.get_absolute_url()}" rel="prev"' in html
    assert f'href="{october.get_absolute_url()}" rel="next"' in html
    assert "Elsewhere" not in html
    first = client.get(april.get_absolute_url()).content.decode()
    assert 'rel="prev"' not in first and f'href="{july.get_absolute_url()}" rel="next"' in first


def test_later_edits_to_the_report_never_change_the_live_page(client, publisher):
    report = published(publisher, title="As published")
    before = client.get(report.get_absolute_url()).content.decode()
    report.title = "Edited afterwards"
    report.save()
    section = report.sections.first()
    section.body = "Rewritten"
    section.save()
    SectionFactory(report=report, heading="New section", anchor="new")
    after = client.get(report.get_absolute_url()).content.decode()
    assert (
        "Edited afterwards" not in after and "Rewritten" not in after and "New section" not in after
    )
    assert _without_nonce(before) == _without_nonce(after)


def _without_nonce(html):
    import re

    return re.sub(r'nonce="[^"]*"', "", html)


def test_no_markdown_rendering_on_the_request_path(client, publisher, monkeypatch):
    report = published(publisher)

    def refuse(*args, **kwargs):
        raise AssertionError("rendered markdown while serving a request")

    monkeypatch.setattr("reports.rendering.render", refuse)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_unknown_and_unpublished_reports_get_the_govuk_404(client):
    draft = ReportFactory()
    for url in ["/reports/no-such-report/", draft.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 404
        assert b"Page not found" in response.content
        assert b"govuk-template" in response.content


def test_server_errors_get_the_govuk_500():
    request = RequestFactory().get("/")
    response = views.server_error(request)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"govuk-header" in response.content


@contextlib.contextmanager
def database_down():
    """Point the connection at a database that is not there, as in an outage; then restore it."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/govreport/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")  # nothing listens there
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_readers_get_a_govuk_503_while_the_database_is_down_and_it_recovers_by_itself(
    publisher, settings
):
    settings.OUTAGE_RETRY_AFTER = 45
    client = Client(raise_request_exception=False)  # answer as in production
    report = ReportFactory(title="Published")
    reviewed_and_published(report, by=publisher)
    with database_down():
        for url in ["/", report.get_absolute_url(), "/reports/feed/"]:
            response = client.get(url)
            assert response.status_code == 503, url
            assert response["Retry-After"] == "45"
            assert "no-store" in response["Cache-Control"]
            html = response.content.decode()
            assert "Sorry, the service is unavailable" in html and "govuk-header" in html
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200 and "Published" in response.content.decode()


def test_other_server_errors_stay_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(request)
    assert response.status_code == 500 and "Retry-After" not in response


# The index


def test_index_lists_published_reports_newest_first(client, publisher):
    series = SeriesFactory()
    older = published(
        publisher, title="Older", summary="Old summary", series=series, **quarter(2013, 1)
    )
    newer = published(publisher, title="Newer", series=series, **quarter(2013, 4))
    ReportFactory(title="Still a draft")
    html = client.get("/").content.decode()
    assert html.index("Newer") < html.index("Older")
    assert "Still a draft" not in html
    assert "Old summary" in html
    assert "1 January 2013 to 31 March 2013" in html
    assert series.name in html
    assert (
        f'href="{older.get_absolute_url()}"' in html
        and f'href="{newer.get_absolute_url()}"' in html
    )
    assert "<dt>Published:</dt>" in html


def test_index_filters_by_series(client, publisher):
    published(publisher, title="In series", series=SeriesFactory())
    published(publisher, title="Other report", series=SeriesFactory(slug="other", name="Other"))
    html = client.get("/?series=other").content.decode()
    assert "Other report" in html and "In series" not in html
    assert '<option value="other" selected>' in html


def test_index_empty_states(client, publisher):
    assert "No reports have been published yet" in client.get("/").content.decode()
    published(publisher)
    html = client.get("/?series=nothing-here").content.decode()
    assert "There are no published reports in this series yet" in html


def test_index_is_paginated_with_constant_queries(client, publisher, django_assert_num_queries):
    for n in range(views.PER_PAGE + 3):
        published(publisher, sections=1, title=f"Report {n}", series=SeriesFactory())
    with django_assert_num_queries(3):
        first = client.get("/").content.decode()
    with django_assert_num_queries(3):
        second = client.get("/?page=2").content.decode()
    assert first.count('class="govreport-result"') == views.PER_PAGE
    assert second.count('class="govreport-result"') == 3
    assert 'aria-current="page"' in second and 'rel="prev"' in second


def test_index_queries_do_not_grow_with_results(client, publisher, django_assert_num_queries):
    published(publisher, sections=1)
    with django_assert_num_queries(3):
        client.get("/")


def withdraw(report, publisher, explanation="Superseded by a later report."):
    workflow.withdraw(report, by=publisher, explanation=explanation)


def results(html):
    """Return each index result's HTML by the report's title."""
    items = html.split('<li class="govreport-result">')[1:]
    return {
        item.split('class="govuk-link"')[1].split("</a>")[0].split(">", 1)[1]: item
        for item in items
    }


def test_index_marks_withdrawn_reports(client, publisher):
    kept = published(publisher, sections=1, title="Still current")
    gone = published(publisher, sections=1, title="Out of date")
    withdraw(gone, publisher)
    found = results(client.get("/").content.decode())
    assert set(found) == {"Still current", "Out of date"}  # withdrawn pages stay listed
    assert '<strong class="govuk-tag govuk-tag--grey">Withdrawn</strong>' in found["Out of date"]
    withdrawn_at = gone.editions.get().unpublishing.at
    assert f'<time datetime="{withdrawn_at.isoformat()}"' in found["Out of date"]
    assert "govuk-tag" not in found["Still current"]
    assert kept.get_absolute_url() in found["Still current"]


def test_index_queries_stay_constant_with_withdrawn_reports(
    client, publisher, django_assert_num_queries
):
    for n in range(4):
        report = published(publisher, sections=1, title=f"Report {n}", series=SeriesFactory())
        if n % 2:
            withdraw(report, publisher)
    with django_assert_num_queries(3):
        html = client.get("/").content.decode()
    assert html.count(">Withdrawn</strong>") == 2


def test_an_unpublished_report_leaves_the_index_without_a_tag(client, publisher):
    report = published(publisher, sections=1, title="Removed report")
    workflow.unpublish(report, by=publisher, comment="Published in error")
    html = client.get("/").content.decode()
    assert "Removed report" not in html and ">Withdrawn</strong>" not in html


def test_withdrawing_changes_what_caches_hold(client, publisher):
    report = published(publisher, sections=1)
    urls = ["/", report.get_absolute_url()]
    etags = {url: client.get(url)["ETag"] for url in urls}
    withdraw(report, publisher)
    for url in urls:
        after = client.get(url, headers={"if-none-match": etags[url]})
        assert after.status_code == 200, url
        assert after["ETag"] != etags[url]
        assert ">Withdrawn<" in after.content.decode()
        assert client.get(url, headers={"if-none-match": after["ETag"]}).status_code == 304


# HTTP


def test_published_pages_are_cacheable_and_answer_conditional_requests(client, publisher, settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    report = published(publisher)
    for url in [report.get_absolute_url(), "/"]:
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=600"
        etag, last_modified = response["ETag"], response["Last-Modified"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        not_modified = client.get(url, headers={"if-modified-since": last_modified})
        assert not_modified.status_code == 304
        assert not_modified["ETag"] == etag
        assert client.get(url, headers={"if-none-match": '"stale"'}).status_code == 200


def test_a_new_edition_changes_the_etag(client, publisher):
    report = published(publisher)
    etag = client.get(report.get_absolute_url())["ETag"]
    reviewed_and_published(report, by=publisher, change_note="Update")
    response = client.get(report.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_security_headers_on_every_page(client, publisher):
    report = published(publisher)
    for url in ["/", report.get_absolute_url(), "/reports/missing/", "/reports/feed/"]:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["X-Frame-Options"] == "DENY", url
        csp = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url


def test_public_pages_have_no_inline_script_or_style(client, publisher):
    report = published(publisher)
    for url in ["/", report.get_absolute_url(), "/reports/missing/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<script nonce" not in html
        assert "style=" not in html and "<style" not in html


# Previews


def test_report_preview_is_staff_only_no_cache_and_noindex(client, designer):
    report = ReportFactory(title="Draft title")
    SectionFactory(report=report, heading="Draft part", anchor="draft-part", body="Draft *body*")
    url = reverse("report_preview", args=[report.pk])
    assert client.get(url).status_code == 302
    client.force_login(designer)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.content.decode()
    assert "Draft title" in html and "<em>body</em>" in html and "Preview" in html
    assert not report.editions.exists()


def test_markdown_preview_uses_the_pipeline_and_the_reports_media(client, designer):
    report = ReportFactory()
    ImageItemFactory(report=report, slug="pic", alt_text="Pic")
    client.force_login(designer)
    # The editor posts to its report's own preview address (set on the widget), not a Referer.
    SectionFactory(report=report)
    page = client.get(reverse("admin:reports_report_change", args=[report.pk])).text
    url = reverse("report_markdown_preview", args=[report.pk])
    assert f'data-markdownx-urls-path="{url}"' in page
    response = client.post(url, {"content": "## Hi\n\n[Image: pic]\n\n<script>x</script>"})
    html = response.content.decode()
    assert '<h2 class="govuk-heading-l" id="hi">Hi</h2>' in html
    assert 'alt="Pic"' in html and "<script" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Without the report's address, its media are not known (and a Referer changes nothing).
    referer = f"http://testserver/admin/reports/report/{report.pk}/change/"
    plain = client.post(
        reverse("markdown_preview"), {"content": "[Image: pic]"}, headers={"referer": referer}
    )
    assert 'alt="Pic"' not in plain.content.decode()


def test_markdown_preview_of_a_megabyte_of_nested_divs_is_a_400_saying_why(client, designer):
    client.force_login(designer)
    content = "<div>" * 100_000 + "x" + "</div>" * 100_000
    response = client.post(reverse("markdown_preview"), {"content": content})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The preview cannot be shown" in html
    assert "1,100,001 characters long; the most that can be shown is 50,000" in html
    response = client.post(reverse("markdown_preview"), {"content": "<div>" * 51})
    assert response.status_code == 400
    assert "more than 50 deep, near “&lt;div&gt;”" in response.content.decode()


def test_the_draft_preview_names_a_section_too_long_to_show(client, designer, settings):
    settings.RENDER_MAX_CHARS = 100
    report = ReportFactory()
    SectionFactory(report=report, heading="Spending", body="Money. " * 20)
    client.force_login(designer)
    response = client.get(reverse("report_preview", args=[report.pk]))
    assert response.status_code == 400
    assert "Section “Spending”: The text is 140 characters long" in response.content.decode()


def test_markdown_preview_refuses_the_public(client):
    response = client.post(reverse("markdown_preview"), {"content": "x"})
    assert response.status_code == 302


def test_markdown_preview_needs_permission_to_see_the_media(client):
    report = ReportFactory()
    ImageItemFactory(report=report, slug="pic")
    client.force_login(UserFactory(username="no-perms"))
    response = client.post(
        reverse("report_markdown_preview", args=[report.pk]), {"content": "[Image: pic]"}
    )
    assert response.status_code == 200 and "<figure" not in response.content.decode()


def test_the_report_editor_links_to_the_preview_and_uses_the_pipeline(client, designer):
    report = SectionFactory().report
    client.force_login(designer)
    html = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert f'href="{reverse("report_preview", args=[report.pk])}"' in html
    url = reverse("report_markdown_preview", args=[report.pk])
    assert f'data-markdownx-urls-path="{url}"' in html


def test_markdownx_open_upload_and_preview_views_are_not_routed(admin_client):
    assert admin_client.post("/markdownx/upload/").status_code == 404
    assert admin_client.post("/markdownx/markdownify/", {"content": "x"}).status_code == 404
