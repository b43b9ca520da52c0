"""The transition table, what editing does to each state, and the checks made before any move."""

from dataclasses import dataclass

from django.db.models import Max

from .. import roles
from ..errors import GovreportError, NotPermitted, WorkflowError
from ..models import ActionLog, PostPublicationReview, Status

DRAFT_STATES = frozenset(
    {Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW, Status.APPROVED, Status.SCHEDULED}
)
LIVE_STATES = frozenset({Status.PUBLISHED, Status.WITHDRAWN, Status.UNPUBLISHED})


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: Status
    system: bool = False  # only govreport itself makes this move
    irreversible: bool = False
    button: bool = True  # offered in the admin's workflow panel


def _transition(name, label, sources, target, **options):
    return Transition(name, label, frozenset(sources), target, **options)


S = Status
TRANSITIONS = {
    t.name: t
    for t in [
        _transition("submit", "Submit for review", {S.DRAFT, S.CHANGES_REQUESTED}, S.IN_REVIEW),
        _transition("withdraw_submission", "Take back submission", {S.IN_REVIEW}, S.DRAFT),
        _transition("request_changes", "Request changes", {S.IN_REVIEW}, S.CHANGES_REQUESTED),
        _transition("approve", "Approve", {S.IN_REVIEW}, S.APPROVED),
        _transition("return_to_draft", "Return to draft", {S.APPROVED}, S.DRAFT),
        _transition("publish", "Publish", {S.APPROVED}, S.PUBLISHED, irreversible=True),
        _transition(
            "force_publish",
            "Publish without review",
            {S.DRAFT, S.CHANGES_REQUESTED, S.IN_REVIEW, S.APPROVED},
            S.PUBLISHED,
            irreversible=True,
        ),
        _transition("schedule", "Schedule", {S.APPROVED}, S.SCHEDULED),
        _transition("unschedule", "Unschedule", {S.SCHEDULED}, S.APPROVED),
        _transition(
            "publish_scheduled", "Publish as scheduled", {S.SCHEDULED}, S.PUBLISHED, button=False
        ),
        _transition(
            "schedule_failed",
            "Scheduled publication failed",
            {S.SCHEDULED},
            S.APPROVED,
            system=True,
            button=False,
        ),
        _transition("withdraw", "Withdraw", {S.PUBLISHED}, S.WITHDRAWN, irreversible=True),
        _transition(
            "unpublish",
            "Unpublish",
            {S.PUBLISHED, S.WITHDRAWN},
            S.UNPUBLISHED,
            irreversible=True,
        ),
        _transition(
            "open_new_edition",
            "Open a new draft edition",
            LIVE_STATES,
            S.DRAFT,
            button=False,
        ),
    ]
}

# What a change of content does to each state (workflow.editing). Scheduled reports are frozen.
EDITED = {
    S.DRAFT: S.DRAFT,
    S.CHANGES_REQUESTED: S.CHANGES_REQUESTED,  # the authors are making the changes asked for
    S.IN_REVIEW: S.DRAFT,
    S.APPROVED: S.DRAFT,
    S.PUBLISHED: S.DRAFT,
    S.WITHDRAWN: S.DRAFT,
    S.UNPUBLISHED: S.DRAFT,
}
# Changes that are part of reviewing: made while in review, the report stays in review.
REVIEWING = frozenset({"choose_headline"})
del S

# The same table by state, for reading: which states each state can move to.
ALLOWED = {
    state: {t.target for t in TRANSITIONS.values() if state in t.sources} - {state}
    for state in Status
}
POST_PUBLICATION_REVIEW = "complete_post_publication_review"
LABELS = {name: t.label for name, t in TRANSITIONS.items()} | {
    POST_PUBLICATION_REVIEW: "Mark as reviewed after publication"
}


def after_edit(status, action):
    """Return the state a report in `status` moves to when `action` changes its content."""
    if status == Status.IN_REVIEW and action in REVIEWING:
        return status
    return EDITED[status]


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


def author_ids(report):
    """Return the ids of the users who changed the content of the current draft edition."""
    authors = _current_draft_actions(report).authoring().values_list("user_id", flat=True)
    return set(authors) - {None}


def last_submitter(report):
    """Return the user who last submitted the report for review, or None."""
    entry = ActionLog.objects.for_report(report).filter(action="submit").first()
    return entry.user if entry else None


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
    if not t.system:
        roles.require(by, name, t.label.lower())
    if name == "withdraw_submission" and last_submitter(report) != by:
        raise NotPermitted("Only the person who submitted it can take back this submission.")
    if name == "approve":
        if by.pk in submitter_ids(report):
            raise NotPermitted(
                "You submitted this draft, so another editor needs to approve it "
                "(the second pair of eyes)."
            )
        if by.pk in author_ids(report):
            raise NotPermitted(
                "You edited this draft, so another editor needs to approve it "
                "(the second pair of eyes)."
            )


def _check_post_publication_review(report, *, by):
    pending = PostPublicationReview.objects.pending().filter(edition__report=report)
    if not pending.exists():
        raise WorkflowError("No edition of this report is waiting for review after publication.")
    roles.require(by, POST_PUBLICATION_REVIEW, "review an edition after publication")
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
