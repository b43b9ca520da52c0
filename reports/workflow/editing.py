"""The one way to change a report's content, whoever changes it: the admin form, the headline
workbench, media, imports, restore and recover all use `editing`."""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction

from .. import editions, roles
from ..errors import EditConflict, WorkflowError
from ..models import Report, Status
from ..timefmt import govuk_time
from .recording import lock, record
from .transitions import LIVE_STATES, after_edit


@dataclass
class Change:
    """A change of content in progress: the locked report, who changes it, and why."""

    report: Report | None
    by: object
    action: str
    comment: str
    from_status: str = Status.DRAFT
    discarded: bool = False
    entry: object = None  # the audit-log entry, once recorded

    def discard(self):
        """Record nothing: the block changed nothing (a form was invalid, say)."""
        self.discarded = True


# Locks the report's row (report None: the block creates one and sets change.report), refuses a
# scheduled report and an edit based on an older lock version, and yields a Change. On leaving the
# block it applies the workflow's consequences (in review or approved: back to draft; published,
# withdrawn or unpublished: a new draft edition), bumps lock_version, and writes one revision with
# one audit-log entry, all in one transaction. by=None is the command line, whose user already
# controls the site.
@contextmanager
def editing(report, *, by, action="edit", comment="", base_lock_version=None):
    """Change a report's content in the block, recorded as one revision and one audit entry."""
    if by is not None:
        if report is None:
            roles.require(by, "create")
        roles.require(by, action)
    with transaction.atomic():
        change = Change(lock(report) if report is not None else None, by, action, comment)
        if change.report is not None:
            _check_editable(change.report, base_lock_version)
            change.from_status = change.report.status
        yield change
        if change.discarded or change.report is None:
            return
        change.entry = _record(change, creating=report is None)
    if report is not None and change.entry is not None:
        report.status, report.lock_version = change.report.status, change.report.lock_version


def _check_editable(report, base_lock_version):
    if report.status == Status.SCHEDULED:
        plan = getattr(report, "schedule", None)
        when = f" at {govuk_time(plan.publish_at)}" if plan else ""
        raise WorkflowError(
            f"This report is scheduled to be published{when}, exactly as it was approved. "
            "Unschedule it to make changes; it will need another review."
        )
    if base_lock_version is not None and _int(base_lock_version) != report.lock_version:
        raise EditConflict(report, _int(base_lock_version))


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _record(change, *, creating):
    report, by = change.report, change.by
    if creating and by is not None and report.created_by_id is None:
        report.created_by = by
    report.status = Status.DRAFT if creating else after_edit(change.from_status, change.action)
    if report.status != Status.APPROVED:
        report.approved_revision = None
    report.lock_version += 1
    if by is not None:
        report.updated_by = by
    report.save()
    comment = change.comment.strip() or "Changed the report"
    note = _consequence(report, change.from_status)
    return record(
        report,
        change.action,
        by=by,
        comment=f"{comment.rstrip('.')}. {note}" if note else comment,
        from_status=change.from_status,
    )


def _consequence(report, from_status):
    """Return what the change did to the report's state, in words, or ""."""
    if from_status == report.status:
        return ""
    if from_status in LIVE_STATES:
        number = editions.next_number(report)
        return (
            f"Opened draft edition {number}; readers see the published edition until it is "
            "published"
        )
    if from_status == Status.APPROVED:
        return "It was approved, so it is a draft again and needs another review"
    return "It was in review, so it is a draft again: submit it when it is ready"
