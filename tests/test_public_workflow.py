"""What readers see of the workflow: withdrawn and removed pages, and never a draft."""

import pytest

from reports import workflow
from reports.models import HeadlineOption, Status
from tests.workflow_helpers import bring_to, edit, new_report

pytestmark = pytest.mark.django_db

SECRET = "UNPUBLISHED-DRAFT-MARKER"


def test_a_withdrawn_page_stays_with_the_notice(client, designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.withdraw(report, by=publisher, explanation="Superseded by the <July> report.")
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert "Withdrawn" in page.text
    assert "Superseded by the &lt;July&gt; report." in page.text
    assert "Published <strong>text</strong>" in page.text


def test_an_unpublished_page_is_gone(client, designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.unpublish(report, by=publisher, comment="Published in error")
    page = client.get(report.get_absolute_url())
    assert page.status_code == 410
    assert "This page has been removed" in page.text
    assert "Published in error" not in page.text
    assert report.title not in client.get("/").text


def test_an_unpublished_page_can_redirect(client, designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.unpublish(report, by=publisher, comment="Merged", redirect_url="/reports/july-2013/")
    page = client.get(report.get_absolute_url())
    assert (page.status_code, page["Location"]) == (301, "/reports/july-2013/")


def test_republishing_an_unpublished_report_brings_the_page_back(
    client, designer, editor, second_editor, publisher
):
    report = bring_to(Status.UNPUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.open_new_edition(report, by=designer)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=second_editor)
    workflow.publish(report, by=publisher, change_note="Corrected and republished.")
    assert client.get(report.get_absolute_url()).status_code == 200


@pytest.fixture
def secrets_everywhere(designer, editor, second_editor, publisher):
    """A draft, a report in review, and a published report with a new draft edition."""
    draft = new_report(title=f"{SECRET} title", slug="draft-report")
    edit(draft, by=designer, body=f"{SECRET} in a draft")
    HeadlineOption.objects.create(report=draft, text=f"{SECRET} headline", chosen=True)
    in_review = new_report(slug="in-review", summary=f"{SECRET} summary")
    workflow.submit(in_review, by=designer)
    workflow.request_changes(in_review, by=editor, comment=f"{SECRET} review comment")
    live = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    live.editorial_notes = f"{SECRET} note"
    live.save()
    workflow.open_new_edition(live, by=designer)
    edit(live, by=designer, body=f"{SECRET} in a new draft edition")
    return [draft, in_review, live]


def test_no_unpublished_text_appears_in_any_public_response(client, secrets_everywhere):
    live = secrets_everywhere[2]
    urls = [
        "/",
        "/?page=2",
        live.get_absolute_url(),
        "/reports/draft-report/",
        "/reports/in-review/",
        "/reports/no-such-report/",
        "/reports/feed/",  # the public-site issue's feed, once it exists
        "/feed/",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in {200, 404, 410}, url
        assert SECRET not in response.content.decode(), url
    assert client.get(live.get_absolute_url()).status_code == 200
