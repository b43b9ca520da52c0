from datetime import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .report import Report

# The shape of Edition.content; bump it when the shape changes and keep reading old editions.
CONTENT_SCHEMA = 1


class EditionQuerySet(models.QuerySet):
    def live(self):
        """Editions readers can see now."""
        return self.filter(is_live=True)

    def listing(self):
        """Live editions for the index, newest first, without their heavy content."""
        return (
            self.live()
            .select_related("series", "unpublishing")
            .defer("content")
            .order_by("-first_published_at", "-pk")
        )

    def neighbours(self, edition):
        """The live editions just before and after edition in its series, in one query."""
        if edition.series_id is None:
            return self.none()
        fields = ["slug", "title", "sort_date", "published_at"]
        siblings = self.live().filter(series_id=edition.series_id).exclude(pk=edition.pk)
        before = siblings.filter(
            Q(sort_date__lt=edition.sort_date) | Q(sort_date=edition.sort_date, pk__lt=edition.pk)
        ).order_by("-sort_date", "-pk")
        after = siblings.filter(
            Q(sort_date__gt=edition.sort_date) | Q(sort_date=edition.sort_date, pk__gt=edition.pk)
        ).order_by("sort_date", "pk")
        return (
            self.filter(Q(pk__in=before.values("pk")[:1]) | Q(pk__in=after.values("pk")[:1]))
            .only(*fields)
            .order_by("sort_date", "pk")
        )


class Edition(models.Model):
    """An immutable snapshot of a report as it was published; public pages read only these."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="editions")
    number = models.PositiveIntegerField()
    slug = models.SlugField(max_length=200, db_index=True)
    title = models.CharField(max_length=200, help_text="The chosen headline, else the title.")
    summary = models.TextField(blank=True)
    organisation = models.CharField(max_length=200)
    series = models.ForeignKey(
        "reports.Series", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    sort_date = models.DateField(
        help_text="Orders the series: the period's first day, else the first publication day."
    )
    content = models.JSONField(
        default=dict,
        help_text="Frozen structured content: rendered sections, media references and the "
        "update history (schema in README.md).",
    )
    change_note = models.TextField(blank=True)
    minor = models.BooleanField(
        default=False, help_text="Minor changes (typos) do not change “Last updated”."
    )
    is_live = models.BooleanField(default=False, db_index=True)
    published_at = models.DateTimeField()
    first_published_at = models.DateTimeField()
    public_updated_at = models.DateTimeField(
        help_text="When readers were last told of a change: the last major edition."
    )
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
        indexes = [
            models.Index(
                fields=["series", "sort_date"],
                condition=Q(is_live=True),
                name="live_edition_series_order",
            ),
            models.Index(
                fields=["-first_published_at"],
                condition=Q(is_live=True),
                name="live_edition_newest_first",
            ),
        ]

    def __str__(self):
        return f"{self.title} (edition {self.number})"

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.slug})

    @property
    def sections(self):
        """The frozen sections, each with kind, heading, anchor, number and html."""
        return self.content.get("sections", [])

    @property
    def contents(self):
        """The sections listed in the contents: those with a heading."""
        return [s for s in self.sections if s.get("heading")]

    @property
    def history(self):
        """The public update history, newest first, with datetimes."""
        return [
            {**entry, "published_at": datetime.fromisoformat(entry["published_at"])}
            for entry in self.content.get("history", [])
        ]

    @property
    def withdrawal(self):
        """The edition's withdrawal (explanation and date) if it was withdrawn, else None."""
        try:
            unpublishing = self.unpublishing
        except ObjectDoesNotExist:
            return None
        return unpublishing if unpublishing.is_withdrawal() else None

    @property
    def series_name(self):
        """The series name as it was when published."""
        return (self.content.get("series") or {}).get("name", "")
