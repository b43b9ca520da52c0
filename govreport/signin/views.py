"""Sign-in pages in the admin's style: the lockout page."""

from axes.helpers import get_cool_off
from django.contrib import admin
from django.template.response import TemplateResponse


def locked_out(request, original_response=None, credentials=None):
    """Tell someone locked out after too many wrong passwords how long to wait (django-axes)."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": "Signing in is locked",
        "minutes": int(cool_off.total_seconds() // 60),
    }
    response = TemplateResponse(request, "admin/signin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()
