"""Publishing at a chosen time: scheduling, and the runner that publishes due reports."""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .. import editions, notifications
from ..errors import ChecksFailed, GovreportError, NotPermitted
from ..models import Edition, Report, ScheduledPublication, Status
from ..timefmt import govuk_time
from . import inputs
from .recording import (
    approved_content,
    begin,
    finish,
    finish_publication,
    passes_checks,
    published_comment,
)

# The workflow's own logger, as before the module became a package.
logger = logging.getLogger(__package__)


@transaction.atomic
def schedule(report, *, by, at, change_note="", minor=False):
    """Publish an approved edition automatically at a future time."""
    locked = begin(report, "schedule", by=by)
    approved_content(locked)
    at = inputs.publish_time(at)
    note = inputs.change_note(locked, change_note, minor)
    passes_checks(locked)
    ScheduledPublication.objects.update_or_create(
        report=locked,
        defaults={"publish_at": at, "scheduled_by": by, "change_note": note, "minor": minor},
    )
    finish(report, locked, "schedule", by=by, comment=f"Scheduled for {govuk_time(at)}")


@transaction.atomic
def unschedule(report, *, by, comment=""):
    """Cancel a scheduled publication; the edition stays approved."""
    locked = begin(report, "unschedule", by=by)
    ScheduledPublication.objects.filter(report=locked).delete()
    finish(report, locked, "unschedule", by=by, comment=comment.strip() or "Unscheduled")


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
    locked = begin(report, "publish_scheduled", by=publisher)
    approved_content(locked)
    passes_checks(locked)
    edition = editions.create(locked, by=publisher, change_note=plan.change_note, minor=plan.minor)
    ScheduledPublication.objects.filter(report=locked).delete()
    comment = f"{published_comment(edition)}, as scheduled for {govuk_time(plan.publish_at)}"
    finish_publication(report, locked, "publish_scheduled", edition, by=publisher, comment=comment)
    return edition


def _schedule_failed(report, publisher, error):
    locked = begin(report, "schedule_failed", by=None)
    ScheduledPublication.objects.filter(report=locked).delete()
    reason = str(error) if isinstance(error, GovreportError) else "an unexpected error"
    comment = f"Scheduled publication failed: {reason}. It is approved again."
    finish(report, locked, "schedule_failed", by=None, comment=comment)
    if isinstance(error, ChecksFailed):
        # Findings may quote the draft, which emails never carry.
        n = len(error.findings)
        reason = f"pre-publication checks found {n} error{'s' if n != 1 else ''}"
    notifications.scheduled_failed(report, publisher=publisher, reason=reason)
