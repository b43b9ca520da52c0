"""Preview links: signed, expiring, revocable links that show a draft edition to people without an
account, such as a minister's office checking facts."""

import secrets
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from . import editions, roles
from .errors import InvalidInput, WorkflowError
from .models import PreviewLink, PreviewVisit, Report
from .workflow import DRAFT_STATES

SALT = "reports.preview-link"
DEFAULT_DAYS = 7
MAX_DAYS = 30


@transaction.atomic
def create_link(report, *, by, days=DEFAULT_DAYS, note=""):
    """Create a preview link to the report's current draft edition, valid for some days."""
    roles.require(by, "preview_link")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status not in DRAFT_STATES:
        raise WorkflowError("Only a draft edition can be previewed: edit the report first.")
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"A link can last from 1 to {MAX_DAYS} days.", field="days")
    now = timezone.now()
    return PreviewLink.objects.create(
        report=report,
        edition_number=editions.next_number(report),
        key=secrets.token_urlsafe(32),
        note=note.strip(),
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )


@transaction.atomic
def revoke_link(link, *, by):
    """Stop a preview link working at once."""
    roles.require(by, "preview_link")
    link = PreviewLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), by
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def token(link):
    """Return the signed token that goes in the link's address."""
    return signing.Signer(salt=SALT).sign(link.key)


def resolve(token_):
    """Return the usable preview link for a token, or None if it is forged, expired or revoked."""
    try:
        key = signing.Signer(salt=SALT).unsign(token_)
    except signing.BadSignature:
        return None
    link = PreviewLink.objects.select_related("report").filter(key=key).first()
    if link is None or not link.is_active():
        return None
    report = link.report
    if report.status not in DRAFT_STATES or editions.next_number(report) != link.edition_number:
        return None  # that draft has been published; the link does not follow later drafts
    return link


def record_visit(link, *, user_agent=""):
    """Log a visit: when, and a shortened user agent; nothing that identifies the visitor."""
    PreviewVisit.objects.create(link=link, user_agent=(user_agent or "")[:60])
