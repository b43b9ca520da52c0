"""The editorial workflow: every change of a report's status happens here."""

import reversion
from django.db import transaction

from . import editions
from .models import Report, Status


@transaction.atomic
def publish(report, *, by, change_note="", minor=False):
    """Publish the report now: freeze it into the live edition readers see."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    with reversion.create_revision():
        edition = editions.create(report, by=by, change_note=change_note, minor=minor)
        report.status = Status.PUBLISHED
        report.save(update_fields=["status", "updated_at"])
        reversion.set_user(by)
        reversion.set_comment(change_note or "Published")
    return edition
