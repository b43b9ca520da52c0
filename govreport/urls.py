from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from reports.admin import preview

urlpatterns = [
    path("admin/reports/markdown-preview/", preview.markdown_preview, name="markdown_preview"),
    path("admin/reports/report/<int:pk>/preview/", preview.report_preview, name="report_preview"),
    path("admin/", admin.site.urls),
    path("markdownx/", include("markdownx.urls")),
    path("", include("reports.urls")),
]

if settings.SERVE_MEDIA:
    # Media is served by Django only when no object store or front proxy does it.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "reports.views.page_not_found"
handler500 = "reports.views.server_error"
