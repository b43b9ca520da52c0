from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reports import workflow
from reports.errors import ChecksFailed, InvalidInput, NotPermitted, WorkflowError
from reports.models import ActionLog, Edition, PostPublicationReview, Status
from tests.assertions import assert_single_revision, revision_mark
from tests.factories import UserFactory
from tests.workflow_helpers import bring_to, edit, new_report, status_of

pytestmark = pytest.mark.django_db


S = Status
ROLES = ["designer", "editor", "publisher", "nobody"]
# Who may take each action from which state. Written out by hand, not derived from the table.
# In review: the designer submitted it; the editor neither submitted nor edited it.
EXPECTED = {
    "submit": {S.DRAFT: {"designer", "editor"}, S.CHANGES_REQUESTED: {"designer", "editor"}},
    "withdraw_submission": {S.IN_REVIEW: {"designer"}},
    "request_changes": {S.IN_REVIEW: {"editor"}},
    "approve": {S.IN_REVIEW: {"editor"}},
    "return_to_draft": {S.APPROVED: {"editor", "publisher"}},
    "publish": {S.APPROVED: {"publisher"}},
    "force_publish": {
        S.DRAFT: {"publisher"},
        S.CHANGES_REQUESTED: {"publisher"},
        S.IN_REVIEW: {"publisher"},
        S.APPROVED: {"publisher"},
    },
    "schedule": {S.APPROVED: {"publisher"}},
    "unschedule": {S.SCHEDULED: {"publisher"}},
    "withdraw": {S.PUBLISHED: {"publisher"}},
    "unpublish": {S.PUBLISHED: {"publisher"}, S.WITHDRAWN: {"publisher"}},
    "open_new_edition": {
        S.PUBLISHED: {"designer", "editor"},
        S.WITHDRAWN: {"designer", "editor"},
        S.UNPUBLISHED: {"designer", "editor"},
    },
}
TARGETS = {
    "submit": S.IN_REVIEW,
    "withdraw_submission": S.DRAFT,
    "request_changes": S.CHANGES_REQUESTED,
    "approve": S.APPROVED,
    "return_to_draft": S.DRAFT,
    "publish": S.PUBLISHED,
    "force_publish": S.PUBLISHED,
    "schedule": S.SCHEDULED,
    "unschedule": S.APPROVED,
    "withdraw": S.WITHDRAWN,
    "unpublish": S.UNPUBLISHED,
    "open_new_edition": S.DRAFT,
}


def arguments(action):
    return {
        "request_changes": {"comment": "Say more about GOV.UK."},
        "return_to_draft": {"comment": "The figures changed."},
        "force_publish": {"reason": "Ministerial announcement at 9am."},
        "schedule": {"at": timezone.now() + timedelta(hours=2)},
        "withdraw": {"explanation": "Superseded by the July report."},
        "unpublish": {"comment": "Published in error."},
        "publish": {"change_note": "Updated figures."},
    }.get(action, {})


@pytest.fixture
def people(designer, editor, publisher):
    return {
        "designer": designer,
        "editor": editor,
        "publisher": publisher,
        "nobody": UserFactory(username="nobody"),
    }


@pytest.mark.parametrize("state", list(Status))
@pytest.mark.parametrize("action", list(EXPECTED))
def test_every_transition_is_allowed_or_refused_by_role_and_state(action, state, people):
    allowed = EXPECTED[action].get(state, set())
    for role in ROLES:
        report = bring_to(state, **{k: people[k] for k in ["designer", "editor", "publisher"]})
        kwargs = arguments(action)
        if action == "publish" and not report.editions.exists():
            kwargs = {}
        mark, entries = revision_mark(), ActionLog.objects.count()
        user = people[role]
        if role in allowed:
            getattr(workflow, action)(report, by=user, **kwargs)
            assert status_of(report) == TARGETS[action], (action, state, role)
            revision = assert_single_revision(report, by=user, since=mark, logged=True)
            entry = revision.workflow_actions.get()
            assert (entry.action, entry.from_status, entry.to_status) == (
                action,
                state,
                TARGETS[action],
            )
        else:
            with pytest.raises((NotPermitted, WorkflowError)):
                getattr(workflow, action)(report, by=user, **kwargs)
            assert status_of(report) == state, (action, state, role)
            assert revision_mark() == mark
            assert ActionLog.objects.count() == entries


def test_the_table_by_state_matches_the_issue():
    assert workflow.ALLOWED[S.DRAFT] == {S.IN_REVIEW, S.PUBLISHED}  # force publish
    assert workflow.ALLOWED[S.IN_REVIEW] == {
        S.DRAFT,
        S.CHANGES_REQUESTED,
        S.APPROVED,
        S.PUBLISHED,
    }
    assert workflow.ALLOWED[S.CHANGES_REQUESTED] == {S.IN_REVIEW, S.PUBLISHED}
    assert workflow.ALLOWED[S.APPROVED] == {S.PUBLISHED, S.SCHEDULED, S.DRAFT}
    assert workflow.ALLOWED[S.SCHEDULED] == {S.APPROVED, S.PUBLISHED}
    assert workflow.ALLOWED[S.PUBLISHED] == {S.WITHDRAWN, S.UNPUBLISHED, S.DRAFT}


def test_a_refusal_explains_the_role_needed(designer):
    report = bring_to(S.DRAFT, designer=designer, editor=None, publisher=None)
    with pytest.raises(NotPermitted, match="Only publishers can publish without review"):
        workflow.force_publish(report, by=designer, reason="Urgent")


def test_each_transition_writes_one_revision_with_a_plain_english_comment(designer, editor):
    report = new_report()
    mark = revision_mark()
    workflow.request_changes  # noqa: B018
    workflow.submit(report, by=designer)
    revision = assert_single_revision(
        report, by=designer, comment="Submitted for review", since=mark, logged=True
    )
    entry = revision.workflow_actions.get()
    assert entry.comment == "Submitted for review"
    assert entry.report_title == report.title
    mark = revision_mark()
    workflow.request_changes(report, by=editor, comment="Explain the savings.")
    revision = assert_single_revision(
        report,
        by=editor,
        comment="Explain the savings.",
        since=mark,
        logged=True,
    )
    entry = revision.workflow_actions.get()
    assert (entry.from_status, entry.to_status) == (S.IN_REVIEW, S.CHANGES_REQUESTED)


def test_request_changes_needs_a_comment(designer, editor):
    report = bring_to(S.IN_REVIEW, designer=designer, editor=editor, publisher=None)
    with pytest.raises(InvalidInput, match="Say what needs to change") as refused:
        workflow.request_changes(report, by=editor, comment="  ")
    assert refused.value.field == "comment"
    assert status_of(report) == S.IN_REVIEW


# The second pair of eyes --------------------------------------------------------------------------


def test_an_editor_cannot_approve_their_own_submission(editor, second_editor):
    report = new_report()
    workflow.submit(report, by=editor)
    with pytest.raises(NotPermitted, match="You submitted this draft"):
        workflow.approve(report, by=editor)
    workflow.approve(report, by=second_editor)
    assert status_of(report) == S.APPROVED


def test_an_editor_cannot_approve_a_draft_they_edited(designer, editor, second_editor):
    report = new_report()
    edit(report, by=editor)
    workflow.submit(report, by=designer)
    with pytest.raises(NotPermitted, match="You edited this draft"):
        workflow.approve(report, by=editor)
    assert status_of(report) == S.IN_REVIEW
    workflow.approve(report, by=second_editor)


def test_an_editor_who_only_requested_changes_may_approve_the_resubmission(designer, editor):
    report = new_report()
    workflow.submit(report, by=designer)
    workflow.request_changes(report, by=editor, comment="Shorter summary, please.")
    edit(report, by=designer)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=editor)
    assert status_of(report) == S.APPROVED


def test_edits_to_earlier_editions_do_not_count(designer, editor, second_editor, publisher):
    report = new_report()
    edit(report, by=editor)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=second_editor)
    workflow.publish(report, by=publisher)
    workflow.open_new_edition(report, by=designer)
    edit(report, by=designer)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=editor)  # edited edition 1, not this draft
    assert status_of(report) == S.APPROVED


def test_opening_a_new_edition_counts_as_editing_it(designer, editor, second_editor, publisher):
    report = bring_to(S.PUBLISHED, designer=designer, editor=second_editor, publisher=publisher)
    workflow.open_new_edition(report, by=editor)
    workflow.submit(report, by=designer)
    with pytest.raises(NotPermitted, match="You edited this draft"):
        workflow.approve(report, by=editor)


def test_only_the_submitter_can_take_back_a_submission(designer, editor):
    report = new_report()
    workflow.submit(report, by=editor)
    with pytest.raises(NotPermitted, match="Only the person who submitted it"):
        workflow.withdraw_submission(report, by=designer)
    workflow.withdraw_submission(report, by=editor)
    assert status_of(report) == S.DRAFT


# Force publish and the review after publication ---------------------------------------------------


def test_force_publish_needs_a_reason(publisher):
    report = new_report()
    with pytest.raises(InvalidInput, match="Give a reason"):
        workflow.force_publish(report, by=publisher, reason="")
    assert status_of(report) == S.DRAFT
    assert not Edition.objects.exists()


def test_force_publish_records_the_reason_and_flags_a_review(publisher, editor):
    report = new_report()
    mark = revision_mark()
    edition = workflow.force_publish(report, by=publisher, reason="Minister announces at 9am")
    assert edition.is_live
    assert_single_revision(
        report,
        by=publisher,
        comment="Published without review: Minister announces at 9am",
        since=mark,
        logged=True,
    )
    review = PostPublicationReview.objects.get(edition=edition)
    assert review.is_pending() and review.published_by == publisher
    assert str(review) == "Published without review: Minister announces at 9am"

    with pytest.raises(NotPermitted, match="someone else must review it"):
        workflow.complete_post_publication_review(report, by=publisher)
    mark = revision_mark()
    workflow.complete_post_publication_review(report, by=editor, comment="Read it: fine.")
    assert_single_revision(
        report,
        by=editor,
        comment="Reviewed after publication (edition 1): Read it: fine.",
        since=mark,
        logged=True,
    )
    review.refresh_from_db()
    assert review.completed_by == editor and not review.is_pending()
    with pytest.raises(WorkflowError, match="No edition"):
        workflow.complete_post_publication_review(report, by=editor)


def test_a_designer_cannot_complete_the_review_after_publication(publisher, designer):
    report = new_report()
    workflow.force_publish(report, by=publisher, reason="Urgent")
    with pytest.raises(NotPermitted):
        workflow.complete_post_publication_review(report, by=designer)


def leave_a_placeholder(report):
    """Put an editorial leftover into the report, which the content checks call an error."""
    section = report.sections.first()
    section.body += "\n\n[insert graph showing visits since launch]"
    section.save()
    return report


def test_check_errors_block_publish_and_schedule(designer, editor, publisher):
    report = leave_a_placeholder(new_report())
    bring_to(S.APPROVED, designer=designer, editor=editor, publisher=publisher, report=report)
    with pytest.raises(ChecksFailed, match="placeholder for content still to come"):
        workflow.publish(report, by=publisher)
    with pytest.raises(ChecksFailed):
        workflow.schedule(report, by=publisher, at=timezone.now() + timedelta(hours=1))
    assert status_of(report) == S.APPROVED
    assert not Edition.objects.exists()


def test_force_publish_lists_the_check_errors_it_overrides(publisher):
    report = leave_a_placeholder(new_report())
    edition = workflow.force_publish(report, by=publisher, reason="Urgent correction")
    entry = ActionLog.objects.get(action="force_publish")
    assert "overrode 1 check error: This is a placeholder for content still to come" in (
        entry.comment
    )
    assert entry.revision.get_comment() == entry.comment
    assert "placeholder for content" in edition.post_publication_review.overridden_checks


# Change notes -------------------------------------------------------------------------------------


@pytest.fixture
def published(designer, editor, publisher):
    report = bring_to(S.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.open_new_edition(report, by=designer)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=editor)
    return report


def test_a_later_edition_needs_a_change_note_or_to_be_minor(published, publisher):
    with pytest.raises(InvalidInput, match="Write a change note") as refused:
        workflow.publish(published, by=publisher)
    assert refused.value.field == "change_note"
    assert status_of(published) == S.APPROVED


def test_a_major_change_publishes_its_note(published, publisher):
    edition = workflow.publish(published, by=publisher, change_note="Added June figures.")
    assert (edition.number, edition.minor, edition.change_note) == (2, False, "Added June figures.")


def test_a_minor_change_has_no_note(published, publisher):
    with pytest.raises(InvalidInput, match="A minor change has no public change note"):
        workflow.publish(published, by=publisher, change_note="Typo", minor=True)
    edition = workflow.publish(published, by=publisher, minor=True)
    first = published.editions.get(number=1)
    assert (edition.minor, edition.change_note) == (True, "")
    # "Last updated" is the newest major edition's time, so a minor change leaves it alone.
    assert published.editions.filter(minor=False).latest() == first


def test_the_first_edition_cannot_be_minor(designer, editor, publisher):
    report = bring_to(S.APPROVED, designer=designer, editor=editor, publisher=publisher)
    with pytest.raises(InvalidInput, match="first edition"):
        workflow.publish(report, by=publisher, minor=True)


# Scheduling ---------------------------------------------------------------------------------------


@pytest.fixture
def approved(designer, editor, publisher):
    return bring_to(S.APPROVED, designer=designer, editor=editor, publisher=publisher)


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(-10, "That time has passed"), (0, "That time has passed"), (4, "at least 5 minutes")],
)
def test_schedule_refuses_times_too_soon(approved, publisher, minutes, message):
    with pytest.raises(InvalidInput, match=message):
        workflow.schedule(approved, by=publisher, at=timezone.now() + timedelta(minutes=minutes))
    assert status_of(approved) == S.APPROVED


def test_schedule_reads_a_naive_time_as_uk_time(approved, publisher):
    workflow.schedule(approved, by=publisher, at=timezone.datetime(2099, 7, 1, 9, 30))
    approved.refresh_from_db()
    assert approved.schedule.publish_at.isoformat() == "2099-07-01T08:30:00+00:00"
    assert ActionLog.objects.get(action="schedule").comment == (
        "Scheduled for 9:30am on 1 July 2099"
    )


def test_unschedule_returns_to_approved_and_forgets_the_time(approved, publisher):
    workflow.schedule(approved, by=publisher, at=timezone.now() + timedelta(days=1))
    workflow.unschedule(approved, by=publisher)
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert not hasattr(approved, "schedule")


def test_publish_due_publishes_once_and_is_safe_to_rerun(approved, publisher, mailoutbox):
    workflow.schedule(approved, by=publisher, at=timezone.now() + timedelta(minutes=10))
    assert workflow.publish_due() == []  # not due yet
    later = timezone.now() + timedelta(minutes=11)
    with pytest.raises(AssertionError):
        assert mailoutbox
    [result] = workflow.publish_due(now=later)
    assert result.edition.is_live and not result.error
    assert workflow.publish_due(now=later) == []
    assert status_of(approved) == S.PUBLISHED
    assert Edition.objects.filter(report=approved).count() == 1
    entry = ActionLog.objects.get(action="publish_scheduled")
    assert entry.user == publisher


def test_publish_due_emails_the_publisher(approved, publisher, django_capture_on_commit_callbacks):
    workflow.schedule(approved, by=publisher, at=timezone.now() + timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_due(now=timezone.now() + timedelta(minutes=11))
    [message] = mail.outbox
    assert message.to == [publisher.email]
    assert message.subject == f"Published as scheduled: {approved.title}"


def test_a_failed_scheduled_publication_is_approved_again_and_reported(
    designer, editor, publisher, django_capture_on_commit_callbacks
):
    # The scheduled draft links to another report, which is unpublished before it goes live.
    other = bring_to(S.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    linking = new_report()
    section = linking.sections.first()
    section.body = f"See the secret figure in [the other report](/reports/{other.slug}/)."
    section.save()
    approved = bring_to(
        S.APPROVED, designer=designer, editor=editor, publisher=publisher, report=linking
    )
    workflow.schedule(approved, by=publisher, at=timezone.now() + timedelta(minutes=10))
    workflow.unpublish(other, by=publisher, comment="Published in error")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        [result] = workflow.publish_due(now=timezone.now() + timedelta(minutes=11))
    assert result.edition is None and "check error" in result.error
    assert status_of(approved) == S.APPROVED
    assert not Edition.objects.filter(report=approved).exists()
    assert workflow.publish_due(now=timezone.now() + timedelta(minutes=12)) == []
    [message] = mail.outbox
    assert message.subject.startswith("Scheduled publication failed")
    assert "secret figure" not in message.body  # emails never quote the draft
    assert ActionLog.objects.get(action="schedule_failed").user is None


# Editions: the live page stays while a new draft is edited ------------------------------------


def test_the_live_page_is_unchanged_while_a_new_draft_is_edited(
    client, designer, editor, second_editor, publisher
):
    report = bring_to(S.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    workflow.open_new_edition(report, by=designer)
    edit(report, by=designer, body="A new paragraph about Verify.")
    assert status_of(report) == S.DRAFT
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert "Published <strong>text</strong>" in page.text
    assert "Verify" not in page.text

    workflow.submit(report, by=designer)
    workflow.approve(report, by=second_editor)
    assert "Verify" not in client.get(report.get_absolute_url()).text
    workflow.publish(report, by=publisher, change_note="Added Verify.")
    assert "A new paragraph about Verify." in client.get(report.get_absolute_url()).text


# Notifications ------------------------------------------------------------------------------------


def test_editors_are_told_of_a_submission(
    designer, editor, second_editor, django_capture_on_commit_callbacks
):
    report = new_report()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(report, by=designer)
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(
        [editor.email, second_editor.email]
    )
    assert mail.outbox[0].subject == f"Review needed: {report.title}"


def test_the_submitter_is_told_of_changes_requested_and_approval(
    designer, editor, django_capture_on_commit_callbacks
):
    report = new_report()
    workflow.submit(report, by=designer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(report, by=editor, comment="Secret review remark.")
    [message] = mail.outbox
    assert message.to == [designer.email]
    assert "Secret review remark" not in message.body
    assert "Published" not in message.body  # no draft text
    workflow.submit(report, by=designer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(report, by=editor)
    assert mail.outbox[-1].subject == f"Approved: {report.title}"
    assert mail.outbox[-1].to == [designer.email]


def test_no_email_is_sent_when_the_action_is_refused(designer, django_capture_on_commit_callbacks):
    report = new_report()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotPermitted):
        workflow.approve(
            bring_to(S.IN_REVIEW, designer=designer, editor=None, publisher=None), by=designer
        )
    assert mail.outbox == []
    assert report.status == S.DRAFT


# Withdraw and unpublish ---------------------------------------------------------------------------


def test_withdrawal_needs_a_public_explanation(designer, editor, publisher):
    report = bring_to(S.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    with pytest.raises(InvalidInput, match="Explain to readers"):
        workflow.withdraw(report, by=publisher, explanation="")


def test_unpublish_refuses_a_bad_redirect(designer, editor, publisher):
    report = bring_to(S.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    mark = revision_mark()
    for bad in ["javascript:alert(1)", "//evil.example", "not a url"]:
        with pytest.raises(InvalidInput, match="Enter a redirect"):
            workflow.unpublish(report, by=publisher, comment="Moved", redirect_url=bad)
    assert status_of(report) == S.PUBLISHED
    assert revision_mark() == mark  # nothing written


def test_the_package_offers_every_action_of_the_table_by_name():
    # The admin and the workflow command call getattr(workflow, action) for these names.
    buttons = [name for name, t in workflow.TRANSITIONS.items() if t.button]
    for name in [*buttons, workflow.POST_PUBLICATION_REVIEW, "revert", "recover", "publish_due"]:
        assert callable(getattr(workflow, name)), name
    assert set(workflow.__all__) <= set(dir(workflow))
