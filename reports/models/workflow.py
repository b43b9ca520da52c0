"""The editorial workflow's records: the audit log, schedules, removals and preview links."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .edition import Edition
from .report import Report, Status


class ActionLogQuerySet(models.QuerySet):
    def for_report(self, report):
        """The report's workflow history, newest first."""
        return self.filter(report=report).order_by("-at", "-pk")

    def authoring(self):
        """Entries for changes that make their user an author of the draft."""
        return self.filter(action__in=ActionLog.AUTHORING)


class ActionLog(models.Model):
    """One workflow action: who did what, when, from which state to which, and why."""

    report = models.ForeignKey(
        Report, null=True, on_delete=models.SET_NULL, related_name="workflow_actions"
    )
    report_title = models.CharField(max_length=200, help_text="The title when it happened.")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, choices=Status)
    to_status = models.CharField(max_length=20, choices=Status)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when govreport acted on its own, for example a scheduled publication.",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    comment = models.TextField(blank=True)
    # The revision written with the action (a reversion meta row); kept if revisions are pruned.
    revision = models.ForeignKey(
        "reversion.Revision", null=True, on_delete=models.SET_NULL, related_name="workflow_actions"
    )

    # Changes of content that make their user an author: an author may not approve the draft.
    # Choosing a headline is part of reviewing, so it is not among them.
    AUTHORING = frozenset(
        {
            "create", "edit", "import", "revert", "recover", "add_headline", "edit_headline",
            "prefer_headline", "add_media", "change_media", "delete_media",
            # Recorded before every change went through one write path.
            "open_new_edition", "reopen",
        }
    )  # fmt: skip

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "workflow action"

    def __str__(self):
        return f"{self.report_title}: {self.action} ({self.from_status} \u2192 {self.to_status})"


class ScheduledPublication(models.Model):
    """When a scheduled report goes live, and the change note it goes live with."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="schedule")
    publish_at = models.DateTimeField(db_index=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_note = models.TextField(blank=True)
    minor = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["publish_at"]

    def __str__(self):
        return f"{self.report} at {self.publish_at:%Y-%m-%d %H:%M}"


class PostPublicationReviewQuerySet(models.QuerySet):
    def pending(self):
        """Editions published without review that nobody has reviewed yet."""
        return self.filter(completed_at__isnull=True)


class PostPublicationReview(models.Model):
    """An edition published without review, waiting for someone else to review it."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="post_publication_review"
    )
    reason = models.TextField(help_text="Why it was published without review.")
    overridden_checks = models.TextField(
        blank=True, help_text="The pre-publication check errors the publisher overrode."
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)

    objects = PostPublicationReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-edition__published_at"]

    def __str__(self):
        return f"Published without review: {self.reason}"

    def is_pending(self):
        """Return True until someone has reviewed the edition."""
        return self.completed_at is None


class Unpublishing(models.Model):
    """How a published edition was taken down: withdrawn with a notice, or removed."""

    class Kind(models.TextChoices):
        WITHDRAWN = "withdrawn", "Withdrawn"
        UNPUBLISHED = "unpublished", "Unpublished"

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="unpublishing")
    kind = models.CharField(max_length=12, choices=Kind)
    explanation = models.TextField(
        blank=True, help_text="Shown to readers in the withdrawal notice."
    )
    redirect_url = models.CharField(
        max_length=500,
        blank=True,
        help_text="Where readers of the unpublished page are sent. Leave it empty to tell "
        "them the page is gone.",
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.edition} ({self.get_kind_display()})"

    def is_withdrawal(self):
        """Return True if the page stays up with a withdrawal notice."""
        return self.kind == self.Kind.WITHDRAWN


class PreviewLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """Links that have not expired or been revoked."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class PreviewLink(models.Model):
    """A signed, expiring link that shows a draft edition to someone without an account."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="preview_links")
    edition_number = models.PositiveIntegerField(
        help_text="The draft edition the link shows; it stops working once that is published."
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who the link is for, for example "
        "\u201cMinister\u2019s office, fact check\u201d.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="preview_link_expires_after_creation",
            )
        ]

    def __str__(self):
        return self.note or f"Preview of {self.report}"

    def is_active(self, now=None):
        """Return True if the link has neither expired nor been revoked."""
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class PreviewVisit(models.Model):
    """One visit to a preview link; nothing about the visitor beyond a short user agent."""

    link = models.ForeignKey(PreviewLink, on_delete=models.CASCADE, related_name="visits")
    at = models.DateTimeField(default=timezone.now)
    user_agent = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.link} at {self.at:%Y-%m-%d %H:%M}"
