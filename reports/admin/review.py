"""The review step: everything an editor needs to approve a draft or ask for changes, on one page.

The page only reads. Approving and requesting changes go through the workflow's own action pages.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from reports import history, workflow
from reports.models import ActionLog, Report, Status
from reports.timefmt import govuk_time

DECISIONS = ["approve", "request_changes"]


def urls(model_admin):
    """Return the review page's URL pattern, named admin:reports_report_review."""
    view = model_admin.admin_site.admin_view(
        lambda request, object_id: review_view(request, model_admin, object_id)
    )
    return [path("<int:object_id>/review/", view, name="reports_report_review")]


def compare_url(report):
    """Return the address comparing the draft with the live edition, or None without one."""
    if history.live_revision_id(history.live_edition(report)) is None:
        return None
    latest = history.versions_of(report.pk).values_list("pk", flat=True).first()
    url = reverse("admin:reports_report_compare", args=[report.pk])
    return f"{url}?from=live&to={latest}"


def decisions(report, user, seen):
    """Return the review decisions the user may take, and why they may not approve, if so.

    Each decision carries the revision the page shows, so approving approves what was read.
    """
    allowed = [
        {
            "name": name,
            "label": workflow.LABELS[name],
            "url": reverse("admin:reports_report_workflow", args=[report.pk, name])
            + f"?revision={seen}",
        }
        for name in DECISIONS
        if workflow.refusal(report, name, by=user) is None
    ]
    why_not = None
    if report.status == Status.IN_REVIEW and "approve" not in {d["name"] for d in allowed}:
        why_not = workflow.refusal(report, "approve", by=user)
    return allowed, why_not


def review_context(report, user):
    """Return what the review page shows this user about the report."""
    seen = history.latest_revision_id(report.pk)
    allowed, why_not = decisions(report, user, seen)
    submission = ActionLog.objects.for_report(report).filter(action="submit").first()
    options = list(report.headline_options.current())
    return {
        "seen_revision": seen,
        "headline_options": options,
        "report": report,
        "in_review": report.status == Status.IN_REVIEW,
        "submission": submission if report.status == Status.IN_REVIEW else None,
        "submitted_at": govuk_time(submission.at) if submission else "",
        "decisions": allowed,
        "why_not_approve": why_not,
        "chosen_headline": next((o for o in options if o.chosen), None),
        "preferred_headline": next((o for o in options if o.preferred), None),
        "headline_count": len(options),
        "headlines_url": reverse("admin:reports_report_headlines", args=[report.pk]),
        "live_edition": history.live_edition(report),
        "compare_url": compare_url(report),
        "history_url": reverse("admin:reports_report_history", args=[report.pk]),
        "preview_url": reverse("report_preview", args=[report.pk]),
        "change_url": reverse("admin:reports_report_change", args=[report.pk]),
    }


def review_view(request, model_admin, object_id):
    """Show the review step: checks, headlines, changes since the live edition, and decisions."""
    report = get_object_or_404(Report, pk=object_id)
    if not model_admin.has_view_permission(request, report):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"Review: {report.title}",
        **review_context(report, request.user),
    }
    return TemplateResponse(request, "admin/reports/report/review.html", context)
