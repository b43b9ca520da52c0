"""Staff previews: the markdown editor's live preview and the whole draft report page."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from reports import editions, http, rendering, views
from reports.errors import RenderRefused
from reports.models import Report


@require_POST
@staff_member_required
@http.noindex_no_cache
def markdown_preview(request, pk=None):
    """Render the markdownx preview with the real pipeline and, when known, the report's media.

    markdownx shows whatever the response holds, so a refusal is a 400 whose body says why.
    """
    content = request.POST.get("content", "")
    try:
        rendering.check_length(content)  # before any query
        report = _report(request, pk)
        media = {item.slug: item for item in report.media.all()} if report else None
        return HttpResponse(rendering.render(content, media=media))
    except RenderRefused as refusal:
        return HttpResponseBadRequest(
            format_html(
                '<div class="govuk-error-summary" role="alert"><h2 class="govuk-error-summary__'
                'title">The preview cannot be shown</h2><div class="govuk-error-summary__body">'
                '<p class="govuk-body">{}</p></div></div>',
                refusal,
            )
        )


@staff_member_required
@http.noindex_no_cache
def report_preview(request, pk):
    """Show the report as readers would see it if it were published now."""
    report = get_object_or_404(Report, pk=pk)
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied
    try:
        edition = editions.draft(report)
    except RenderRefused as refusal:
        return render(request, "reports/render_refused.html", {"refusal": refusal}, status=400)
    return views.render_edition(request, edition, preview=True)


def _report(request, pk):
    """Return the report whose editor asks for the preview, if there is one the user may see."""
    if pk is None or not request.user.has_perm("reports.view_report"):
        return None
    return Report.objects.filter(pk=pk).first()
