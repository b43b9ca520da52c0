"""The editorial actions: review, publication, withdrawal, and new draft editions."""

from django.db import transaction
from django.utils import timezone

from .. import checks, editions, headlines, history, notifications
from ..errors import StaleReview
from ..models import Edition, PostPublicationReview, Unpublishing
from . import inputs
from .recording import (
    approved_content,
    begin,
    finish,
    finish_publication,
    live_edition,
    passes_checks,
    published_comment,
    record,
)
from .transitions import POST_PUBLICATION_REVIEW, last_submitter


@transaction.atomic
def submit(report, *, by, comment=""):
    """Ask a second pair of eyes to review the draft; editors are told by email."""
    locked = begin(report, "submit", by=by)
    finish(report, locked, "submit", by=by, comment=comment.strip() or "Submitted for review")
    notifications.submitted(locked, by=by)


@transaction.atomic
def withdraw_submission(report, *, by, comment=""):
    """Take back one's own submission to keep working on the draft."""
    locked = begin(report, "withdraw_submission", by=by)
    text = comment.strip() or "Took back the submission to keep working on it"
    finish(report, locked, "withdraw_submission", by=by, comment=text)


@transaction.atomic
def request_changes(report, *, by, comment):
    """Send the draft back to its authors with what needs to change."""
    locked = begin(report, "request_changes", by=by)
    comment = inputs.required(comment, "comment", "Say what needs to change.")
    submitter = last_submitter(locked)
    finish(report, locked, "request_changes", by=by, comment=comment)
    notifications.changes_requested(locked, by=by, submitter=submitter)


@transaction.atomic
def approve(report, *, by, comment="", seen=None, headline=None, reason=""):
    """Approve the draft as you read it, with its headline: only this content can be published."""
    # seen: the revision the reviewer read. Approving refuses if the draft changed since.
    locked = begin(report, "approve", by=by)
    latest = history.latest_revision_id(locked.pk)
    if seen is not None and int(seen) != latest:
        raise StaleReview(locked, seen=int(seen), latest=latest)
    if headline is not None:
        # Choosing is part of reviewing: recorded as its own change, and the reviewer may approve.
        headlines.choose(locked, headline, by=by, reason=reason)
        locked = begin(report, "approve", by=by)
    submitter = last_submitter(locked)
    entry = finish(report, locked, "approve", by=by, comment=comment.strip() or "Approved")
    locked.approved_revision_id = entry.revision_id
    locked.save(update_fields=["approved_revision"])
    notifications.approved(locked, by=by, submitter=submitter)


@transaction.atomic
def return_to_draft(report, *, by, comment):
    """Take back an approval: the draft needs changes and another review before publication."""
    locked = begin(report, "return_to_draft", by=by)
    comment = inputs.required(comment, "comment", "Say why it goes back to draft.")
    finish(report, locked, "return_to_draft", by=by, comment=comment)


@transaction.atomic
def publish(report, *, by, change_note="", minor=False):
    """Publish the approved edition now, exactly as it was approved: readers see it at once."""
    locked = begin(report, "publish", by=by)
    approved_content(locked)
    note = inputs.change_note(locked, change_note, minor)
    passes_checks(locked)
    edition = editions.create(locked, by=by, change_note=note, minor=minor)
    finish_publication(
        report, locked, "publish", edition, by=by, comment=published_comment(edition)
    )
    return edition


@transaction.atomic
def force_publish(report, *, by, reason, change_note="", minor=False):
    """Publish without review in an emergency; someone else must review it afterwards."""
    locked = begin(report, "force_publish", by=by)
    reason = inputs.required(reason, "reason", "Give a reason for publishing without review.")
    note = inputs.change_note(locked, change_note, minor)
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
    finish_publication(report, locked, "force_publish", edition, by=by, comment=comment)
    return edition


@transaction.atomic
def complete_post_publication_review(report, *, by, comment=""):
    """Record that someone other than its publisher reviewed an edition published without review."""
    locked = begin(report, POST_PUBLICATION_REVIEW, by=by)
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
    record(
        locked,
        POST_PUBLICATION_REVIEW,
        by=by,
        comment=f"{text}: {comment.strip()}" if comment.strip() else text,
        from_status=locked.status,
    )


@transaction.atomic
def withdraw(report, *, by, explanation):
    """Withdraw the published page: it stays online with a notice explaining why."""
    locked = begin(report, "withdraw", by=by)
    explanation = inputs.required(
        explanation, "explanation", "Explain to readers why the page is withdrawn."
    )
    Unpublishing.objects.create(
        edition=live_edition(locked),
        kind=Unpublishing.Kind.WITHDRAWN,
        explanation=explanation,
        by=by,
    )
    finish(report, locked, "withdraw", by=by, comment=f"Withdrawn: {explanation}")


@transaction.atomic
def unpublish(report, *, by, comment, redirect_url=""):
    """Remove the public page: readers get "gone" (410), or a redirect if one is given."""
    locked = begin(report, "unpublish", by=by)
    comment = inputs.required(comment, "comment", "Say why the page is being removed.")
    redirect_url = inputs.redirect_url(redirect_url)
    edition = live_edition(locked)
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
    finish(report, locked, "unpublish", by=by, comment=text)


@transaction.atomic
def open_new_edition(report, *, by):
    """Start a new draft edition of a published report; readers keep the live edition meanwhile."""
    locked = begin(report, "open_new_edition", by=by)
    number = editions.next_number(locked)
    comment = (
        f"Opened draft edition {number}; readers see the published edition until it is published"
    )
    finish(report, locked, "open_new_edition", by=by, comment=comment)
