"""The soft "someone else is editing" warning: who opened a report's editor and has not saved.

Refusing a save based on an older version is `workflow.editing`'s job (lock_version); the admin
shows such a conflict with `reports.admin.conflicts`.
"""

from datetime import timedelta

from django.utils import timezone

from .models import EditingSession

EDITING_WINDOW = timedelta(minutes=30)


def record_opened(report, user):
    """Note that user opened the report's editor now."""
    EditingSession.objects.update_or_create(
        report=report, user=user, defaults={"opened_at": timezone.now()}
    )


def record_saved(report, user):
    """Note that user saved the report now, or left the editor by taking a workflow action."""
    now = timezone.now()
    EditingSession.objects.update_or_create(
        report=report,
        user=user,
        defaults={"saved_at": now},
        create_defaults={"opened_at": now, "saved_at": now},
    )


def others_editing(report, user):
    """Sessions of other people who opened the editor recently and have not saved since."""
    since = timezone.now() - EDITING_WINDOW
    return (
        EditingSession.objects.unsaved_since(since)
        .filter(report=report)
        .exclude(user=user)
        .select_related("user")
        .order_by("-opened_at")
    )
