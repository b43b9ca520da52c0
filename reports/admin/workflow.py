"""The workflow in the admin: the report's workflow panel, thin action pages, and "My work"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from reports import editions, history, locking, previews, roles, workflow
from reports.errors import ChecksFailed, GovreportError, InvalidInput, StaleReview
from reports.models import ActionLog, PostPublicationReview, PreviewLink, Report, Status
from reports.templatetags.report_checks import error_rows

from .editing import AFTER_ACTION
from .workflow_forms import FORMS, PreviewLinkForm

IRREVERSIBLE = {"publish", "force_publish", "withdraw", "unpublish"}
# Actions that run the content checks first: errors block them, except a force publish.
CHECKED = {"publish", "schedule", "force_publish"}
NEXT_STEPS = {
    Status.DRAFT: "Content designers and editors edit the draft, then submit it for review.",
    Status.CHANGES_REQUESTED: "The reviewer asked for changes. Make them, then submit the draft "
    "for review again.",
    Status.IN_REVIEW: "An editor who did not submit or edit this draft approves it or asks for "
    "changes. Editing it now sends it back to draft.",
    Status.APPROVED: "A publisher publishes it now or schedules it, exactly as it was approved. "
    "Editing it sends it back to draft for another review.",
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


def changes_requested(report):
    """Return the request for changes the report is waiting on (its ActionLog entry), or None."""
    if report.status != Status.CHANGES_REQUESTED:
        return None
    return (
        ActionLog.objects.for_report(report)
        .filter(action="request_changes")
        .select_related("user")
        .first()
    )


def panel_context(report, user):
    """Return what the workflow panel shows this user about the report."""
    actions = workflow.available_actions(report, by=user)
    can_preview = roles.may(user, "preview_link")
    return {
        "report": report,
        "changes_requested": changes_requested(report),
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
        "pending_reviews": PostPublicationReview.objects.pending()
        .filter(edition__report=report)
        .select_related("edition"),
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
    """Return the dashboard's lists for one user, in a fixed number of queries."""
    role = {a: roles.may(user, a) for a in ("edit", "approve", "publish")}
    if not any(role.values()):
        return {"no_role": True}
    drafts = list(Report.objects.drafts_of(user).with_review_request())
    reviewers = get_user_model().objects.in_bulk({r.changes_by_id for r in drafts} - {None})
    for report in drafts:
        report.changes_by = reviewers.get(report.changes_by_id)
    return {
        "role": role,
        "to_review": Report.objects.reviewable_by(user) if role["approve"] else [],
        "changes_requested": [r for r in drafts if r.status == Status.CHANGES_REQUESTED],
        "my_drafts": [r for r in drafts if r.status == Status.DRAFT],
        "to_publish": Report.objects.approved() if role["publish"] else [],
        "scheduled": Report.objects.scheduled(),
        "without_review": PostPublicationReview.objects.pending()
        .select_related("edition", "published_by")
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
        if obj is not None and obj.is_frozen():
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

    # Views --------------------------------------------------------------------------------------

    def _report(self, request, object_id):
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404("No such report.")
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return report

    def _refused(self, request, report, message, title="You can\u2019t do that", **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "report": report,
            "title": title,
            "message": message,
            **extra,
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
        form = FORMS[action](
            request.POST if request.method == "POST" else None,
            report=report,
            initial={"seen": request.GET.get("revision")},
        )
        if form.is_bound and form.is_valid():
            try:
                getattr(workflow, action)(report, by=request.user, **form.action_kwargs())
            except InvalidInput as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            except ChecksFailed:
                pass  # the page lists the errors, found again below with their places
            except StaleReview as error:
                return self._refused(
                    request, report, str(error), compare_url=_stale_compare_url(error)
                )
            except GovreportError as error:
                return self._refused(request, report, str(error))
            else:
                messages.success(request, f"{workflow.LABELS[action]}: done.")
                # An action ends this person's editing; landing on the form is not opening it.
                locking.record_saved(report, request.user)
                request.session[AFTER_ACTION] = report.pk
                return redirect("admin:reports_report_change", report.pk)
        check_errors = error_rows(report) if action in CHECKED else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "report": report,
            "action": action,
            "title": f"{workflow.LABELS[action]}: {report.title}",
            "action_label": workflow.LABELS[action],
            "description": _summary(getattr(workflow, action).__doc__),
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
        if not roles.may(request.user, "preview_link"):
            return self._refused(request, report, roles.refusal("preview_link"))
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
        if not roles.may(request.user, "preview_link"):
            return self._refused(request, report, roles.refusal("preview_link"))
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


def _summary(docstring):
    """Return a docstring's first paragraph on one line: what the action does, for people."""
    return " ".join((docstring or "").strip().split("\n\n")[0].split())


def _stale_compare_url(error):
    """Return the address comparing what the reviewer read with the draft as it is now."""
    versions = history.versions_of(error.report.pk)
    seen = versions.filter(revision_id=error.seen).values_list("pk", flat=True).first()
    latest = versions.values_list("pk", flat=True).first()
    if seen is None or latest is None:
        return None
    url = reverse("admin:reports_report_compare", args=[error.report.pk])
    return f"{url}?from={seen}&to={latest}"
