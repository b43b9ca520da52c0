"""How every move is made and recorded: the locked row, one revision, one audit-log entry."""

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from .. import checks, history
from ..errors import ChecksFailed, InvalidInput, WorkflowError
from ..models import ActionLog, Report
from .transitions import TRANSITIONS, check


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
