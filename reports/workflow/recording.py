"""How every change is recorded: the locked row, one revision, one audit-log entry.

`record` is the only code in govreport that writes a reversion revision.
"""

import reversion
from django.utils import timezone

from .. import checks, history
from ..errors import ChecksFailed, WorkflowError
from ..models import ActionLog, Report, Status
from .transitions import TRANSITIONS, check

# States in which an approval still stands.
APPROVAL_HOLDS = frozenset({Status.APPROVED, Status.SCHEDULED})


def lock(report):
    """Return a fresh copy of the report with its row locked until the transaction ends."""
    return Report.objects.select_for_update().get(pk=report.pk)


def record(report, action, *, by, comment, from_status):
    """Write one revision of the whole report carrying one audit-log entry; return the entry.

    The report (saved by the caller) is added with everything it follows: its sections,
    headline options and media as they are now.
    """
    if reversion.is_active():
        raise RuntimeError("A report's change is recorded once: don't nest it in a revision.")
    with reversion.create_revision():
        reversion.add_to_revision(report)
        reversion.set_user(by)
        reversion.set_comment(comment)
        reversion.add_meta(
            ActionLog,
            report=report,
            report_title=report.title[:200],
            action=action,
            from_status=from_status,
            to_status=report.status,
            user=by,
            comment=comment,
            at=timezone.now(),
        )
    return ActionLog.objects.filter(report=report).latest("pk")


def begin(report, name, *, by):
    """Lock the report's row and check the move; return the locked copy."""
    locked = lock(report)
    check(locked, name, by=by)
    return locked


def finish(report, locked, name, *, by, comment):
    """Move the locked report to the transition's target state and record it; return the entry."""
    from_status = locked.status
    locked.status = TRANSITIONS[name].target
    if locked.status not in APPROVAL_HOLDS:
        locked.approved_revision = None
    locked.save(update_fields=["status", "approved_revision"])
    entry = record(locked, name, by=by, comment=comment, from_status=from_status)
    report.status = locked.status
    return entry


def passes_checks(report):
    """Refuse with the findings if the pre-publication checks find errors."""
    errors = checks.errors(report)
    if errors:
        raise ChecksFailed(errors)


def approved_content(report):
    """Refuse unless the report holds exactly the content its reviewer approved."""
    revision = report.approved_revision
    if revision is None or history.lock_version_in(revision, report.pk) != report.lock_version:
        raise WorkflowError(
            "This report changed after it was approved, so it needs another review before it "
            "is published. Return it to draft and submit it again, or publish without review "
            "(with a reason)."
        )


def live_edition(report):
    """Return the report's live edition, or refuse if it has none."""
    edition = report.editions.live().first()
    if edition is None:
        raise WorkflowError("This report has no live edition.")
    return edition


def finish_publication(report, locked, name, edition, *, by, comment):
    """Record a publication, and remember which revision readers now see."""
    entry = finish(report, locked, name, by=by, comment=comment)
    edition.revision_id = entry.revision_id
    edition.save(update_fields=["revision"])


def published_comment(edition):
    """Return the history's comment for publishing an edition."""
    if edition.minor:
        return f"Published edition {edition.number} (minor change)"
    if edition.change_note:
        return f"Published edition {edition.number}: {edition.change_note}"
    return f"Published edition {edition.number}"
