"""Publishing at a chosen time: scheduling, and the runner that publishes due reports."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .. import editions, notifications
from ..errors import ChecksFailed, GovreportError, InvalidInput, NotPermitted
from ..models import Edition, Report, ScheduledPublication, Status
from .recording import (
    _begin,
    _change_note,
    _finish,
    _finish_publication,
    _passes_checks,
    _published_comment,
)

# The workflow's own logger, as before the module became a package.
logger = logging.getLogger(__package__)

LONDON = ZoneInfo("Europe/London")
SCHEDULE_LEAD_TIME = timedelta(minutes=5)


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
