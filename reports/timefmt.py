"""Times as GOV.UK writes them, in UK time: "9:30am on 1 July 2013"."""

from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def govuk_time(moment):
    """Return a date and time as GOV.UK writes it, in UK time: "9:30am on 1 July 2013"."""
    local = timezone.localtime(moment, LONDON)
    hour = local.hour % 12 or 12
    meridiem = "am" if local.hour < 12 else "pm"
    return f"{hour}:{local.minute:02d}{meridiem} on {local.day} {local:%B %Y}"


def govuk_date(moment):
    """Return a date as GOV.UK writes it, in UK time: "1 July 2013"."""
    local = timezone.localtime(moment, LONDON) if hasattr(moment, "hour") else moment
    return f"{local.day} {local:%B %Y}"
