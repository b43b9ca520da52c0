"""A deployment check: two-factor authentication must not be off on a live site."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def two_factor_required(app_configs, **kwargs):
    """Warn when staff can reach the admin with a password alone."""
    if settings.OTP_REQUIRED:
        return []
    return [
        checks.Warning(
            "OTP_REQUIRED is off: staff can sign in to the admin with a password alone.",
            hint="Unset OTP_REQUIRED (it is on unless DEBUG is set) or set OTP_REQUIRED=1.",
            id="signin.W001",
        )
    ]
