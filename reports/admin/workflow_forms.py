"""The small forms behind each workflow action page; each returns the action's keyword arguments."""

from django import forms

from reports import history, previews
from reports.models import HeadlineOption

_text = forms.Textarea(attrs={"rows": 3, "cols": 60})


class ActionForm(forms.Form):
    """A workflow action's form; some need the report they act on."""

    def __init__(self, *args, report=None, **kwargs):
        self.report = report
        super().__init__(*args, **kwargs)


class CommentForm(ActionForm):
    comment = forms.CharField(
        required=False,
        widget=_text,
        label="Comment (optional)",
        help_text="Kept in the report\u2019s history for the team. Never published.",
    )

    def action_kwargs(self):
        return {"comment": self.cleaned_data["comment"]}


class RequestChangesForm(CommentForm):
    comment = forms.CharField(
        widget=_text,
        label="What needs to change",
        help_text="The authors see this in the report\u2019s history. Never published.",
    )


class HeadlineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.text + (" (the authors\u2019 preferred option)" if obj.preferred else "")


class ApproveForm(CommentForm):
    """Approve what the reviewer read, optionally choosing the headline at the same time."""

    seen = forms.IntegerField(widget=forms.HiddenInput)
    headline = HeadlineChoiceField(
        queryset=HeadlineOption.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Approve with this headline",
        help_text="Readers see it as the report\u2019s title. Choosing is part of your review: "
        "you can still approve.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = self.report.headline_options.current()
        self.initial["seen"] = self.initial.get("seen") or history.latest_revision_id(
            self.report.pk
        )
        if options.exists():
            self.fields["headline"].queryset = options
            self.fields["headline"].initial = next(
                (o.pk for o in options if o.chosen),
                next((o.pk for o in options if o.preferred), None),
            )
        else:
            del self.fields["headline"]

    def action_kwargs(self):
        headline = self.cleaned_data.get("headline")
        if headline is not None and headline.chosen:
            headline = None  # already chosen: approving changes nothing else
        return {**super().action_kwargs(), "seen": self.cleaned_data["seen"], "headline": headline}


class ReturnToDraftForm(CommentForm):
    comment = forms.CharField(
        widget=_text,
        label="Why it goes back to draft",
        help_text="The authors see this in the report\u2019s history. Never published.",
    )


class ChangeNoteForm(ActionForm):
    change_note = forms.CharField(
        required=False,
        widget=_text,
        label="Public change note",
        help_text="Readers see this in the page\u2019s update history, for example "
        "\u201cAdded the figures for June.\u201d Needed for every edition after the first, "
        "unless it is a minor change.",
    )
    minor = forms.BooleanField(
        required=False,
        label="Minor change",
        help_text="For typos and small fixes readers need not know about: no change note, "
        "and the page\u2019s \u201clast updated\u201d date stays the same.",
    )

    def action_kwargs(self):
        return {
            "change_note": self.cleaned_data["change_note"],
            "minor": self.cleaned_data["minor"],
        }


class PublishForm(ChangeNoteForm):
    pass


class ForcePublishForm(ChangeNoteForm):
    reason = forms.CharField(
        widget=_text,
        label="Why publish without review",
        help_text="Recorded and shown to editors as \u201cpublished without review\u201d. "
        "Someone else must review the edition after publication.",
    )

    def action_kwargs(self):
        return {**super().action_kwargs(), "reason": self.cleaned_data["reason"]}


class ScheduleForm(ChangeNoteForm):
    at = forms.DateTimeField(
        label="Publish at (UK time)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="At least 5 minutes from now.",
    )

    def action_kwargs(self):
        return {**super().action_kwargs(), "at": self.cleaned_data["at"]}


class WithdrawForm(ActionForm):
    explanation = forms.CharField(
        widget=_text,
        label="Public explanation",
        help_text="Shown to readers in the withdrawal notice at the top of the page, for example "
        "\u201cThis report is out of date. Read the latest report instead.\u201d",
    )

    def action_kwargs(self):
        return {"explanation": self.cleaned_data["explanation"]}


class UnpublishForm(ActionForm):
    comment = forms.CharField(
        widget=_text,
        label="Why remove the page",
        help_text="Kept in the report\u2019s history. Never published.",
    )
    redirect_url = forms.CharField(
        required=False,
        max_length=500,
        label="Redirect to (optional)",
        help_text="A page that replaces this one, as https://\u2026 or /reports/\u2026. "
        "Without one, readers see \u201cThis page has been removed\u201d.",
    )

    def action_kwargs(self):
        return {
            "comment": self.cleaned_data["comment"],
            "redirect_url": self.cleaned_data["redirect_url"],
        }


class PreviewLinkForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=200,
        label="Who is it for (optional)",
        help_text="For example \u201cMinister\u2019s office, fact check\u201d.",
    )
    days = forms.IntegerField(
        min_value=1,
        max_value=previews.MAX_DAYS,
        initial=previews.DEFAULT_DAYS,
        label="Days until it expires",
    )

    def action_kwargs(self):
        return {"note": self.cleaned_data["note"], "days": self.cleaned_data["days"]}


FORMS = {
    "submit": CommentForm,
    "withdraw_submission": CommentForm,
    "request_changes": RequestChangesForm,
    "approve": ApproveForm,
    "return_to_draft": ReturnToDraftForm,
    "publish": PublishForm,
    "force_publish": ForcePublishForm,
    "schedule": ScheduleForm,
    "unschedule": CommentForm,
    "withdraw": WithdrawForm,
    "unpublish": UnpublishForm,
    "complete_post_publication_review": CommentForm,
}
