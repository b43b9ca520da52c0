from django.db import models

from .report import Report, Section


class MediaItem(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        VIDEO = "video", "Video"
        CHART = "chart", "Chart"
        ATTACHMENT = "attachment", "Attachment"
        PLACEHOLDER = "placeholder", "Placeholder"

    class Alignment(models.TextChoices):
        INLINE = "inline", "Inline"
        PULL_RIGHT = "pull-right", "Pull right"
        FULL_WIDTH = "full-width", "Full width"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="media")
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="media",
        help_text="The section this item belongs to, if any.",
    )
    kind = models.CharField(max_length=12, choices=Kind)
    slug = models.SlugField(
        max_length=100,
        help_text="Used in shortcodes such as [Image: slug]. Unique within the report.",
    )
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(
        max_length=200, blank=True, help_text="Required for videos, charts and attachments."
    )
    alt_text = models.CharField(
        max_length=500,
        blank=True,
        help_text="Describe what the image shows for people who cannot see it. "
        "Required unless the image is decorative.",
    )
    decorative = models.BooleanField(
        default=False, help_text="Decorative images carry no information and have empty alt text."
    )
    caption = models.TextField(blank=True, help_text="Shown beneath the item.")
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made it, for example \u00a9 Crown copyright."
    )
    alignment = models.CharField(max_length=12, choices=Alignment, default=Alignment.INLINE)
    file = models.FileField(upload_to="reports/media/%Y/%m/", blank=True)
    url = models.URLField(
        max_length=500,
        blank=True,
        help_text="The video address, or where an image came from.",
    )
    captions_url = models.URLField(
        max_length=500, blank=True, help_text="A transcript or captions for a video."
    )
    description = models.TextField(
        blank=True, help_text="For a placeholder: what media is still to come."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "media item"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "slug"],
                name="media_slug_unique_in_report",
                violation_error_message="Another media item of this report already uses this slug.",
            )
        ]

    def __str__(self):
        return self.title or self.description or self.slug

    def shortcode(self):
        """Return the shortcode that places this item in a section body."""
        return f"[{self.get_kind_display()}: {self.slug}]"

    def is_placeholder(self):
        """Return True if this item still waits for its media."""
        return self.kind == self.Kind.PLACEHOLDER
