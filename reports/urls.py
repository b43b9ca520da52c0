from django.urls import path

from . import feeds, http, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the report pattern: "feed" would otherwise be read as a report's slug.
    path("reports/feed/", http.public_view(feeds.PublishedReportsFeed()), name="feed"),
    path("reports/<slug:slug>/", views.detail, name="detail"),
    path("preview/<str:token>/", views.preview, name="preview"),
]
