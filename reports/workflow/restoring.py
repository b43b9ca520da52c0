"""Restoring an earlier revision as the new draft, and recovering a deleted report."""

from .. import history
from ..errors import WorkflowError
from ..models import Report, Status
from ..timefmt import govuk_time
from .editing import editing


def revert(report, version, *, by):
    """Make an earlier revision the new draft: one new revision; history and live page untouched."""
    if version.content_type.model_class() is not Report or int(version.object_id) != report.pk:
        raise WorkflowError("That version belongs to another report.")
    comment = history.restored_comment(version.revision)
    with editing(report, by=by, action="revert", comment=comment) as change:
        # Lifecycle fields keep their values: the restored content is a draft to review, and the
        # live edition stays as it is until someone publishes again.
        change.report = history.restore(version.revision, report.pk)
    return change.report


def recover(version, *, by):
    """Bring a deleted report back as a draft, with its sections, headline options and media."""
    if version.content_type.model_class() is not Report:
        raise WorkflowError("That version is not a report.")
    if Report.objects.filter(pk=version.object_id).exists():
        raise WorkflowError("This report has not been deleted: restore a version from its history.")
    moment = govuk_time(version.revision.date_created)
    comment = f"Recovered after deletion: the version of {moment}"
    with editing(None, by=by, action="recover", comment=comment) as change:
        change.report = history.restore(
            version.revision, version.object_id, status=Status.DRAFT, approved_revision=None
        )
    return change.report
