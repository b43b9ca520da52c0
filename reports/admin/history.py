"""Revision history in the report admin: history, compare, restore, recover, edit conflicts."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from reports import diffing, history, workflow
from reports.errors import GovreportError, NotPermitted
from reports.models import Report
from reports.timefmt import govuk_time

HISTORY_PAGE_SIZE = 100


class RevisionHistoryMixin:
    """Mixed into ReportAdmin (a reversion VersionAdmin) before VersionAdmin."""

    object_history_template = "admin/reports/report/history.html"
    recover_list_template = "admin/reports/report/recover_list.html"
    history_latest_first = True

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
        f"{govuk_time(version.revision.date_created)} by "
        f"{history.describe_user(version.revision.user)}"
    )
    return f"{label} (live)" if version.revision_id == live_id else label
