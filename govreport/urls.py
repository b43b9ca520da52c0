from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import include, path, re_path
from django.views.static import serve
from markdownx.views import ImageUploadView

from reports.admin import preview

urlpatterns = [
    path("admin/reports/markdown-preview/", preview.markdown_preview, name="markdown_preview"),
    path("admin/reports/report/<int:pk>/preview/", preview.report_preview, name="report_preview"),
    path("admin/", admin.site.urls),
    # markdownx's own views are open to anyone: uploads are for staff only, and the live preview
    # goes through reports.admin.preview (MARKDOWNX_URLS_PATH).
    path(
        "markdownx/upload/",
        staff_member_required(ImageUploadView.as_view()),
        name="markdownx_upload",
    ),
    path("", include("reports.urls")),
]

if settings.SERVE_MEDIA:
    # Media is served by Django only when no object store or front proxy does it.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "reports.views.page_not_found"
handler500 = "reports.views.server_error"
