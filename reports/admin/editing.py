"""Saving the report editor through the one write path, and showing edit conflicts."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from reports import diffing, history, locking, workflow
from reports.errors import EditConflict, GovreportError
from reports.models import Status

from . import conflicts

# Set by a workflow action page for the change form it redirects to: landing there after an
# action is not opening the editor.
AFTER_ACTION = "govreport.after_action"

EDIT_MESSAGES = {
    Status.PUBLISHED: "You opened a new draft edition. Readers keep seeing the published edition "
    "until this one is published.",
    Status.WITHDRAWN: "You opened a new draft edition. The withdrawn page stays as it is until "
    "this one is published.",
    Status.UNPUBLISHED: "You opened a new draft edition of this unpublished report.",
    Status.APPROVED: "You edited an approved report, so it is a draft again and needs another "
    "review.",
    Status.IN_REVIEW: "You edited a report in review, so it is a draft again: submit it when it "
    "is ready.",
}


class ReportForm(forms.ModelForm):
    change_comment = forms.CharField(
        label="Describe your change (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown in the report\u2019s history, for example \u201cUpdated the figures in "
        "the digital by default section\u201d. If you leave it empty the history lists the "
        "fields you changed.",
    )
    base_lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_lock_version"].initial = self.instance.lock_version

    @property
    def changed_data(self):
        """The changed content fields; the comment and lock are about the save, not content."""
        changed = forms.BaseForm.changed_data.func(self)
        return [name for name in changed if name not in ("change_comment", "base_lock_version")]


class EditingAdminMixin:
    """Save the report editor as one `workflow.editing` change, refused if it is out of date."""

    form = ReportForm

    def get_fieldsets(self, request, obj=None):
        change = (
            "Describe your change",
            {"fields": ["change_comment", "base_lock_version"], "classes": ["describe-change"]},
        )
        return [*super().get_fieldsets(request, obj), change]

    # The write path records the revision, so reversion's admin must not open one of its own.
    def add_view(self, request, form_url="", extra_context=None):
        return admin.ModelAdmin.add_view(self, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return admin.ModelAdmin.change_view(self, request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        report = self.get_object(request, unquote(object_id)) if object_id else None
        if object_id and report is None:  # the admin's own "does not exist" handling
            return super().changeform_view(request, object_id, form_url, extra_context)
        if report is not None:
            extra_context["others_editing"] = locking.others_editing(report, request.user)
        if request.method != "POST" or "_saveasnew" in request.POST:
            landed = request.session.pop(AFTER_ACTION, None)
            opened = report is not None and landed != report.pk
            if opened and self.has_change_permission(request, report):
                locking.record_opened(report, request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)
        if report is not None and not self.has_change_permission(request, report):
            raise PermissionDenied
        return self._save(request, report, object_id, form_url, extra_context)

    def _save(self, request, report, object_id, form_url, extra_context):
        # A save of an existing report must say which version it started from.
        base = request.POST.get("base_lock_version", "") if report is not None else None
        action = "edit" if report is not None else "create"
        try:
            with workflow.editing(
                report, by=request.user, action=action, base_lock_version=base
            ) as change:
                request.govreport_change = change
                response = super().changeform_view(request, object_id, form_url, extra_context)
                if response.status_code != 302 or not getattr(request, "govreport_edited", True):
                    change.discard()
        except EditConflict as conflict:
            return self.conflict_view(request, conflict)
        except GovreportError as refusal:
            messages.error(request, str(refusal))
            return redirect(request.path)
        if report is not None and response.status_code == 302:
            locking.record_saved(report, request.user)
            if change.entry is not None and change.report.status != change.from_status:
                messages.info(request, EDIT_MESSAGES[change.from_status])
        return response

    def save_model(self, request, obj, form, change):
        # The instance the form saves is the one the write path records.
        request.govreport_change.report = obj
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        request.govreport_edited = not change or (
            form.has_changed() or any(formset.has_changed() for formset in formsets)
        )

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        written = form.cleaned_data.get("change_comment", "").strip()
        described = LogEntry(change_message=json.dumps(message)).get_change_message()
        request.govreport_change.comment = written or (
            "Created the report" if add else described or "Changed the report"
        )
        return message

    def conflict_view(self, request, conflict):
        """Show a refused save beside the current version, with ways to keep every change."""
        report = conflict.report
        form = self.get_form(request, report, change=True)(
            request.POST, request.FILES, instance=report
        )
        formsets, _ = self._create_formsets(request, report, change=True)
        found = conflicts.build(form, formsets, report, conflict.base_version)
        latest = history.versions_of(report.pk).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "title": "Someone else saved this report while you were editing it",
            "latest": latest.revision if latest else None,
            "comparison": found.comparison(),
            "left_label": "Current saved version",
            "right_label": "Your version",
            "my_changes": diffing.compare(found.base or found.current, found.theirs),
            "both_changed": found.both_changed,
            "merged_data": sorted(found.merged_data.items()),
            "change_url": self._url("change", report.pk),
            "has_files": bool(request.FILES),
        }
        return TemplateResponse(request, "admin/reports/report/conflict.html", context, status=409)
