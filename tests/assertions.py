"""Domain assertions shared by test modules."""

from django.contrib.contenttypes.models import ContentType
from reversion.models import Revision, Version

from reports.models import Report


def revision_mark():
    """Return a marker of the revisions written so far, for assert_single_revision(since=...)."""
    return Revision.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def assert_single_revision(report, *, by, comment=None, since=None, logged=False):
    """Assert one revision of the whole report was written (after since), by by, with comment.

    Without since, the report must have exactly one revision in all. With since, exactly one
    revision (of any object) was written after the marker, and it is of this report. The
    revision must hold the report and every section, headline option and media item it has now.
    With logged, the revision must also have exactly one audit-log entry (a workflow action) by
    the same user: `revision.workflow_actions.get()` returns it. Returns the revision.
    """
    report_type = ContentType.objects.get_for_model(Report)
    revisions = Revision.objects.filter(
        version__content_type=report_type, version__object_id=str(report.pk)
    )
    if since is not None:
        written = list(Revision.objects.filter(pk__gt=since))
        assert len(written) == 1, f"expected one new revision, found {len(written)}: {written}"
        revisions = revisions.filter(pk__gt=since)
    revisions = list(revisions)
    assert len(revisions) == 1, f"expected one revision of {report!r}, found {len(revisions)}"
    revision = revisions[0]
    assert revision.user == by, f"revision by {revision.user!r}, expected {by!r}"
    if comment is not None:
        assert revision.comment == comment, f"comment {revision.comment!r} != {comment!r}"
    held = set(Version.objects.filter(revision=revision).values_list("content_type", "object_id"))
    expected = {(report_type.pk, str(report.pk))}
    for related in (report.sections, report.headline_options, report.media):
        content_type = ContentType.objects.get_for_model(related.model)
        expected |= {(content_type.pk, str(pk)) for pk in related.values_list("pk", flat=True)}
    missing = expected - held
    assert not missing, f"revision lacks parts of the report: {missing}"
    if logged:
        entries = list(revision.workflow_actions.all())
        assert len(entries) == 1, f"expected one audit-log entry, found {len(entries)}"
        assert entries[0].user == by, f"logged as {entries[0].user!r}, expected {by!r}"
    return revision
