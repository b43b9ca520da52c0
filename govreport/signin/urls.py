"""The two-factor pages, under /admin/two-factor/, behind the admin's own sign-in."""

from django.contrib import admin
from django.urls import path

from govreport.signin import views

app_name = "signin"
urlpatterns = [
    path("", admin.site.admin_view(views.overview), name="overview"),
    path("verify/", admin.site.admin_view(views.verify), name="verify"),
    path("set-up/", admin.site.admin_view(views.set_up), name="set_up"),
    path("recovery-codes/", admin.site.admin_view(views.recovery_codes), name="recovery_codes"),
]
