"""The values people give workflow actions, checked: comments, change notes, times, redirects."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from ..errors import InvalidInput
from ..timefmt import LONDON

SCHEDULE_LEAD_TIME = timezone.timedelta(minutes=5)


def required(value, field, message):
    """Return the stripped value, or refuse with message if it is empty."""
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, field=field)
    return value


def change_note(report, note, minor):
    """Return the change note after checking it fits the edition (GOV.UK's major/minor rule)."""
    note = (note or "").strip()
    first = not report.editions.exists()
    if minor and note:
        raise InvalidInput(
            "A minor change has no public change note: remove the note, or make it a major change.",
            field="change_note",
        )
    if minor and first:
        raise InvalidInput("The first edition can't be a minor change.", field="minor")
    if not first and not minor and not note:
        raise InvalidInput(
            "Write a change note telling readers what changed, or mark this a minor change "
            "(for example, fixing a typo).",
            field="change_note",
        )
    return note


def redirect_url(url):
    """Return a redirect for an unpublished page: a full web address or a path on this site."""
    url = (url or "").strip()
    if not url or (url.startswith("/") and not url.startswith("//")):
        return url
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise InvalidInput(
            "Enter a redirect as a full web address (https://…) or a path on this site (/…).",
            field="redirect_url",
        ) from None
    return url


def publish_time(at, *, now=None):
    """Return when to publish, in the future by at least the lead time; naive means UK time."""
    if at is None:
        raise InvalidInput("Choose when to publish it.", field="at")
    if timezone.is_naive(at):
        at = timezone.make_aware(at, LONDON)
    now = now or timezone.now()
    if at <= now:
        raise InvalidInput("That time has passed: choose a time in the future.", field="at")
    if at < now + SCHEDULE_LEAD_TIME:
        raise InvalidInput(
            "Choose a time at least 5 minutes from now, so there is time to unschedule it.",
            field="at",
        )
    return at
