from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from markdownx.models import MarkdownxField

from .. import slugs


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNPUBLISHED = "unpublished", "Unpublished"


class Series(models.Model):
    name = models.CharField(
        max_length=200,
        unique=True,
        help_text='The name readers see, for example "Government Digital Strategy quarterly '
        'progress report". Reports in a series link to the previous and next one.',
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Used in the public index filter."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name


class ReportQuerySet(models.QuerySet):
    def in_review(self):
        """Reports waiting for an editor's decision, longest waiting first."""
        return self.filter(status=Status.IN_REVIEW).order_by("updated_at", "pk")

    def approved(self):
        """Reports approved and waiting for a publisher, longest waiting first."""
        return self.filter(status=Status.APPROVED).order_by("updated_at", "pk")

    def scheduled(self):
        """Reports scheduled for publication, soonest first, with their schedule."""
        return (
            self.filter(status=Status.SCHEDULED)
            .select_related("schedule", "schedule__scheduled_by")
            .order_by("schedule__publish_at", "pk")
        )

    def drafts_of(self, user):
        """Drafts the user created, worked on or submitted (with those sent back for changes)."""
        from .workflow import ActionLog

        worked_on = (
            ActionLog.objects.filter(Q(action__in=ActionLog.AUTHORING) | Q(action="submit"))
            .filter(user=user)
            .values("report_id")
        )
        return (
            self.filter(status__in=[Status.DRAFT, Status.CHANGES_REQUESTED])
            .filter(Q(created_by=user) | Q(pk__in=worked_on))
            .order_by("-updated_at", "pk")
        )

    def with_review_request(self):
        """Annotate each report with the latest request for changes: its comment, who, when."""
        from .workflow import ActionLog

        latest = ActionLog.objects.filter(
            report=models.OuterRef("pk"), action="request_changes"
        ).order_by("-at", "-pk")
        return self.annotate(
            changes_comment=models.Subquery(latest.values("comment")[:1]),
            changes_by_id=models.Subquery(latest.values("user")[:1]),
            changes_at=models.Subquery(latest.values("at")[:1]),
        )

    def reviewable_by(self, user):
        """Reports in review that the user may approve: they neither submitted nor authored them."""
        from .edition import Edition
        from .workflow import ActionLog

        last_published = (
            Edition.objects.filter(report=models.OuterRef("report_id"))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        own = (
            ActionLog.objects.filter(report=models.OuterRef("pk"), user=user)
            .filter(Q(action="submit") | Q(action__in=ActionLog.AUTHORING))
            .annotate(since=models.Subquery(last_published))
            .filter(Q(since__isnull=True) | Q(at__gt=models.F("since")))
        )
        return self.in_review().exclude(models.Exists(own))


class Report(models.Model):
    title = models.CharField(
        max_length=200,
        help_text="The working title. Readers see the chosen headline option if there is one. "
        "GOV.UK titles should be 65 characters or fewer.",
    )
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The last part of the public address: /reports/<slug>/. Changing it after "
        "publication breaks links people have shared.",
    )
    summary = models.TextField(
        blank=True,
        help_text="One or two sentences shown under the title and in search results. "
        "Aim for 160 characters or fewer.",
    )
    organisation = models.CharField(
        max_length=200,
        default="Government Digital Service",
        help_text="The organisation publishing the report, shown as \u201cFrom\u201d.",
    )
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text="Reports in the same series are listed together and link to each other.",
    )
    period_start = models.DateField(
        null=True, blank=True, help_text="First day of the period the report covers."
    )
    period_end = models.DateField(
        null=True, blank=True, help_text="Last day of the period the report covers."
    )
    editorial_notes = models.TextField(
        blank=True,
        help_text="Notes for the editorial team, one per paragraph. Never published.",
    )
    status = models.CharField(
        max_length=20, choices=Status, default=Status.DRAFT, editable=False, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    approved_revision = models.ForeignKey(
        "reversion.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The revision the reviewer read and approved. Only that content can be "
        "published without a force publish.",
    )

    lock_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up by one with every save; a save based on an older number is refused "
        "so that no one's edit is silently overwritten.",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-created_at"]
        permissions = [
            ("review_report", "Can approve a report or request changes"),
            ("publish_report", "Can publish, schedule, withdraw or unpublish a report"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_it_starts",
                violation_error_message="The period must end on or after the day it starts.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.slug})

    def chosen_headline(self):
        """Return the chosen headline option, or None."""
        return next((h for h in self.headline_options.all() if h.chosen), None)

    def display_title(self):
        """Return the title readers see: the chosen headline, else the working title."""
        chosen = self.chosen_headline()
        return chosen.text if chosen else self.title

    def is_frozen(self):
        """Return True while scheduled: what was approved goes live, so nobody may edit it."""
        return self.status == Status.SCHEDULED

    @staticmethod
    def unique_slug(text, *, exclude_pk=None):
        """Return a slug for text that no other report uses ("title", "title-2", ...)."""
        others = Report.objects.exclude(pk=exclude_pk)
        return slugs.free_slug(text, others, max_length=180, fallback="report")


def renderable(text):
    """Refuse a body too long, or whose HTML nests too deep, to be rendered (RENDER_MAX_*)."""
    from ..errors import RenderRefused
    from ..rendering import check_length, check_nesting

    try:
        check_length(text)
        check_nesting(text)
    except RenderRefused as refusal:
        raise ValidationError(str(refusal), code="unrenderable") from None


class Section(models.Model):
    class Kind(models.TextChoices):
        INTRO = "intro", "Introduction"
        SUMMARY = "summary", "Summary list"
        BODY = "body", "Body"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(
        default=0, help_text="Order on the page. Use the move buttons rather than typing numbers."
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind,
        default=Kind.BODY,
        help_text="The introduction and summary list come before the numbered body sections.",
    )
    heading = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown in the contents list. Body sections need a heading.",
    )
    anchor = models.SlugField(
        max_length=100,
        help_text="The #fragment that links to this section. Keep it stable after publication.",
    )
    body = MarkdownxField(
        blank=True,
        validators=[renderable],
        help_text="Markdown. Place media with shortcodes such as [Image: slug] on a line of "
        "their own; the media library lists them.",
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "anchor"],
                name="section_anchor_unique_in_report",
                violation_error_message="Another section of this report already uses this anchor.",
            )
        ]

    def __str__(self):
        return self.heading or self.get_kind_display()


class HeadlineOptionQuerySet(models.QuerySet):
    def current(self):
        """Options still in the running: not retired."""
        return self.filter(retired=False)

    def retired(self):
        """Options taken out of the running; kept for the record."""
        return self.filter(retired=True)


class HeadlineOption(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="headline_options")
    text = models.CharField(
        max_length=200,
        help_text="A candidate headline, as readers would see it. GOV.UK titles should be "
        "65 characters or fewer and put the most important words first.",
    )
    notes = models.TextField(blank=True, help_text="Why this option: its angle, its audience.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    chosen = models.BooleanField(
        default=False,
        editable=False,
        help_text="The chosen option becomes the report's title in the next edition. "
        "Only one option can be chosen; choose it in the headline workbench.",
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chosen_at = models.DateTimeField(null=True, blank=True, editable=False)
    chosen_reason = models.TextField(
        blank=True, editable=False, help_text="Why this option was chosen, in the chooser's words."
    )
    preferred = models.BooleanField(
        default=False,
        editable=False,
        help_text="The authors' preferred option, suggested to the editor who chooses. "
        "Mark it in the headline workbench.",
    )
    retired = models.BooleanField(
        default=False,
        editable=False,
        help_text="Retired options are out of the running but stay in the report's history.",
    )
    retired_at = models.DateTimeField(null=True, blank=True, editable=False)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = HeadlineOptionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        permissions = [
            ("vote_headlineoption", "Can vote for headline options"),
            ("choose_headlineoption", "Can choose the headline a report is published with"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(chosen=True),
                name="one_chosen_headline_per_report",
                violation_error_message="Only one headline option can be chosen.",
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(preferred=True),
                name="one_preferred_headline_per_report",
                violation_error_message="Only one headline option can be preferred.",
            ),
            models.CheckConstraint(
                condition=~Q(chosen=True, retired=True),
                name="chosen_headline_is_not_retired",
                violation_error_message="A retired headline option cannot be the chosen one.",
            ),
        ]

    def __str__(self):
        return self.text
