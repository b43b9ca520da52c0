"""The editorial workflow: every change of a report's status happens here."""

import logging

import reversion
from django.db import transaction

from . import editions
from .models import Report, Status

logger = logging.getLogger(__name__)


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


# Restoring and recovering revisions (issue #6). Self-contained: the lead merges this block.


@transaction.atomic
def revert(report, version, *, by):
    """Make an earlier revision the new draft: a new revision; history and live page untouched."""
    from django.contrib.contenttypes.models import ContentType

    from . import history
    from .errors import NotPermitted, WorkflowError

    report = Report.objects.select_for_update().get(pk=report.pk)
    if not by.has_perm("reports.change_report"):
        raise NotPermitted("You do not have permission to restore earlier versions of reports.")
    if version.content_type_id != ContentType.objects.get_for_model(Report).pk or str(
        version.object_id
    ) != str(report.pk):
        raise WorkflowError("That version belongs to another report.")
    # Status is set on purpose, never restored: the restored content is a draft to be reviewed,
    # and the live edition stays as it is until someone publishes again.
    with reversion.create_revision():
        report = history.restore(version.revision, report.pk, status=Status.DRAFT, updated_by=by)
        reversion.set_user(by)
        reversion.set_comment(history.restored_comment(version.revision))
    logger.info("Report %s: restored revision %s (user %s)", report.pk, version.revision_id, by.pk)
    return report


@transaction.atomic
def recover(version, *, by):
    """Bring a deleted report back as a draft, with its sections, headline options and media."""
    from . import history
    from .errors import NotPermitted, WorkflowError

    if not (by.has_perm("reports.add_report") and by.has_perm("reports.change_report")):
        raise NotPermitted("You do not have permission to recover deleted reports.")
    if version.content_type.model_class() is not Report:
        raise WorkflowError("That version is not a report.")
    if Report.objects.filter(pk=version.object_id).exists():
        raise WorkflowError("This report has not been deleted: restore a version from its history.")
    with reversion.create_revision():
        report = history.restore(
            version.revision, version.object_id, status=Status.DRAFT, updated_by=by
        )
        reversion.set_user(by)
        reversion.set_comment(
            f"Recovered after deletion: the version of "
            f"{history.describe_moment(version.revision.date_created)}"
        )
    logger.info(
        "Report %s: recovered from revision %s (user %s)", report.pk, version.revision_id, by.pk
    )
    return report
