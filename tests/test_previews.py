from datetime import timedelta

import pytest
from django.utils import timezone

from reports import previews, workflow
from reports.errors import NotPermitted, WorkflowError
from reports.models import PreviewVisit, Status
from tests.workflow_helpers import bring_to, edit, new_report

pytestmark = pytest.mark.django_db


def url(link):
    return f"/preview/{previews.token(link)}/"


def test_an_editor_previews_the_current_draft(client, editor):
    report = new_report()
    link = previews.create_link(report, by=editor, note="Minister's office")
    edit(report, by=editor, body="Draft paragraph about **Verify**.")
    page = client.get(url(link), HTTP_USER_AGENT="Mozilla/5.0 " + "x" * 200)
    assert page.status_code == 200
    assert "Draft – not published" in page.text
    assert "Draft paragraph about <strong>Verify</strong>." in page.text
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in page["Cache-Control"]
    [visit] = PreviewVisit.objects.all()
    assert visit.link == link and len(visit.user_agent) == 60


def test_only_editors_create_preview_links(designer, publisher):
    report = new_report()
    for user in [designer, publisher]:
        with pytest.raises(NotPermitted):
            previews.create_link(report, by=user)


def test_a_preview_link_expires(client, editor):
    link = previews.create_link(new_report(), by=editor, days=1)
    assert client.get(url(link)).status_code == 200
    # As if it had been created two days ago.
    link.created_at = timezone.now() - timedelta(days=2)
    link.expires_at = link.created_at + timedelta(days=1)
    link.save()
    page = client.get(url(link))
    assert page.status_code == 404
    assert "This preview is not available" in page.text
    assert "Published" not in page.text


def test_a_revoked_link_stops_working_at_once(client, editor):
    link = previews.create_link(new_report(), by=editor)
    previews.revoke_link(link, by=editor)
    assert client.get(url(link)).status_code == 404
    assert PreviewVisit.objects.count() == 0


def test_a_forged_token_is_refused(client, editor):
    link = previews.create_link(new_report(), by=editor)
    assert client.get(f"/preview/{link.key}:forged/").status_code == 404
    assert client.get(f"/preview/{link.key}/").status_code == 404


def test_a_link_stops_working_once_its_draft_is_published(
    client, designer, editor, second_editor, publisher
):
    report = new_report()
    link = previews.create_link(report, by=editor)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=second_editor)
    workflow.publish(report, by=publisher)
    assert client.get(url(link)).status_code == 404
    workflow.open_new_edition(report, by=designer)
    assert client.get(url(link)).status_code == 404  # it does not follow the next draft


def test_published_reports_have_no_draft_to_preview(designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    with pytest.raises(WorkflowError):
        previews.create_link(report, by=editor)
