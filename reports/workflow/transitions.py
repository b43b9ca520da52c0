"""The transition table, who may take each action, and the checks made before any move."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from reversion.models import Revision

from ..errors import GovreportError, NotPermitted, WorkflowError
from ..models import (
    ActionLog,
    HeadlineOption,
    MediaItem,
    PostPublicationReview,
    Report,
    Section,
    Status,
)

CHANGE = "reports.change_report"
REVIEW = "reports.review_report"
PUBLISH = "reports.publish_report"
WHO_MAY = {CHANGE: "content designers and editors", REVIEW: "editors", PUBLISH: "publishers"}
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
