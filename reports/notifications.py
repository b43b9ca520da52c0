"""Workflow emails, sent once the action's transaction commits.

Emails name the report and link to it in the admin; they never carry draft text or comments,
which stay inside govreport.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from . import roles

logger = logging.getLogger(__name__)


def _admin_link(report):
    return settings.SITE_URL + reverse("admin:reports_report_change", args=[report.pk])


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "govreport"


def _send(subject, lines, recipients):
    """Send one email per recipient after commit; a mail failure never undoes the action."""
    addresses = sorted({user.email for user in recipients if user and user.email})
    if not addresses:
        return

    def deliver():
        for address in addresses:
            try:
                send_mail(subject, "\n\n".join(lines), None, [address])
            except Exception:
                logger.exception("Could not send the email %r", subject)

    transaction.on_commit(deliver)


def submitted(report, *, by):
    """Tell editors a report is waiting for review."""
    editors = (
        get_user_model()
        .objects.filter(groups__name=roles.EDITOR, is_active=True)
        .exclude(pk=by.pk)
        .distinct()
    )
    _send(
        f"Review needed: {report.title}",
        [
            f"{_name(by)} submitted \u201c{report.title}\u201d for review.",
            "An editor who did not write or edit it needs to approve it or request changes:",
            _admin_link(report),
        ],
        editors,
    )


def changes_requested(report, *, by, submitter):
    """Tell the submitter an editor asked for changes."""
    _send(
        f"Changes requested: {report.title}",
        [
            f"{_name(by)} asked for changes to \u201c{report.title}\u201d.",
            "Read their comments in govreport:",
            _admin_link(report),
        ],
        [submitter],
    )


def approved(report, *, by, submitter):
    """Tell the submitter their report was approved."""
    _send(
        f"Approved: {report.title}",
        [
            f"{_name(by)} approved \u201c{report.title}\u201d. A publisher can now publish it.",
            _admin_link(report),
        ],
        [submitter],
    )


def scheduled_published(report, *, edition, publisher):
    """Tell the publisher their scheduled publication happened."""
    _send(
        f"Published as scheduled: {report.title}",
        [
            f"\u201c{report.title}\u201d (edition {edition.number}) was published as you "
            "scheduled it.",
            settings.SITE_URL + report.get_absolute_url(),
        ],
        [publisher],
    )


def scheduled_failed(report, *, publisher, reason):
    """Tell the publisher their scheduled publication failed."""
    _send(
        f"Scheduled publication failed: {report.title}",
        [
            f"\u201c{report.title}\u201d was not published as scheduled: {reason}.",
            "It is approved again. Fix the problem, then publish or schedule it:",
            _admin_link(report),
        ],
        [publisher],
    )
