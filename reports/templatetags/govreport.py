"""Filters for people and times, written the same way on every page."""

from django import template

from reports import timefmt

register = template.Library()


@register.filter
def person(user):
    """Return a user's full name, else their username; "a former user" for a deleted account."""
    if user is None or user == "":
        return "a former user"
    return user.get_full_name() or user.get_username()


@register.filter
def govuk_time(moment):
    """Return a time as GOV.UK writes it, in UK time: "9:30am on 1 July 2013"."""
    return timefmt.govuk_time(moment) if moment else ""
