"""Staff previews: the markdown editor's live preview and the whole draft report page."""

import re
from urllib.parse import urlsplit

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from reports import editions, http, rendering, views
from reports.models import Report

CHANGE_FORM = re.compile(r"/admin/reports/report/(\d+)/change/$")


@require_POST
@staff_member_required
@http.noindex_no_cache
def markdown_preview(request):
    """Render the markdownx preview with the real pipeline and, when known, the report's media."""
    report = _report_being_edited(request)
    media = {item.slug: item for item in report.media.all()} if report else None
    return HttpResponse(rendering.render(request.POST.get("content", ""), media=media))


@staff_member_required
@http.noindex_no_cache
def report_preview(request, pk):
    """Show the report as readers would see it if it were published now."""
    report = get_object_or_404(Report, pk=pk)
    if not request.user.has_perm("reports.view_report"):
        raise PermissionDenied
    return views.render_edition(request, editions.draft(report), preview=True)


def _report_being_edited(request):
    """Return the report whose change form sent the preview request, if the user may see it."""
    match = CHANGE_FORM.search(urlsplit(request.headers.get("Referer", "")).path)
    if not match or not request.user.has_perm("reports.view_report"):
        return None
    return Report.objects.filter(pk=match.group(1)).first()
