"""Revision history in the report admin: history, compare, restore, recover, edit conflicts."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from reports import diffing, history, locking, workflow
from reports.errors import EditConflict, GovreportError, NotPermitted
from reports.models import Report

HISTORY_PAGE_SIZE = 100


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


class RevisionHistoryMixin:
    """Mixed into ReportAdmin (a reversion VersionAdmin) before VersionAdmin."""

    form = ReportForm
    object_history_template = "admin/reports/report/history.html"
    recover_list_template = "admin/reports/report/recover_list.html"
    history_latest_first = True

    def get_fieldsets(self, request, obj=None):
        change = (
            "Describe your change",
            {"fields": ["change_comment", "base_lock_version"], "classes": ["describe-change"]},
        )
        return [*super().get_fieldsets(request, obj), change]

    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_compare",
            ),
        ]
        return urls + super().get_urls()

    def _url(self, name, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    # One revision per save, with the user's comment or the admin's change message.

    def construct_change_message(self, request, form, formsets, add=False):
        request.revision_comment = form.cleaned_data.get("change_comment", "").strip()
        return super().construct_change_message(request, form, formsets, add)

    def _use_comment(self, request):
        import reversion

        if getattr(request, "revision_comment", "") and reversion.is_active():
            reversion.set_comment(request.revision_comment)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._use_comment(request)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._use_comment(request)
        return entry

    def save_model(self, request, obj, form, change):
        if change:
            obj.lock_version += 1  # the row is locked by changeform_view
        super().save_model(request, obj, form, change)

    # Optimistic locking.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if object_id is None or "_saveasnew" in request.POST:
            return super().changeform_view(request, object_id, form_url, extra_context)
        report = self.get_object(request, unquote(object_id))
        if report is None:  # the admin's own "does not exist" handling
            return super().changeform_view(request, object_id, form_url, extra_context)
        extra_context["others_editing"] = locking.others_editing(report, request.user)
        if request.method != "POST":
            if self.has_change_permission(request, report):
                locking.record_opened(report, request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            try:
                locking.lock_for_save(report.pk, request.POST.get("base_lock_version"))
            except EditConflict as conflict:
                return self.conflict_view(request, conflict)
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if response.status_code == 302:
                locking.record_saved(report, request.user)
            return response

    def conflict_view(self, request, conflict):
        """Show a refused save beside the current version, with ways to keep every change."""
        report = conflict.report
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        form = self.get_form(request, report, change=True)(
            request.POST, request.FILES, instance=report
        )
        formsets, _ = self._create_formsets(request, report, change=True)
        found = locking.build(form, formsets, report, conflict.base_version)
        mine = diffing.compare(found.base or found.current, found.theirs)
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
            "my_changes": mine,
            "both_changed": found.both_changed,
            "merged_data": sorted(found.merged_data.items()),
            "change_url": self._url("change", report.pk),
            "has_files": bool(request.FILES),
        }
        return TemplateResponse(request, "admin/reports/report/conflict.html", context, status=409)

    # History and compare.

    def _report_or_404(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Report, pk=unquote(object_id))

    def history_view(self, request, object_id, extra_context=None):
        report = self._report_or_404(request, object_id)
        edition = history.live_edition(report)
        live_id = history.live_revision_id(edition)
        page = Paginator(history.versions_of(report.pk), HISTORY_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": report,
            "title": f"History: {report}",
            "page": page,
            "entries": history.entries(page.object_list, live_revision_id=live_id),
            "latest_pk": history.versions_of(report.pk).values_list("pk", flat=True).first(),
            "live_edition": edition,
            "compare_url": self._url("compare", report.pk),
            "can_restore": self.has_change_permission(request, report),
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def _version(self, report, value):
        try:
            return history.versions_of(report.pk).get(pk=int(value))
        except (TypeError, ValueError, Version.DoesNotExist):
            raise Http404("No such version of this report.") from None

    def compare_view(self, request, object_id):
        """Compare two revisions of a report, or a revision with the live edition."""
        report = self._report_or_404(request, object_id)
        edition = history.live_edition(report)
        versions = []
        for param in ("from", "to"):
            value = request.GET.get(param)
            if value == "live":
                live_id = history.live_revision_id(edition)
                if live_id is None:
                    messages.error(request, "This report has no live edition to compare with.")
                    return redirect(self._url("history", report.pk))
                value = history.versions_of(report.pk).filter(revision_id=live_id).first().pk
            versions.append(self._version(report, value))
        older, newer = sorted(versions, key=lambda v: v.pk)
        live_id = history.live_revision_id(edition)
        snaps = history.snapshots([older.revision_id, newer.revision_id], report.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": report,
            "title": f"Compare versions: {report}",
            "older": older,
            "newer": newer,
            "live_revision_id": live_id,
            "comparison": diffing.compare(snaps[older.revision_id], snaps[newer.revision_id]),
            "left_label": f"Earlier: {_version_label(older, live_id)}",
            "right_label": f"Later: {_version_label(newer, live_id)}",
            "history_url": self._url("history", report.pk),
            "can_restore": self.has_change_permission(request, report),
        }
        return TemplateResponse(request, "admin/reports/report/compare.html", context)

    # Restore (replaces reversion's blind revert form) and recover.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Confirm, then restore a revision as the new draft through the workflow."""
        report = self._report_or_404(request, object_id)
        version = self._version(report, version_id)
        if request.method == "POST":
            try:
                workflow.revert(report, version, by=request.user)
            except NotPermitted as refusal:
                raise PermissionDenied(str(refusal)) from None
            except GovreportError as refusal:
                messages.error(request, str(refusal))
                return redirect(self._url("history", report.pk))
            messages.success(
                request,
                f"{history.restored_comment(version.revision)}. It is now the draft; the live "
                "page has not changed.",
            )
            return redirect(self._url("change", report.pk))
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        latest = history.versions_of(report.pk).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": report,
            "title": "Restore this version?",
            "version": version,
            "live_edition": history.live_edition(report),
            "compare_url": f"{self._url('compare', report.pk)}?from={version.pk}&to={latest.pk}",
            "history_url": self._url("history", report.pk),
        }
        return TemplateResponse(request, "admin/reports/report/restore_confirm.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        """Confirm, then recover a deleted report as a draft."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_deleted(Report), pk=version_id)
        if request.method == "POST":
            try:
                report = workflow.recover(version, by=request.user)
            except NotPermitted as refusal:
                raise PermissionDenied(str(refusal)) from None
            except GovreportError as refusal:
                messages.error(request, str(refusal))
                return redirect(self._url("recoverlist"))
            messages.success(request, f"Recovered \u201c{report}\u201d as a draft.")
            return redirect(self._url("change", report.pk))
        snap = history.snapshots([version.revision_id], version.object_id)[version.revision_id]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Recover \u201c{version.object_repr}\u201d?",
            "version": version,
            "snapshot": snap,
            "recoverlist_url": self._url("recoverlist"),
        }
        return TemplateResponse(request, "admin/reports/report/recover_confirm.html", context)


def _version_label(version, live_id):
    label = (
        f"{history.describe_moment(version.revision.date_created)} by "
        f"{history.describe_user(version.revision.user)}"
    )
    return f"{label} (live)" if version.revision_id == live_id else label
