"""Discussion of headline options: editors' votes and everyone's comments."""

from django.conf import settings
from django.db import models

from .report import HeadlineOption


class HeadlineVote(models.Model):
    """An editor's vote for a headline option; the tally helps, the chooser decides."""

    option = models.ForeignKey(HeadlineOption, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "headline vote"
        constraints = [
            models.UniqueConstraint(
                fields=["option", "user"],
                name="one_vote_per_editor_per_headline",
                violation_error_message="You have already voted for this option.",
            )
        ]

    def __str__(self):
        return f"{self.user} for \u201c{self.option}\u201d"


class HeadlineComment(models.Model):
    """A remark on a headline option. Comments are never edited, so the discussion stays honest."""

    option = models.ForeignKey(HeadlineOption, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(help_text="Your comment on this headline option.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "headline comment"

    def __str__(self):
        return self.text[:60]
