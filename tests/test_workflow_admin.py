"""The workflow in the admin: the panel, the action pages, refusals, editing, and "My work"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import previews, workflow
from reports.models import ActionLog, PreviewLink, Status
from tests.assertions import revision_mark
from tests.workflow_helpers import bring_to, new_report, status_of

pytestmark = pytest.mark.django_db


def change_url(report):
    return reverse("admin:reports_report_change", args=[report.pk])


def action_url(report, action):
    return reverse("admin:reports_report_workflow", args=[report.pk, action])


def change_form_data(report):
    """The change form's POST data, with the report's one section and no other inline rows."""
    section = report.sections.get()
    data = {
        "title": report.title,
        "slug": report.slug,
        "summary": report.summary,
        "organisation": report.organisation,
        "editorial_notes": "",
        "base_lock_version": str(report.lock_version),
        "headline_options-TOTAL_FORMS": "0",
        "headline_options-INITIAL_FORMS": "0",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "1",
        "sections-0-id": str(section.pk),
        "sections-0-report": str(report.pk),
        "sections-0-position": str(section.position),
        "sections-0-kind": section.kind,
        "sections-0-heading": section.heading,
        "sections-0-anchor": section.anchor,
        "sections-0-body": section.body,
        "media-TOTAL_FORMS": "0",
        "media-INITIAL_FORMS": "0",
    }
    return data


def test_the_panel_shows_the_state_and_only_the_users_buttons(client, designer, editor):
    report = new_report()
    client.force_login(designer)
    page = client.get(change_url(report)).text
    assert "Workflow: Draft" in page
    assert "What happens next" in page
    assert action_url(report, "submit") in page
    assert action_url(report, "approve") not in page
    assert action_url(report, "force_publish") not in page
    assert "Create a preview link" not in page  # editors only
    client.force_login(editor)
    assert "Create a preview link" in client.get(change_url(report)).text


def test_a_publisher_sees_publish_buttons_on_an_approved_report(
    client, designer, editor, publisher
):
    report = bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(publisher)
    page = client.get(change_url(report)).text
    for action in ["publish", "schedule"]:
        assert action_url(report, action) in page
    assert action_url(report, "submit") not in page


def test_an_action_page_asks_then_acts(client, designer, editor, mailoutbox):
    report = new_report()
    client.force_login(designer)
    page = client.get(action_url(report, "submit"))
    assert page.status_code == 200
    assert status_of(report) == Status.DRAFT
    response = client.post(action_url(report, "submit"), {"comment": "Ready"})
    assert response.status_code == 302
    assert status_of(report) == Status.IN_REVIEW
    [entry] = ActionLog.objects.all()
    assert (entry.user, entry.comment) == (designer, "Ready")
    assert entry.revision.user == designer  # one revision, merged with the request's


def test_irreversible_steps_ask_for_confirmation(client, designer, editor, publisher):
    report = bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(publisher)
    page = client.get(action_url(report, "publish")).text
    assert "cannot be undone" in page
    assert 'value="Yes, publish"' in page
    assert status_of(report) == Status.APPROVED


def test_a_refusal_is_a_403_with_an_explanation_and_changes_nothing(client, designer):
    report = new_report()
    client.force_login(designer)
    mark = revision_mark()
    for method in [client.get, client.post]:
        response = method(action_url(report, "force_publish"), {"reason": "Because"})
        assert response.status_code == 403
        assert "Only publishers can publish without review" in response.text
    assert status_of(report) == Status.DRAFT
    assert revision_mark() == mark
    assert not ActionLog.objects.exists()


def test_the_second_pair_of_eyes_refusal_in_the_admin(client, editor):
    report = new_report()
    workflow.submit(report, by=editor)
    client.force_login(editor)
    response = client.post(action_url(report, "approve"))
    assert response.status_code == 403
    assert "another editor needs to approve it" in response.text


def test_a_missing_comment_is_shown_on_the_form(client, designer, editor):
    report = bring_to(Status.IN_REVIEW, designer=designer, editor=editor, publisher=None)
    client.force_login(editor)
    response = client.post(action_url(report, "request_changes"), {"comment": ""})
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert status_of(report) == Status.IN_REVIEW


def test_a_past_schedule_time_is_shown_on_the_form(client, designer, editor, publisher):
    report = bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(publisher)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(action_url(report, "schedule"), {"at": past})
    assert "That time has passed" in response.text
    assert status_of(report) == Status.APPROVED


def test_editing_a_published_report_opens_a_new_draft_edition(client, designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(designer)
    data = change_form_data(report) | {"sections-0-body": "A new paragraph."}
    response = client.post(change_url(report), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert status_of(report) == Status.DRAFT
    entry = ActionLog.objects.for_report(report).first()
    assert (entry.action, entry.user) == ("edit", designer)
    assert (entry.from_status, entry.to_status) == (Status.PUBLISHED, Status.DRAFT)
    assert "Opened draft edition 2" in entry.comment
    assert "Published <strong>text</strong>" in client.get(report.get_absolute_url()).text
    assert "A new paragraph" not in client.get(report.get_absolute_url()).text


def test_saving_without_changes_does_not_open_an_edition(client, designer, editor, publisher):
    report = bring_to(Status.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(designer)
    client.post(change_url(report), change_form_data(report))
    assert status_of(report) == Status.PUBLISHED


def test_the_status_is_not_a_form_field(client, designer):
    report = new_report()
    client.force_login(designer)
    data = change_form_data(report) | {"status": "published"}
    client.post(change_url(report), data)
    assert status_of(report) == Status.DRAFT


def test_a_scheduled_report_cannot_be_edited(client, designer, editor, publisher):
    report = bring_to(Status.SCHEDULED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(editor)
    assert client.post(change_url(report), change_form_data(report)).status_code == 403


def test_an_editor_creates_and_revokes_a_preview_link(client, editor):
    report = new_report()
    client.force_login(editor)
    new = reverse("admin:reports_report_preview_link_new", args=[report.pk])
    assert client.post(new, {"note": "Minister's office", "days": "3"}).status_code == 302
    link = PreviewLink.objects.get()
    page = client.get(change_url(report)).text
    assert previews.token(link) in page
    revoke = reverse("admin:reports_report_preview_link_revoke", args=[report.pk, link.pk])
    assert "Yes, revoke it" in client.get(revoke).text
    client.post(revoke)
    link.refresh_from_db()
    assert link.revoked_by == editor
    assert previews.token(link) not in client.get(change_url(report)).text


def test_my_work_lists_what_waits_for_me(client, designer, editor, second_editor, publisher):
    mine = new_report(title="Submitted by editor", created_by=editor)
    workflow.submit(mine, by=editor)
    theirs = new_report(title="Submitted by designer")
    workflow.submit(theirs, by=designer)
    draft = new_report(title="My own draft", created_by=editor)
    forced = new_report(title="Forced out")
    workflow.force_publish(forced, by=publisher, reason="Minister at 9am")
    client.force_login(editor)
    page = client.get(reverse("admin:reports_report_my_work")).text
    review_section = page.split('id="to-review"')[1].split("</section>")[0]
    assert "Submitted by designer" in review_section
    assert "Submitted by editor" not in review_section  # the second pair of eyes
    assert draft.title in page.split('id="my-drafts"')[1].split("</section>")[0]
    assert "published without review: Minister at 9am" in page
    assert reverse("admin:reports_report_my_work") in client.get(reverse("admin:index")).text


@pytest.mark.parametrize("state", list(Status))
def test_the_panel_renders_in_every_state(client, state, designer, editor, publisher):
    report = bring_to(state, designer=designer, editor=editor, publisher=publisher)
    for user in [designer, editor, publisher]:
        client.force_login(user)
        page = client.get(change_url(report))
        assert page.status_code == 200
        assert f"Workflow: {report.get_status_display()}" in page.text


# Content checks on the publish, schedule and force publish pages


def report_with_a_todo():
    report = new_report()
    section = report.sections.get()
    section.body = "We will publish the figures. TODO"
    section.save()
    return report


@pytest.mark.parametrize("action", ["publish", "schedule"])
def test_check_errors_block_publishing_and_are_listed_with_their_places(
    client, designer, editor, publisher, action
):
    report = bring_to(
        Status.APPROVED,
        designer=designer,
        editor=editor,
        publisher=publisher,
        report=report_with_a_todo(),
    )
    client.force_login(publisher)
    page = client.get(action_url(report, action)).text
    assert f"You can\u2019t {action} yet: content checks found 1 error" in page
    assert f'href="{change_url(report)}#id_sections-0-body"' in page
    assert "TODO" in page
    assert 'class="default"' not in page  # nothing to confirm while errors remain
    assert "cannot be undone" not in page
    assert "Back to the report to fix it" in page
    # A request sent anyway is refused, and shows the errors again.
    response = client.post(action_url(report, action), {"at": "2099-01-01T09:00"})
    assert response.status_code == 200
    assert "content checks found 1 error" in response.text
    assert status_of(report) == Status.APPROVED


def test_force_publish_lists_the_errors_it_overrides_beside_the_reason(client, publisher):
    report = report_with_a_todo()
    client.force_login(publisher)
    page = client.get(action_url(report, "force_publish")).text
    assert "This overrides 1 content check error" in page
    assert f'href="{change_url(report)}#id_sections-0-body"' in page
    assert 'name="reason"' in page and 'value="Yes, publish without review"' in page
    response = client.post(action_url(report, "force_publish"), {"reason": "Minister at 9am"})
    assert response.status_code == 302
    assert status_of(report) == Status.PUBLISHED
    entry = ActionLog.objects.get(action="force_publish")
    assert "Minister at 9am (overrode 1 check error" in entry.comment


def test_publishing_a_clean_report_lists_no_check_errors(client, designer, editor, publisher):
    report = bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)
    client.force_login(publisher)
    page = client.get(action_url(report, "publish")).text
    assert "content checks found" not in page
    assert 'value="Yes, publish"' in page


def test_an_action_form_posted_without_fields_still_acts(client, designer):
    report = new_report()
    client.force_login(designer)
    assert client.post(action_url(report, "submit")).status_code == 302
    assert status_of(report) == Status.IN_REVIEW
