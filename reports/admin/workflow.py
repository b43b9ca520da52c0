"""The workflow in the admin: the report's workflow panel, thin action pages, and "My work"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.models import Version

from reports import editions, previews, workflow
from reports.errors import ChecksFailed, GovreportError, InvalidInput
from reports.models import ActionLog, PostPublicationReview, PreviewLink, Report, Status
from reports.templatetags.report_checks import error_rows

from .workflow_forms import FORMS, PreviewLinkForm

IRREVERSIBLE = {"publish", "force_publish", "withdraw", "unpublish"}
# Actions that run the content checks first: errors block them, except a force publish.
CHECKED = {"publish", "schedule", "force_publish"}
NEXT_STEPS = {
    Status.DRAFT: "Content designers and editors edit the draft, then submit it for review.",
    Status.IN_REVIEW: "An editor who did not submit or edit this draft approves it or asks for "
    "changes.",
    Status.APPROVED: "A publisher publishes it now or schedules it. Editing it sends it back to "
    "draft for another review.",
    Status.SCHEDULED: "It will be published automatically at the scheduled time. Unschedule it "
    "to make changes.",
    Status.PUBLISHED: "Readers see the published edition. Editing the report opens a new draft "
    "edition; readers keep seeing this one until the new one is published.",
    Status.WITHDRAWN: "The page stays online with a withdrawal notice. Editing the report opens a "
    "new draft edition.",
    Status.UNPUBLISHED: "The page is gone. Editing the report opens a new draft edition.",
}


def _action_url(report, name):
    return reverse("admin:reports_report_workflow", args=[report.pk, name])


def panel_context(report, user):
    """Return what the workflow panel shows this user about the report."""
    actions = workflow.available_actions(report, by=user)
    can_preview = user.has_perm(workflow.REVIEW)
    return {
        "report": report,
        "next_step": NEXT_STEPS[report.status],
        "live_edition": report.editions.live().first(),
        "draft_number": editions.next_number(report),
        "schedule": getattr(report, "schedule", None)
        if report.status == Status.SCHEDULED
        else None,
        "actions": [
            {
                "name": name,
                "label": workflow.LABELS[name],
                "url": _action_url(report, name),
                "warning": name in IRREVERSIBLE - {"publish"},
            }
            for name in actions
        ],
        "pending_reviews": PostPublicationReview.objects.filter(
            edition__report=report, completed_at__isnull=True
        ).select_related("edition"),
        "review_url": reverse("admin:reports_report_review", args=[report.pk])
        if report.status == Status.IN_REVIEW
        else None,
        "history": ActionLog.objects.for_report(report).select_related("user")[:8],
        "can_preview": can_preview and report.status in workflow.DRAFT_STATES,
        "preview_links": [
            {
                "link": link,
                "url": settings.SITE_URL + reverse("reports:preview", args=[previews.token(link)]),
            }
            for link in report.preview_links.active().filter(
                edition_number=editions.next_number(report)
            )
        ]
        if can_preview
        else [],
    }


def my_work(user):
    """Return the dashboard's lists for one user."""
    edited = Version.objects.get_for_model(Report).filter(revision__user=user)
    mine = Q(created_by=user) | Q(
        pk__in=[int(pk) for pk in edited.values_list("object_id", flat=True)]
    )
    in_review = Report.objects.filter(status=Status.IN_REVIEW).order_by("updated_at")
    return {
        "to_review": [r for r in in_review if workflow.refusal(r, "approve", by=user) is None],
        "my_drafts": Report.objects.filter(mine, status=Status.DRAFT).order_by("-updated_at"),
        "to_publish": Report.objects.filter(status=Status.APPROVED).order_by("updated_at")
        if user.has_perm(workflow.PUBLISH)
        else [],
        "scheduled": Report.objects.filter(status=Status.SCHEDULED)
        .select_related("schedule", "schedule__scheduled_by")
        .order_by("schedule__publish_at"),
        "without_review": PostPublicationReview.objects.filter(completed_at__isnull=True)
        .select_related("edition", "edition__report", "published_by")
        .order_by("edition__published_at"),
    }


class WorkflowAdminMixin:
    """Adds the workflow panel, action pages and "My work" to the report admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("my-work/", view(self.my_work_view), name="reports_report_my_work"),
            path(
                "<path:object_id>/workflow/<slug:action>/",
                view(self.workflow_view),
                name="reports_report_workflow",
            ),
            path(
                "<path:object_id>/preview-links/new/",
                view(self.create_preview_link_view),
                name="reports_report_preview_link_new",
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_preview_link_view),
                name="reports_report_preview_link_revoke",
            ),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        # A scheduled edition is frozen until it is unscheduled: what was approved goes live.
        if obj is not None and obj.status == Status.SCHEDULED:
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, unquote(object_id))
        if report is not None:
            extra_context = {
                **(extra_context or {}),
                "workflow": panel_context(report, request.user),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        edited = form.has_changed() or any(formset.has_changed() for formset in formsets)
        if change and edited:
            before = form.instance.status
            workflow.record_edit(form.instance, by=request.user)
            if form.instance.status != before:
                messages.info(request, _EDIT_MESSAGES[before])

    # Views --------------------------------------------------------------------------------------

    def _report(self, request, object_id):
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404("No such report.")
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return report

    def _refused(self, request, report, message, title="You can\u2019t do that"):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "report": report,
            "title": title,
            "message": message,
        }
        return TemplateResponse(
            request, "admin/reports/report/workflow_refused.html", context, status=403
        )

    def workflow_view(self, request, object_id, action):
        """Show an action's confirmation page; on POST, take the action through the workflow."""
        report = self._report(request, object_id)
        if action not in FORMS:
            raise Http404("No such workflow action.")
        refused = workflow.refusal(report, action, by=request.user)
        if refused:
            return self._refused(request, report, refused)
        form = FORMS[action](request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                getattr(workflow, action)(report, by=request.user, **form.action_kwargs())
            except InvalidInput as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            except ChecksFailed:
                pass  # the page lists the errors, found again below with their places
            except GovreportError as error:
                return self._refused(request, report, str(error))
            else:
                messages.success(request, f"{workflow.LABELS[action]}: done.")
                return redirect("admin:reports_report_change", report.pk)
        check_errors = error_rows(report) if action in CHECKED else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "report": report,
            "action": action,
            "title": f"{workflow.LABELS[action]}: {report.title}",
            "action_label": workflow.LABELS[action],
            "description": (getattr(workflow, action).__doc__ or "").strip(),
            "irreversible": action in IRREVERSIBLE,
            "button": ("Yes, " if action in IRREVERSIBLE else "") + workflow.LABELS[action].lower(),
            "overrides_checks": action == "force_publish",
            "check_errors": check_errors,
            "blocked": bool(check_errors) and action != "force_publish",
            "change_url": reverse("admin:reports_report_change", args=[report.pk]),
            "form": form,
            "live_edition": report.editions.live().first(),
        }
        return TemplateResponse(request, "admin/reports/report/workflow_action.html", context)

    def create_preview_link_view(self, request, object_id):
        """Create a preview link for the report's draft edition."""
        report = self._report(request, object_id)
        form = PreviewLinkForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                previews.create_link(report, by=request.user, **form.action_kwargs())
            except InvalidInput as error:
                form.add_error(error.field, str(error))
            except GovreportError as error:
                return self._refused(request, report, str(error))
            else:
                messages.success(request, "Preview link created. Copy it from the workflow panel.")
                return redirect("admin:reports_report_change", report.pk)
        if not request.user.has_perm(workflow.REVIEW):
            return self._refused(request, report, "Only editors can create preview links.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "report": report,
            "title": f"Create a preview link: {report.title}",
            "form": form,
        }
        return TemplateResponse(request, "admin/reports/report/preview_link_form.html", context)

    def revoke_preview_link_view(self, request, object_id, link_id):
        """Ask for confirmation, then revoke a preview link."""
        report = self._report(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_id, report=report)
        if not request.user.has_perm(workflow.REVIEW):
            return self._refused(request, report, "Only editors can revoke preview links.")
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "report": report,
                "title": f"Revoke the preview link “{link}”?",
                "revoke": link,
            }
            return TemplateResponse(request, "admin/reports/report/preview_link_form.html", context)
        try:
            previews.revoke_link(link, by=request.user)
        except GovreportError as error:
            return self._refused(request, report, str(error))
        messages.success(request, "Preview link revoked: it no longer works.")
        return redirect("admin:reports_report_change", report.pk)

    def my_work_view(self, request):
        """The dashboard: what is waiting for me, my drafts, what is scheduled or unreviewed."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "My work",
            **my_work(request.user),
        }
        return TemplateResponse(request, "admin/reports/my_work.html", context)


_EDIT_MESSAGES = {
    Status.PUBLISHED: "You opened a new draft edition. Readers keep seeing the published edition "
    "until this one is published.",
    Status.WITHDRAWN: "You opened a new draft edition. The withdrawn page stays as it is until "
    "this one is published.",
    Status.UNPUBLISHED: "You opened a new draft edition of this unpublished report.",
    Status.APPROVED: "You edited an approved report, so it is a draft again and needs another "
    "review.",
}
