from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("reports/<slug:slug>/", views.detail, name="detail"),
    path("preview/<str:token>/", views.preview, name="preview"),
]
