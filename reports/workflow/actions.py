"""The editorial actions: review, publication, withdrawal, and new draft editions."""

from django.db import transaction
from django.utils import timezone

from .. import checks, editions, notifications
from ..models import Edition, PostPublicationReview, Unpublishing
from .recording import (
    _begin,
    _change_note,
    _finish,
    _finish_publication,
    _live_edition,
    _passes_checks,
    _published_comment,
    _record,
    _redirect_url,
    _required,
)
from .transitions import POST_PUBLICATION_REVIEW, TRANSITIONS, last_submitter


@transaction.atomic
def submit(report, *, by, comment=""):
    """Ask a second pair of eyes to review the draft; editors are told by email."""
    locked = _begin(report, "submit", by=by)
    _finish(report, locked, "submit", by=by, comment=comment.strip() or "Submitted for review")
    notifications.submitted(locked, by=by)


@transaction.atomic
def withdraw_submission(report, *, by, comment=""):
    """Take back one's own submission to keep working on the draft."""
    locked = _begin(report, "withdraw_submission", by=by)
    text = comment.strip() or "Took back the submission to keep working on it"
    _finish(report, locked, "withdraw_submission", by=by, comment=text)


@transaction.atomic
def request_changes(report, *, by, comment):
    """Send the draft back to its authors with what needs to change."""
    locked = _begin(report, "request_changes", by=by)
    comment = _required(comment, "comment", "Say what needs to change.")
    submitter = last_submitter(locked)
    _finish(report, locked, "request_changes", by=by, comment=f"Changes requested: {comment}")
    notifications.changes_requested(locked, by=by, submitter=submitter)


@transaction.atomic
def approve(report, *, by, comment=""):
    """Approve the draft for publication: a second pair of eyes has read it."""
    locked = _begin(report, "approve", by=by)
    submitter = last_submitter(locked)
    _finish(report, locked, "approve", by=by, comment=comment.strip() or "Approved")
    notifications.approved(locked, by=by, submitter=submitter)


@transaction.atomic
def publish(report, *, by, change_note="", minor=False):
    """Publish an approved edition now: readers see it at once."""
    locked = _begin(report, "publish", by=by)
    note = _change_note(locked, change_note, minor)
    _passes_checks(locked)
    edition = editions.create(locked, by=by, change_note=note, minor=minor)
    _finish_publication(
        report, locked, "publish", edition, by=by, comment=_published_comment(edition)
    )
    return edition


@transaction.atomic
def force_publish(report, *, by, reason, change_note="", minor=False):
    """Publish without review in an emergency; someone else must review it afterwards."""
    locked = _begin(report, "force_publish", by=by)
    reason = _required(reason, "reason", "Give a reason for publishing without review.")
    note = _change_note(locked, change_note, minor)
    overridden = checks.errors(locked)
    edition = editions.create(locked, by=by, change_note=note, minor=minor)
    PostPublicationReview.objects.create(
        edition=edition,
        reason=reason,
        overridden_checks="\n".join(f.message for f in overridden),
        published_by=by,
    )
    comment = f"Published without review: {reason}"
    if overridden:
        s = "s" if len(overridden) != 1 else ""
        comment += f" (overrode {len(overridden)} check error{s}: " + "; ".join(
            f.message for f in overridden
        )
        comment += ")"
    _finish_publication(report, locked, "force_publish", edition, by=by, comment=comment)
    return edition


@transaction.atomic
def complete_post_publication_review(report, *, by, comment=""):
    """Record that someone other than its publisher reviewed an edition published without review."""
    locked = _begin(report, POST_PUBLICATION_REVIEW, by=by)
    pending = list(
        PostPublicationReview.objects.select_for_update()
        .filter(edition__report=locked, completed_at__isnull=True)
        .select_related("edition")
        .order_by("edition__number")
    )
    now = timezone.now()
    for review in pending:
        review.completed_at, review.completed_by, review.comment = now, by, comment.strip()
        review.save(update_fields=["completed_at", "completed_by", "comment"])
    numbers = ", ".join(str(r.edition.number) for r in pending)
    text = f"Reviewed after publication (edition {numbers})"
    _record(
        locked,
        "complete_post_publication_review",
        by=by,
        comment=f"{text}: {comment.strip()}" if comment.strip() else text,
        from_status=locked.status,
    )


@transaction.atomic
def withdraw(report, *, by, explanation):
    """Withdraw the published page: it stays online with a notice explaining why."""
    locked = _begin(report, "withdraw", by=by)
    explanation = _required(
        explanation, "explanation", "Explain to readers why the page is withdrawn."
    )
    Unpublishing.objects.create(
        edition=_live_edition(locked),
        kind=Unpublishing.Kind.WITHDRAWN,
        explanation=explanation,
        by=by,
    )
    _finish(report, locked, "withdraw", by=by, comment=f"Withdrawn: {explanation}")


@transaction.atomic
def unpublish(report, *, by, comment, redirect_url=""):
    """Remove the public page: readers get "gone" (410), or a redirect if one is given."""
    locked = _begin(report, "unpublish", by=by)
    comment = _required(comment, "comment", "Say why the page is being removed.")
    redirect_url = _redirect_url(redirect_url)
    edition = _live_edition(locked)
    # Editions are not versioned, and publishing swaps is_live the same way.
    Edition.objects.filter(pk=edition.pk).update(is_live=False)
    Unpublishing.objects.update_or_create(
        edition=edition,
        defaults={
            "kind": Unpublishing.Kind.UNPUBLISHED,
            "redirect_url": redirect_url,
            "by": by,
            "at": timezone.now(),
        },
    )
    text = f"Unpublished: {comment}"
    if redirect_url:
        text += f" (redirects to {redirect_url})"
    _finish(report, locked, "unpublish", by=by, comment=text)


@transaction.atomic
def open_new_edition(report, *, by):
    """Start a new draft edition of a published report; readers keep the live edition meanwhile."""
    locked = _begin(report, "open_new_edition", by=by)
    number = editions.next_number(locked)
    comment = (
        f"Opened draft edition {number}; readers see the published edition until it is published"
    )
    _finish(report, locked, "open_new_edition", by=by, comment=comment)


@transaction.atomic
def reopen(report, *, by):
    """Return an approved report to draft because someone edited it: it needs review again."""
    locked = _begin(report, "reopen", by=by)
    comment = "Edited after approval, so it needs review again"
    _finish(report, locked, "reopen", by=by, comment=comment)


def record_edit(report, *, by):
    """Start a new draft if someone edited a report whose content readers or reviewers rely on."""
    if report.status in TRANSITIONS["open_new_edition"].sources:
        open_new_edition(report, by=by)
    elif report.status in TRANSITIONS["reopen"].sources:
        reopen(report, by=by)
