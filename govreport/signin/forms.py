"""The form of the two-factor pages: one field for a code, checked by a function of devices."""

import math

from django import forms
from django.utils import timezone
from django.utils.timesince import timeuntil

from govreport.signin.devices import CodeRefused

WRONG = (
    "The code is wrong or has expired. Codes change every 30 seconds: enter the one your app "
    "shows now"
)
WAIT = "Too many wrong codes. Wait {wait}, then try again"
SIGN_IN_MALFORMED = (
    "Enter the 6-digit code from your authenticator app, or a recovery code (8 letters and numbers)"
)
SET_UP_MALFORMED = "Enter the 6-digit code your authenticator app shows"


class CodeForm(forms.Form):
    """Ask for a code; keep what the check returned when it accepted the code."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "off",
                "autofocus": True,
                "aria-describedby": "code-hint",
            }
        ),
    )

    def __init__(self, *args, check, malformed=SIGN_IN_MALFORMED, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check
        self.malformed = malformed
        self.result = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        try:
            self.result = self.check(code)
        except CodeRefused as refused:
            raise forms.ValidationError(self.message(refused)) from None
        return code

    def message(self, refused):
        """Return the plain-English reason for a refused code."""
        if refused.reason == CodeRefused.MALFORMED:
            return self.malformed
        if refused.reason == CodeRefused.WAIT:
            return WAIT.format(wait=_time_until(refused.locked_until))
        return WRONG


def _time_until(moment):
    seconds = max(1, math.ceil((moment - timezone.now()).total_seconds()))
    if seconds < 60:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    return timeuntil(moment)
