"""The editorial workflow: every change of a report's status happens here.

Each action locks the report row, checks the transition table and the user's role, changes the
state, and writes one reversion revision carrying one audit-log entry, all in one transaction.
Emails go out only once that transaction commits.

The package's modules: `transitions` (the table, roles and checks before a move), `recording`
(locking and recording a move), `actions`, `scheduling` and `restoring`. Use the names below,
as `workflow.publish(report, by=user)`.
"""

from .actions import (
    approve,
    complete_post_publication_review,
    force_publish,
    open_new_edition,
    publish,
    record_edit,
    reopen,
    request_changes,
    submit,
    unpublish,
    withdraw,
    withdraw_submission,
)
from .restoring import recover, revert
from .scheduling import (
    LONDON,
    SCHEDULE_LEAD_TIME,
    ScheduledResult,
    format_london,
    publish_due,
    schedule,
    unschedule,
)
from .transitions import (
    ALLOWED,
    CHANGE,
    DRAFT_STATES,
    EDITING_ACTIONS,
    LABELS,
    POST_PUBLICATION_REVIEW,
    PUBLISH,
    REVIEW,
    TRANSITIONS,
    WHO_MAY,
    Transition,
    available_actions,
    check,
    editor_ids,
    last_published_at,
    last_submitter,
    refusal,
    submitter_ids,
)

__all__ = [
    "ALLOWED",
    "CHANGE",
    "DRAFT_STATES",
    "EDITING_ACTIONS",
    "LABELS",
    "LONDON",
    "POST_PUBLICATION_REVIEW",
    "PUBLISH",
    "REVIEW",
    "SCHEDULE_LEAD_TIME",
    "TRANSITIONS",
    "WHO_MAY",
    "ScheduledResult",
    "Transition",
    "approve",
    "available_actions",
    "check",
    "complete_post_publication_review",
    "editor_ids",
    "force_publish",
    "format_london",
    "last_published_at",
    "last_submitter",
    "open_new_edition",
    "publish",
    "publish_due",
    "record_edit",
    "recover",
    "refusal",
    "reopen",
    "request_changes",
    "revert",
    "schedule",
    "submit",
    "submitter_ids",
    "unpublish",
    "unschedule",
    "withdraw",
    "withdraw_submission",
]
