"""The editorial workflow: every change of a report's status happens here.

Each action locks the report row, checks the transition table and the user's role, changes the
state, and writes one reversion revision carrying one audit-log entry, all in one transaction.
Emails go out only once that transaction commits.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from reversion.models import Revision

from . import checks, editions, history, notifications
from .errors import ChecksFailed, GovreportError, InvalidInput, NotPermitted, WorkflowError
from .models import (
    ActionLog,
    Edition,
    HeadlineOption,
    MediaItem,
    PostPublicationReview,
    Report,
    ScheduledPublication,
    Section,
    Status,
    Unpublishing,
)

logger = logging.getLogger(__name__)

CHANGE = "reports.change_report"
REVIEW = "reports.review_report"
PUBLISH = "reports.publish_report"
WHO_MAY = {CHANGE: "content designers and editors", REVIEW: "editors", PUBLISH: "publishers"}

LONDON = ZoneInfo("Europe/London")
SCHEDULE_LEAD_TIME = timedelta(minutes=5)
DRAFT_STATES = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED})


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: Status
    permission: str | None  # None: only govreport itself makes this move
    irreversible: bool = False
    button: bool = True  # offered in the admin's workflow panel


def _transition(name, label, sources, target, permission, **options):
    return Transition(name, label, frozenset(sources), target, permission, **options)


S = Status
TRANSITIONS = {
    t.name: t
    for t in [
        _transition("submit", "Submit for review", {S.DRAFT}, S.IN_REVIEW, CHANGE),
        _transition("withdraw_submission", "Take back submission", {S.IN_REVIEW}, S.DRAFT, CHANGE),
        _transition("request_changes", "Request changes", {S.IN_REVIEW}, S.DRAFT, REVIEW),
        _transition("approve", "Approve", {S.IN_REVIEW}, S.APPROVED, REVIEW),
        _transition("publish", "Publish", {S.APPROVED}, S.PUBLISHED, PUBLISH, irreversible=True),
        _transition(
            "force_publish",
            "Publish without review",
            {S.DRAFT, S.IN_REVIEW},
            S.PUBLISHED,
            PUBLISH,
            irreversible=True,
        ),
        _transition("schedule", "Schedule", {S.APPROVED}, S.SCHEDULED, PUBLISH),
        _transition("unschedule", "Unschedule", {S.SCHEDULED}, S.APPROVED, PUBLISH),
        _transition(
            "publish_scheduled",
            "Publish as scheduled",
            {S.SCHEDULED},
            S.PUBLISHED,
            PUBLISH,
            button=False,
        ),
        _transition(
            "schedule_failed",
            "Scheduled publication failed",
            {S.SCHEDULED},
            S.APPROVED,
            None,
            button=False,
        ),
        _transition("withdraw", "Withdraw", {S.PUBLISHED}, S.WITHDRAWN, PUBLISH, irreversible=True),
        _transition(
            "unpublish",
            "Unpublish",
            {S.PUBLISHED, S.WITHDRAWN},
            S.UNPUBLISHED,
            PUBLISH,
            irreversible=True,
        ),
        _transition(
            "open_new_edition",
            "Open a new draft edition",
            {S.PUBLISHED, S.WITHDRAWN, S.UNPUBLISHED},
            S.DRAFT,
            CHANGE,
            button=False,
        ),
        _transition("reopen", "Edit after approval", {S.APPROVED}, S.DRAFT, CHANGE, button=False),
        _transition(
            "revert",
            "Restore an earlier version",
            {S.DRAFT, S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.WITHDRAWN, S.UNPUBLISHED},
            S.DRAFT,
            CHANGE,
            button=False,
        ),
    ]
}
del S

# The same table by state, for reading: which states each state can move to.
ALLOWED = {
    state: {t.target for t in TRANSITIONS.values() if state in t.sources} - {state}
    for state in Status
}
EDITING_ACTIONS = {"open_new_edition", "reopen", "revert", "recover"}
POST_PUBLICATION_REVIEW = "complete_post_publication_review"
LABELS = {name: t.label for name, t in TRANSITIONS.items()} | {
    POST_PUBLICATION_REVIEW: "Mark as reviewed after publication"
}


# Reading the workflow's history -----------------------------------------------------------------


def last_published_at(report):
    """Return when the report's latest edition was published, or None."""
    return report.editions.aggregate(at=Max("published_at"))["at"]


def _current_draft_actions(report):
    """The audit-log entries since the report was last published."""
    since = last_published_at(report)
    actions = ActionLog.objects.filter(report=report)
    return actions.filter(at__gt=since) if since else actions


def submitter_ids(report):
    """Return the ids of the users who submitted the current draft edition for review."""
    return set(
        _current_draft_actions(report).filter(action="submit").values_list("user_id", flat=True)
    )


def last_submitter(report):
    """Return the user who last submitted the report for review, or None."""
    entry = ActionLog.objects.for_report(report).filter(action="submit").first()
    return entry.user if entry else None


def editor_ids(report):
    """Return the ids of the users who edited the current draft edition.

    An edit is a revision of the report or of one of its parts that is not a workflow action,
    or the edit that opened the draft edition.
    """
    since = last_published_at(report)
    parts = Q()
    for model, pks in [
        (Report, [report.pk]),
        (Section, report.sections.values_list("pk", flat=True)),
        (HeadlineOption, report.headline_options.values_list("pk", flat=True)),
        (MediaItem, report.media.values_list("pk", flat=True)),
    ]:
        parts |= Q(
            version__content_type=ContentType.objects.get_for_model(model),
            version__object_id__in=[str(pk) for pk in pks],
        )
    revisions = Revision.objects.filter(parts, workflow_actions__isnull=True, user__isnull=False)
    if since:
        revisions = revisions.filter(date_created__gt=since)
    editors = set(revisions.values_list("user_id", flat=True))
    editors |= set(
        _current_draft_actions(report)
        .filter(action__in=EDITING_ACTIONS)
        .values_list("user_id", flat=True)
    )
    return editors - {None}


# Checking a move ----------------------------------------------------------------------------------


def check(report, name, *, by):
    """Raise NotPermitted or WorkflowError unless the user may take this action now."""
    if name == POST_PUBLICATION_REVIEW:
        return _check_post_publication_review(report, by=by)
    t = TRANSITIONS[name]
    if report.status not in t.sources:
        raise WorkflowError(
            f"You can't {t.label.lower()} a report that is {report.get_status_display().lower()}."
        )
    if t.permission and not (by and by.has_perm(t.permission)):
        raise NotPermitted(
            f"Only {WHO_MAY[t.permission]} can {t.label.lower()}. "
            "Ask someone with that role, or an administrator, for help."
        )
    if name == "withdraw_submission" and last_submitter(report) != by:
        raise NotPermitted("Only the person who submitted it can take back this submission.")
    if name == "approve":
        if by.pk in submitter_ids(report):
            raise NotPermitted(
                "You submitted this draft, so another editor needs to approve it "
                "(the second pair of eyes)."
            )
        if by.pk in editor_ids(report):
            raise NotPermitted(
                "You edited this draft, so another editor needs to approve it "
                "(the second pair of eyes)."
            )


def _check_post_publication_review(report, *, by):
    pending = PostPublicationReview.objects.filter(
        edition__report=report, completed_at__isnull=True
    )
    if not pending.exists():
        raise WorkflowError("No edition of this report is waiting for review after publication.")
    if not (by and (by.has_perm(REVIEW) or by.has_perm(PUBLISH))):
        raise NotPermitted("Only editors and publishers can review an edition after publication.")
    if pending.filter(published_by=by).exists():
        raise NotPermitted(
            "You published it without review, so someone else must review it after publication."
        )


def refusal(report, name, *, by):
    """Return why the user may not take this action now, or None if they may."""
    try:
        check(report, name, by=by)
    except GovreportError as error:
        return str(error)
    return None


def available_actions(report, *, by):
    """Return the names of the actions the user may start from the admin now."""
    return [
        name
        for name in [*(t.name for t in TRANSITIONS.values() if t.button), POST_PUBLICATION_REVIEW]
        if refusal(report, name, by=by) is None
    ]


# Moving -------------------------------------------------------------------------------------------


def _begin(report, name, *, by):
    """Lock the report's row and check the move; return the locked copy."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    check(locked, name, by=by)
    return locked


def _record(report, name, *, by, comment, from_status, change=None):
    """Save the report's state with one revision carrying one audit-log entry; return the report.

    change, if given, writes content in the same revision and returns the report it wrote.
    """
    with reversion.create_revision():
        if change:
            report = change()
        report.save(update_fields=["status"])
        reversion.add_to_revision(report)
        reversion.set_user(by)
        reversion.set_comment(comment)
        reversion.add_meta(
            ActionLog,
            report=report,
            report_title=report.title[:200],
            action=name,
            from_status=from_status,
            to_status=report.status,
            user=by,
            comment=comment,
            at=timezone.now(),
        )
    return report


def _finish(report, locked, name, *, by, comment):
    """Move the locked report to the transition's target state and record it."""
    from_status = locked.status
    locked.status = TRANSITIONS[name].target
    _record(locked, name, by=by, comment=comment, from_status=from_status)
    report.status = locked.status
    return locked


def _required(value, field, message):
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, field=field)
    return value


def _change_note(report, change_note, minor):
    """Return the change note after checking it fits the edition (GOV.UK's major/minor rule)."""
    note = (change_note or "").strip()
    first = not report.editions.exists()
    if minor and note:
        raise InvalidInput(
            "A minor change has no public change note: remove the note, or make it a major change.",
            field="change_note",
        )
    if minor and first:
        raise InvalidInput("The first edition can't be a minor change.", field="minor")
    if not first and not minor and not note:
        raise InvalidInput(
            "Write a change note telling readers what changed, or mark this a minor change "
            "(for example, fixing a typo).",
            field="change_note",
        )
    return note


def _passes_checks(report):
    errors = checks.errors(report)
    if errors:
        raise ChecksFailed(errors)


def format_london(moment):
    """Return a time as GOV.UK writes it, in UK time: "9:30am on 1 July 2013"."""
    local = timezone.localtime(moment, LONDON)
    hour = local.hour % 12 or 12
    meridiem = "am" if local.hour < 12 else "pm"
    return f"{hour}:{local.minute:02d}{meridiem} on {local.day} {local:%B %Y}"


def _publish_time(at, *, now=None):
    if at is None:
        raise InvalidInput("Choose when to publish it.", field="at")
    if timezone.is_naive(at):
        at = timezone.make_aware(at, LONDON)
    now = now or timezone.now()
    if at <= now:
        raise InvalidInput("That time has passed: choose a time in the future.", field="at")
    if at < now + SCHEDULE_LEAD_TIME:
        raise InvalidInput(
            "Choose a time at least 5 minutes from now, so there is time to unschedule it.",
            field="at",
        )
    return at


def _redirect_url(url):
    url = (url or "").strip()
    if not url or (url.startswith("/") and not url.startswith("//")):
        return url
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise InvalidInput(
            "Enter a redirect as a full web address (https://…) or a path on this site (/…).",
            field="redirect_url",
        ) from None
    return url


def _live_edition(report):
    edition = report.editions.live().first()
    if edition is None:
        raise WorkflowError("This report has no live edition.")
    return edition


# The actions --------------------------------------------------------------------------------------


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


logger = logging.getLogger(__name__)


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


def _finish_publication(report, locked, name, edition, *, by, comment):
    """Record a publication, and remember which revision readers now see."""
    _finish(report, locked, name, by=by, comment=comment)
    history.mark_published_revision(edition)


def _published_comment(edition):
    if edition.minor:
        return f"Published edition {edition.number} (minor change)"
    if edition.change_note:
        return f"Published edition {edition.number}: {edition.change_note}"
    return f"Published edition {edition.number}"


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
def schedule(report, *, by, at, change_note="", minor=False):
    """Publish an approved edition automatically at a future time."""
    locked = _begin(report, "schedule", by=by)
    at = _publish_time(at)
    note = _change_note(locked, change_note, minor)
    _passes_checks(locked)
    ScheduledPublication.objects.update_or_create(
        report=locked,
        defaults={"publish_at": at, "scheduled_by": by, "change_note": note, "minor": minor},
    )
    _finish(report, locked, "schedule", by=by, comment=f"Scheduled for {format_london(at)}")


@transaction.atomic
def unschedule(report, *, by, comment=""):
    """Cancel a scheduled publication; the edition stays approved."""
    locked = _begin(report, "unschedule", by=by)
    ScheduledPublication.objects.filter(report=locked).delete()
    _finish(report, locked, "unschedule", by=by, comment=comment.strip() or "Unscheduled")


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
    number = (locked.editions.aggregate(n=Max("number"))["n"] or 0) + 1
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


# Scheduled publishing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduledResult:
    report: Report
    edition: Edition | None
    error: str = ""


def publish_due(*, now=None):
    """Publish every scheduled report that is due, each exactly once; return what happened."""
    now = now or timezone.now()
    results = []
    while (result := _publish_next_due(now)) is not None:
        results.append(result)
    return results


@transaction.atomic
def _publish_next_due(now):
    # skip_locked: a second runner moves on to other due reports instead of waiting.
    report = (
        Report.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Status.SCHEDULED, schedule__publish_at__lte=now)
        .order_by("schedule__publish_at", "pk")
        .first()
    )
    if report is None:
        return None
    plan = report.schedule
    publisher = plan.scheduled_by
    try:
        with transaction.atomic():
            edition = _publish_scheduled(report, plan, publisher)
    except Exception as error:
        if isinstance(error, GovreportError):
            logger.warning("Scheduled publication of %s failed: %s", report.slug, error)
        else:
            logger.exception("Scheduled publication of %s failed", report.slug)
        _schedule_failed(report, publisher, error)
        return ScheduledResult(report, None, str(error))
    logger.info("Published %s (edition %s) as scheduled", report.slug, edition.number)
    notifications.scheduled_published(report, edition=edition, publisher=publisher)
    return ScheduledResult(report, edition)


def _publish_scheduled(report, plan, publisher):
    if publisher is None:
        raise NotPermitted("The publisher who scheduled it no longer has an account.")
    locked = _begin(report, "publish_scheduled", by=publisher)
    _passes_checks(locked)
    edition = editions.create(locked, by=publisher, change_note=plan.change_note, minor=plan.minor)
    ScheduledPublication.objects.filter(report=locked).delete()
    comment = f"{_published_comment(edition)}, as scheduled for {format_london(plan.publish_at)}"
    _finish_publication(report, locked, "publish_scheduled", edition, by=publisher, comment=comment)
    return edition


def _schedule_failed(report, publisher, error):
    locked = _begin(report, "schedule_failed", by=None)
    ScheduledPublication.objects.filter(report=locked).delete()
    reason = str(error) if isinstance(error, GovreportError) else "an unexpected error"
    comment = f"Scheduled publication failed: {reason}. It is approved again."
    _finish(report, locked, "schedule_failed", by=None, comment=comment)
    if isinstance(error, ChecksFailed):
        # Findings may quote the draft, which emails never carry.
        n = len(error.findings)
        reason = f"pre-publication checks found {n} error{'s' if n != 1 else ''}"
    notifications.scheduled_failed(report, publisher=publisher, reason=reason)


# Restoring and recovering revisions -------------------------------------------------------------


def revert(report, version, *, by):
    """Make an earlier revision the new draft: one new revision; history and live page untouched."""
    with transaction.atomic():
        locked = _begin(report, "revert", by=by)
        if version.content_type.model_class() is not Report or int(version.object_id) != locked.pk:
            raise WorkflowError("That version belongs to another report.")
        # Status is set on purpose, never restored: the restored content is a draft to review,
        # and the live edition stays as it is until someone publishes again.
        restored = _record(
            locked,
            "revert",
            by=by,
            comment=history.restored_comment(version.revision),
            from_status=locked.status,
            change=lambda: history.restore(
                version.revision, locked.pk, status=Status.DRAFT, updated_by=by
            ),
        )
    report.status = restored.status
    return restored


@transaction.atomic
def recover(version, *, by):
    """Bring a deleted report back as a draft, with its sections, headline options and media."""
    if not (by.has_perm("reports.add_report") and by.has_perm(CHANGE)):
        raise NotPermitted("Only content designers and editors can recover deleted reports.")
    if version.content_type.model_class() is not Report:
        raise WorkflowError("That version is not a report.")
    if Report.objects.filter(pk=version.object_id).exists():
        raise WorkflowError("This report has not been deleted: restore a version from its history.")
    moment = history.describe_moment(version.revision.date_created)
    return _record(
        None,
        "recover",
        by=by,
        comment=f"Recovered after deletion: the version of {moment}",
        from_status=Status.DRAFT,
        change=lambda: history.restore(
            version.revision, version.object_id, status=Status.DRAFT, updated_by=by
        ),
    )
