"""What an authenticator app does, for the tests: codes from a secret, and an enrolled user."""

import time
from base64 import b32decode
from datetime import timedelta

from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from govreport.signin import devices


def app_code(secret, *, steps_ahead=0):
    """Return the 6-digit code an app shows for a base32 secret (as the set-up page shows it)."""
    key = b32decode("".join(secret.split()))
    totp = TOTP(key, step=30, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def device_code(device, *, steps_ahead=0):
    """Return the code the user's app shows now (or steps_ahead periods of 30 s later)."""
    return app_code(devices.secret(device), steps_ahead=steps_ahead)


def wrong_code(secret):
    """Return a well-formed code that is the app's in none of the periods the server accepts."""
    accepted = {app_code(secret, steps_ahead=step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def enrol(user):
    """Give the user a confirmed authenticator app and recovery codes; return both."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device, devices.new_recovery_codes(user)


def wait_out_throttling(user):
    """Let the seconds pass that django-otp makes a device wait after a wrong code."""
    an_hour_ago = timezone.now() - timedelta(hours=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=an_hour_ago)
