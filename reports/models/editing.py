from django.conf import settings
from django.db import models

from .report import Report


class EditingSessionQuerySet(models.QuerySet):
    def unsaved_since(self, moment):
        """Sessions opened after moment whose editor has not saved since opening."""
        return self.filter(opened_at__gte=moment).exclude(saved_at__gte=models.F("opened_at"))


class EditingSession(models.Model):
    """Who opened a report's editor and when they last saved it, for the soft editing warning."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="editing_sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField()
    saved_at = models.DateTimeField(null=True, blank=True)

    objects = EditingSessionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "user"], name="one_editing_session_per_user")
        ]

    def __str__(self):
        return f"{self.user} editing {self.report}"
