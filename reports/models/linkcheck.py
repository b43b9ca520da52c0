from http import HTTPStatus

from django.db import models


class LinkCheck(models.Model):
    """The last result of checking an external link, written by `manage.py check_links`."""

    url = models.CharField(max_length=2000, unique=True)
    status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status of the last check, if it got a response."
    )
    error = models.CharField(
        max_length=200, blank=True, help_text="Why the last check got no response, if it failed."
    )
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = "link check"
        ordering = ["url"]

    def __str__(self):
        return f"{self.url}: {self.describe()}"

    def is_broken(self):
        """Return True if the link failed: an error, or a 4xx or 5xx response."""
        return bool(self.error) or (self.status_code or 0) >= 400

    def describe(self):
        """Return the result in plain English, such as "404 Not Found" or "timed out"."""
        if self.error:
            return self.error
        try:
            return f"{self.status_code} {HTTPStatus(self.status_code).phrase}"
        except ValueError:
            return f"status {self.status_code}"
