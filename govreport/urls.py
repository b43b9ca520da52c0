from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from reports.admin import preview


def serve_media(request, path):
    """Serve an upload from MEDIA_ROOT (read per request, so tests can point it elsewhere)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    # markdownx's own views are open to anyone, so none of them is routed: the editor's live
    # preview and its image uploads go through the report's own staff-only views.
    path("admin/reports/markdown-preview/", preview.markdown_preview, name="markdown_preview"),
    path(
        "admin/reports/report/<int:pk>/markdown-preview/",
        preview.markdown_preview,
        name="report_markdown_preview",
    ),
    path("admin/reports/report/<int:pk>/preview/", preview.report_preview, name="report_preview"),
    path("admin/two-factor/", include("govreport.signin.urls")),
    path("admin/", admin.site.urls),
    path("", include("reports.urls")),
]

if settings.SERVE_MEDIA:
    # Media is served by Django only when no object store or front proxy does it.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

handler404 = "reports.views.page_not_found"
handler500 = "reports.views.server_error"
