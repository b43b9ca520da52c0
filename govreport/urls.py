from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
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
