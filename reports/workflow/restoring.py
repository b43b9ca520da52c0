"""Restoring an earlier revision as the new draft, and recovering a deleted report."""

from django.db import transaction

from .. import history
from ..errors import NotPermitted, WorkflowError
from ..models import Report, Status
from .recording import _begin, _record
from .transitions import CHANGE


def revert(report, version, *, by):
    """Make an earlier revision the new draft: one new revision; history and live page untouched."""
    with transaction.atomic():
        locked = _begin(report, "revert", by=by)
        if version.content_type.model_class() is not Report or int(version.object_id) != locked.pk:
            raise WorkflowError("That version belongs to another report.")
        # Status is set on purpose, never restored: the restored content is a draft to review,
        # and the live edition stays as it is until someone publishes again.
        restored = _record(
            locked,
            "revert",
            by=by,
            comment=history.restored_comment(version.revision),
            from_status=locked.status,
            change=lambda: history.restore(
                version.revision, locked.pk, status=Status.DRAFT, updated_by=by
            ),
        )
    report.status = restored.status
    return restored


@transaction.atomic
def recover(version, *, by):
    """Bring a deleted report back as a draft, with its sections, headline options and media."""
    if not (by.has_perm("reports.add_report") and by.has_perm(CHANGE)):
        raise NotPermitted("Only content designers and editors can recover deleted reports.")
    if version.content_type.model_class() is not Report:
        raise WorkflowError("That version is not a report.")
    if Report.objects.filter(pk=version.object_id).exists():
        raise WorkflowError("This report has not been deleted: restore a version from its history.")
    moment = history.describe_moment(version.revision.date_created)
    return _record(
        None,
        "recover",
        by=by,
        comment=f"Recovered after deletion: the version of {moment}",
        from_status=Status.DRAFT,
        change=lambda: history.restore(
            version.revision, version.object_id, status=Status.DRAFT, updated_by=by
        ),
    )
