"""The editorial workflow: every change of a report's status or content happens here.

`editing` is the one way to change a report's content; the actions move it between states.
Each locks the report row, checks the user's role (reports.roles), and writes one reversion
revision carrying one audit-log entry, all in one transaction. Emails go out only once that
transaction commits.

The package's modules: `transitions` (the table and checks before a move), `recording` (locking
and recording), `editing`, `inputs` (the values people give actions), `actions`, `scheduling`
and `restoring`. Use the names below, as `workflow.publish(report, by=user)`.
"""

from .actions import (
    approve,
    complete_post_publication_review,
    force_publish,
    open_new_edition,
    publish,
    request_changes,
    return_to_draft,
    submit,
    unpublish,
    withdraw,
    withdraw_submission,
)
from .editing import Change, editing
from .restoring import recover, revert
from .scheduling import ScheduledResult, publish_due, schedule, unschedule
from .transitions import (
    ALLOWED,
    DRAFT_STATES,
    LABELS,
    LIVE_STATES,
    POST_PUBLICATION_REVIEW,
    TRANSITIONS,
    Transition,
    author_ids,
    available_actions,
    check,
    last_published_at,
    last_submitter,
    refusal,
    submitter_ids,
)

__all__ = [
    "ALLOWED",
    "DRAFT_STATES",
    "LABELS",
    "LIVE_STATES",
    "POST_PUBLICATION_REVIEW",
    "TRANSITIONS",
    "Change",
    "ScheduledResult",
    "Transition",
    "approve",
    "author_ids",
    "available_actions",
    "check",
    "complete_post_publication_review",
    "editing",
    "force_publish",
    "last_published_at",
    "last_submitter",
    "open_new_edition",
    "publish",
    "publish_due",
    "recover",
    "refusal",
    "request_changes",
    "return_to_draft",
    "revert",
    "schedule",
    "submit",
    "submitter_ids",
    "unpublish",
    "unschedule",
    "withdraw",
    "withdraw_submission",
]
