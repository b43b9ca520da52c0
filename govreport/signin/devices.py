"""Second factors: an authenticator app (TOTP) and single-use recovery codes (django-otp)."""

import re
from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_CODE = re.compile(r"[0-9]{6}")
# django-otp's recovery codes: 8 characters of lower-case base32.
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")
VERIFY = "verify"
SET_UP = "set_up"


class CodeRefused(Exception):
    """A code was not accepted: why (MALFORMED, WRONG or WAIT) and, for WAIT, until when."""

    MALFORMED = "malformed"
    WRONG = "wrong"
    WAIT = "wait"

    def __init__(self, reason, locked_until=None):
        super().__init__(reason)
        self.reason = reason
        self.locked_until = locked_until


def normalise(code):
    """Return the code as typed without spaces, in lower case."""
    return "".join(code.split()).lower()


def is_enrolled(user):
    """Return True if the user has a confirmed authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def missing_step(user):
    """Return what a signed-in user must still do before the admin: VERIFY, SET_UP or None."""
    if not (user.is_authenticated and user.is_staff) or user.is_verified():
        return None
    if is_enrolled(user):
        return VERIFY
    return SET_UP if settings.OTP_REQUIRED else None


def pending_app(user):
    """Return the user's authenticator app waiting for its first code, with a new secret if none."""
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return pending or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def secret(device):
    """Return the app's secret in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(device.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def confirm_app(device, code):
    """Confirm the app with a code it shows, replacing any older app; return new recovery codes."""
    code = normalise(code)
    if not APP_CODE.fullmatch(code):
        raise CodeRefused(CodeRefused.MALFORMED)
    device = _verified(TOTPDevice.objects.filter(pk=device.pk, confirmed=False), code)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones and return them (they are shown once)."""
    # The same device with new codes: a session verified by an old code stays verified.
    device = StaticDevice.objects.devices_for_user(user).first() or StaticDevice.objects.create(
        user=user, name="Recovery codes"
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    """Return how many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify(user, code):
    """Return the device that accepts the code (6 digits from the app, or a recovery code)."""
    code = normalise(code)
    # Each kind of code goes only to its own device: django-otp slows a device down after each
    # failure, and an app code must not count as a failed recovery code.
    if APP_CODE.fullmatch(code):
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    elif RECOVERY_CODE.fullmatch(code):
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
    else:
        raise CodeRefused(CodeRefused.MALFORMED)
    return _verified(devices, code)


def _verified(devices, code):
    """Return the first of the devices if it accepts the code, or raise CodeRefused."""
    with transaction.atomic():
        device = devices.select_for_update().first()
        refused = _refusal(device, code)
    # Raised outside the transaction, so that the failure django-otp counted is kept.
    if refused:
        raise refused
    return device


def _refusal(device, code):
    """Return why the device refuses the code, or None if it accepts it (and uses it up)."""
    if device is None:
        return CodeRefused(CodeRefused.WRONG)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return CodeRefused(CodeRefused.WAIT, details.get("locked_until"))
    if not device.verify_token(code):
        return CodeRefused(CodeRefused.WRONG)
    return None


@transaction.atomic
def remove_all(user):
    """Remove the user's authenticator apps and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
