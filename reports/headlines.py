"""Every change to a report's headline options: add, edit, reorder, retire, prefer, choose, vote,
comment.

Changes to the options are changes of the report's content: each goes through
`workflow.editing`, which locks the report, applies the workflow's consequences and records one
revision and one audit entry. Choosing among options is part of reviewing, so an editor who
chooses the headline may still approve the draft. Votes and comments are discussion rather than
content, so they are not part of report revisions (a revert must not erase them): each is a row
with its author and time, and every one is also written to the admin log.
"""

import logging

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import roles
from .errors import HeadlineRefused
from .headline_metrics import normalise
from .models import Edition, HeadlineComment, HeadlineOption, HeadlineVote, Report

logger = logging.getLogger(__name__)

TEXT_MAX = HeadlineOption._meta.get_field("text").max_length
ACTIONS = ["add", "edit", "prefer", "choose", "comment", "vote"]


def allowed(user):
    """Return which headline actions the user's role allows, e.g. {"vote": True, ...}."""
    return {action: roles.may(user, f"{action}_headline") for action in ACTIONS}


def _editing(report, *, by, action, comment):
    from . import workflow  # the workflow records headline changes; it also chooses on approval

    return workflow.editing(report, by=by, action=action, comment=comment)


def _locked(report):
    return Report.objects.select_for_update().get(pk=report.pk)


def _option(report, option):
    """Re-read the option under the report's lock; refuse an option of another report."""
    try:
        return report.headline_options.select_for_update().get(pk=option.pk)
    except HeadlineOption.DoesNotExist:
        raise HeadlineRefused("That headline option is not part of this report.") from None


def _current(option, doing):
    if option.retired:
        raise HeadlineRefused(f"\u201c{option.text}\u201d is retired: it cannot be {doing}.")


def _clean(text, notes=""):
    text = normalise(text or "")
    if not text:
        raise HeadlineRefused("Enter the headline text.", field="text")
    if len(text) > TEXT_MAX:
        raise HeadlineRefused(
            f"Headline text must be {TEXT_MAX} characters or fewer.", field="text"
        )
    return text, (notes or "").strip()


def _unique(report, text, *, exclude=None):
    others = report.headline_options.current().exclude(pk=getattr(exclude, "pk", None))
    if any(o.text.casefold() == text.casefold() for o in others):
        raise HeadlineRefused(
            f"This report already has the option \u201c{text}\u201d.", field="text"
        )


def _log(report, by, message, action):
    """Write the admin log entry; the server log gets ids only, as drafts are private."""
    LogEntry.objects.log_actions(
        by.pk, [report], CHANGE, change_message=message, single_object=True
    )
    logger.info("Headline %s on report %s by user %s", action, report.pk, by.pk)


def _next_position(report):
    last = report.headline_options.current().order_by("-position").first()
    return (last.position + 1) if last else 1


def add_option(report, *, by, text, notes=""):
    """Add a candidate headline at the end of the report's options."""
    text, notes = _clean(text, notes)
    comment = f"Added headline option \u201c{text}\u201d"
    with _editing(report, by=by, action="add_headline", comment=comment) as change:
        _unique(change.report, text)
        option = HeadlineOption.objects.create(
            report=change.report,
            text=text,
            notes=notes,
            author=by,
            position=_next_position(change.report),
        )
    return option


def edit_option(option, *, by, text, notes=""):
    """Rewrite an option's text or notes; a chosen option stays chosen with its new words."""
    text, notes = _clean(text, notes)
    with _editing(option.report, by=by, action="edit_headline", comment="") as change:
        option = _option(change.report, option)
        _current(option, "edited")
        _unique(change.report, text, exclude=option)
        if (option.text, option.notes) == (text, notes):
            change.discard()
            return option
        if option.text != text:
            change.comment = (
                f"Changed headline option \u201c{option.text}\u201d to \u201c{text}\u201d"
            )
        else:
            change.comment = f"Changed the notes on headline option \u201c{text}\u201d"
        option.text, option.notes = text, notes
        option.save(update_fields=["text", "notes"])
    return option


def _apply_order(report, option_ids):
    options = {o.pk: o for o in report.headline_options.current().select_for_update()}
    if sorted(options) != sorted(option_ids):
        raise HeadlineRefused("The options changed while you were ordering them: try again.")
    for position, pk in enumerate(option_ids, start=1):
        option = options[pk]
        if option.position != position:
            option.position = position
            option.save(update_fields=["position"])


def reorder(report, option_ids, *, by):
    """Put the report's current options in the given order (a list of their ids)."""
    comment = "Reordered the headline options"
    with _editing(report, by=by, action="edit_headline", comment=comment) as change:
        _apply_order(change.report, [int(pk) for pk in option_ids])


def move(option, *, by, up):
    """Move a current option one place up (earlier in the list) or down."""
    with _editing(option.report, by=by, action="edit_headline", comment="") as change:
        option = _option(change.report, option)
        _current(option, "moved")
        order = list(change.report.headline_options.current().values_list("pk", flat=True))
        at = order.index(option.pk)
        to = at - 1 if up else at + 1
        if not 0 <= to < len(order):
            place = "first" if up else "last"
            raise HeadlineRefused(f"\u201c{option.text}\u201d is already {place}.")
        order[at], order[to] = order[to], order[at]
        _apply_order(change.report, order)
        change.comment = f"Moved headline option \u201c{option.text}\u201d {'up' if up else 'down'}"
    return option


def retire(option, *, by):
    """Take an option out of the running; it stays in the report's history and can be restored."""
    with _editing(option.report, by=by, action="edit_headline", comment="") as change:
        option = _option(change.report, option)
        _current(option, "retired again")
        if option.chosen:
            raise HeadlineRefused(
                f"\u201c{option.text}\u201d is the chosen headline. Choose another option "
                "before you retire this one."
            )
        option.retired, option.retired_at, option.retired_by = True, timezone.now(), by
        option.preferred = False
        option.save(update_fields=["retired", "retired_at", "retired_by", "preferred"])
        change.comment = f"Retired headline option \u201c{option.text}\u201d"
    return option


def restore(option, *, by):
    """Bring a retired option back into the running, at the end of the list."""
    with _editing(option.report, by=by, action="edit_headline", comment="") as change:
        option = _option(change.report, option)
        if not option.retired:
            raise HeadlineRefused(f"\u201c{option.text}\u201d is not retired.")
        _unique(change.report, option.text, exclude=option)
        option.position = _next_position(change.report)
        option.retired, option.retired_at, option.retired_by = False, None, None
        option.save(update_fields=["retired", "retired_at", "retired_by", "position"])
        change.comment = f"Restored headline option \u201c{option.text}\u201d"
    return option


def prefer(option, *, by):
    """Mark the authors' preferred option, suggested to the editor who chooses the headline."""
    with _editing(option.report, by=by, action="prefer_headline", comment="") as change:
        option = _option(change.report, option)
        _current(option, "preferred")
        if option.preferred:
            raise HeadlineRefused(f"\u201c{option.text}\u201d is already the preferred option.")
        for other in change.report.headline_options.filter(preferred=True):
            other.preferred = False
            other.save(update_fields=["preferred"])
        option.preferred = True
        option.save(update_fields=["preferred"])
        change.comment = f"Marked headline option \u201c{option.text}\u201d as preferred"
    return option


def choose(report, option, *, by, reason=""):
    """Choose the headline readers will see as the report's title from its next edition.

    Choosing is part of reviewing: a report in review stays in review, and the chooser may
    still approve it.
    """
    with _editing(report, by=by, action="choose_headline", comment="") as change:
        previous = change.report.chosen_headline()
        option = _set_chosen(change.report, option, by=by, reason=reason)
        comment = f"Chose headline \u201c{option.text}\u201d"
        if previous:
            comment += f" instead of \u201c{previous.text}\u201d"
        reason = normalise(reason or "")
        change.comment = f"{comment}: {reason}" if reason else comment
    return option


def _set_chosen(report, option, *, by, reason=""):
    """Make option the chosen headline of the locked report; the caller records the change."""
    option = _option(report, option)
    _current(option, "chosen")
    if option.chosen:
        raise HeadlineRefused(f"\u201c{option.text}\u201d is already the chosen headline.")
    previous = report.headline_options.filter(chosen=True).first()
    if previous:
        # Unset the old choice first: the database allows one chosen option per report.
        previous.chosen, previous.chosen_by, previous.chosen_at = False, None, None
        previous.chosen_reason = ""
        previous.save(update_fields=["chosen", "chosen_by", "chosen_at", "chosen_reason"])
    option.chosen, option.chosen_by, option.chosen_at = True, by, timezone.now()
    option.chosen_reason = normalise(reason or "")
    option.save(update_fields=["chosen", "chosen_by", "chosen_at", "chosen_reason"])
    return option


def comment(option, *, by, text):
    """Add a comment to an option's discussion."""
    roles.require(by, "comment_headline")
    text = (text or "").strip()
    if not text:
        raise HeadlineRefused("Enter your comment.", field="text")
    with transaction.atomic():
        report = _locked(option.report)
        option = _option(report, option)
        _current(option, "commented on")
        note = HeadlineComment.objects.create(option=option, author=by, text=text)
        _log(report, by, f"Commented on headline option \u201c{option.text}\u201d", "comment")
    return note


def vote(option, *, by):
    """Record the editor's vote for an option; one vote per editor per option."""
    roles.require(by, "vote_headline")
    with transaction.atomic():
        report = _locked(option.report)
        option = _option(report, option)
        _current(option, "voted for")
        if option.votes.filter(user=by).exists():
            raise HeadlineRefused(f"You have already voted for \u201c{option.text}\u201d.")
        try:
            with transaction.atomic():
                ballot = HeadlineVote.objects.create(option=option, user=by)
        except IntegrityError:
            raise HeadlineRefused(
                f"You have already voted for \u201c{option.text}\u201d."
            ) from None
        _log(report, by, f"Voted for headline option \u201c{option.text}\u201d", "vote")
    return ballot


def unvote(option, *, by):
    """Withdraw the editor's vote for an option."""
    roles.require(by, "vote_headline")
    with transaction.atomic():
        report = _locked(option.report)
        option = _option(report, option)
        deleted, _ = option.votes.filter(user=by).delete()
        if not deleted:
            raise HeadlineRefused(f"You have not voted for \u201c{option.text}\u201d.")
        _log(report, by, f"Withdrew vote for headline option \u201c{option.text}\u201d", "unvote")


def titles_in_use(report):
    """Return every other report's working title, chosen headline and published titles."""
    others = Report.objects.exclude(pk=report.pk)
    titles = set(others.values_list("title", flat=True))
    titles |= set(
        HeadlineOption.objects.filter(chosen=True)
        .exclude(report=report)
        .values_list("text", flat=True)
    )
    titles |= set(Edition.objects.exclude(report=report).values_list("title", flat=True))
    return sorted(titles)
