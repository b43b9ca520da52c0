from django.conf import settings
from django.db import models
from django.db.models import Q

from .report import Report


class EditionQuerySet(models.QuerySet):
    def live(self):
        """Editions readers can see now."""
        return self.filter(is_live=True)


class Edition(models.Model):
    """An immutable snapshot of a report as it was published; public pages read only these."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveIntegerField()
    slug = models.SlugField(max_length=200, db_index=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    organisation = models.CharField(max_length=200)
    series = models.ForeignKey(
        "reports.Series", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    content = models.JSONField(
        default=dict, help_text="Structured content with the rendered HTML of every section."
    )
    change_note = models.TextField(blank=True)
    minor = models.BooleanField(default=False)
    is_live = models.BooleanField(default=False, db_index=True)
    published_at = models.DateTimeField()
    first_published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision of the report that was published in this edition.",
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="edition_number_unique"),
            models.UniqueConstraint(
                fields=["report"], condition=Q(is_live=True), name="one_live_edition_per_report"
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(is_live=True), name="live_edition_slug_unique"
            ),
        ]

    def __str__(self):
        return f"{self.title} (edition {self.number})"
