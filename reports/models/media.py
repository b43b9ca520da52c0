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

    class ChartType(models.TextChoices):
        BAR = "bar", "Bar (vertical columns)"
        HORIZONTAL_BAR = "horizontal-bar", "Horizontal bar"
        STACKED_BAR = "stacked-bar", "Stacked bar"
        LINE = "line", "Line"

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
    file = models.FileField(
        upload_to="reports/media/%Y/%m/",
        max_length=255,
        blank=True,
        help_text="An image (JPEG, PNG, GIF or WebP) or an attachment (PDF, CSV, ODS or DOCX). "
        "Location and camera details are removed from images when they are saved.",
    )
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
    chart_type = models.CharField(
        max_length=20,
        choices=ChartType,
        blank=True,
        help_text="For a chart: how the data is drawn. Use a line for values over time, "
        "horizontal bars for long labels.",
    )
    chart_data = models.TextField(
        blank=True,
        help_text="For a chart: a CSV table. The first row names the columns; the first column "
        "holds the labels (for example months) and each further column one series of numbers.",
    )
    value_axis_label = models.CharField(
        max_length=100,
        blank=True,
        help_text='For a chart: what the numbers measure, for example "Visits (millions)". '
        "Without it, the name of the only series is used.",
    )
    width = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Width of the uploaded image in pixels."
    )
    height = models.PositiveIntegerField(
        null=True, blank=True, editable=False, help_text="Height of the uploaded image in pixels."
    )
    file_type = models.CharField(
        max_length=10,
        blank=True,
        editable=False,
        help_text="The type found in the file's content, for example PDF or PNG.",
    )
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(null=True, blank=True, editable=False)
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

    def needs_transcript(self):
        """Return True for a video without the transcript or captions link readers need."""
        return self.kind == self.Kind.VIDEO and not self.captions_url

    def needs_upload(self):
        """Return True for an image known only by an outside address, which is never served."""
        return self.kind == self.Kind.IMAGE and not self.file


class Rendition(models.Model):
    """A resized copy of an uploaded image, made once and reused by every page that shows it."""

    item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="renditions")
    source = models.CharField(
        max_length=255, help_text="Storage name of the image this was made from."
    )
    format = models.CharField(max_length=10)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    file = models.FileField(upload_to="reports/renditions/%Y/%m/", max_length=255)

    class Meta:
        ordering = ["format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "source", "format", "width"], name="one_rendition_per_size"
            )
        ]

    def __str__(self):
        return f"{self.item.slug} {self.width}px {self.format}"
