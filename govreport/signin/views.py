"""Sign-in pages in the admin's style: the lockout page and the two-factor pages."""

from base64 import b64encode

import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from govreport.signin import devices
from govreport.signin.forms import SET_UP_MALFORMED, CodeForm

NEW_CODES = "signin_new_recovery_codes"


def locked_out(request, original_response=None, credentials=None):
    """Tell someone locked out after too many wrong passwords how long to wait (django-axes)."""
    cool_off = get_cool_off(request)
    context = {"minutes": int(cool_off.total_seconds() // 60), "signing_in": True}
    response = _page(request, "locked_out", "Signing in is locked", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()


def overview(request):
    """Show the user's two-factor set-up, with links to replace the app or the recovery codes."""
    context = {
        "enrolled": devices.is_enrolled(request.user),
        "codes_left": devices.recovery_codes_left(request.user),
        "otp_required": settings.OTP_REQUIRED,
    }
    return _page(request, "overview", "Two-factor authentication", context)


def verify(request):
    """Ask someone who signed in with a password for a code from their app or a recovery code."""
    if devices.missing_step(request.user) != devices.VERIFY:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None, check=lambda code: devices.verify(request.user, code))
    if form.is_valid():
        otp_login(request, form.result)
        if isinstance(form.result, StaticDevice):
            _count_codes_left(request)
        return redirect(_next_url(request))
    context = {"form": form, "signing_in": True}
    return _page(request, "verify", "Enter the code from your authenticator app", context)


def set_up(request):
    """Show a new secret as a QR code and as text, and confirm it with a code from the app."""
    if devices.missing_step(request.user) == devices.VERIFY:
        # A new app needs the current one first: a password alone must not replace it.
        return redirect_to_login(reverse("signin:set_up"), reverse("signin:verify"))
    device = devices.pending_app(request.user)
    form = CodeForm(
        request.POST or None,
        check=lambda code: devices.confirm_app(device, code),
        malformed=SET_UP_MALFORMED,
    )
    if form.is_valid():
        device.refresh_from_db()
        otp_login(request, device)
        return _show_new_codes(request, form.result)
    context = {
        "form": form,
        "qr_code": _qr_code(device.config_url),
        "secret": devices.secret(device),
        "replacing": devices.is_enrolled(request.user),
        "signing_in": devices.missing_step(request.user) == devices.SET_UP,
    }
    return _page(request, "set_up", "Set up two-factor authentication", context)


def recovery_codes(request):
    """Show new recovery codes once; a POST replaces the old ones."""
    if request.method == "POST":
        return _new_codes(request)
    codes = request.session.pop(NEW_CODES, None)
    if codes is None:
        return redirect("signin:overview")
    return _page(
        request,
        "recovery_codes",
        "Your recovery codes",
        {"codes": codes, "next": _next_url(request)},
    )


def _new_codes(request):
    if not devices.is_enrolled(request.user):
        return redirect("signin:overview")
    return _show_new_codes(request, devices.new_recovery_codes(request.user))


def _show_new_codes(request, codes):
    """Keep the codes in the session until the next page shows them, once."""
    request.session[NEW_CODES] = codes
    url = reverse("signin:recovery_codes")
    if "next" in request.GET:
        url += "?" + request.GET.urlencode(safe="/")
    return redirect(url)


def _count_codes_left(request):
    left = devices.recovery_codes_left(request.user)
    level = messages.WARNING if left <= 3 else messages.INFO
    text = f"You used a recovery code. You have {left} left."
    if left <= 3:
        text += " Create new recovery codes from Two-factor authentication."
    messages.add_message(request, level, text)


def _next_url(request):
    """Return the page the user was going to, if it is on this site, or the admin index."""
    url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else reverse("admin:index")


def _qr_code(text):
    """Return the text as a QR code, an SVG data URI drawn here (nothing sent to anyone)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


def _page(request, name, title, context, status=200):
    context = {**admin.site.each_context(request), "title": title, **context}
    return TemplateResponse(request, f"admin/signin/{name}.html", context, status=status)
