"""Every change to a report's headline options: add, edit, reorder, retire, vote, comment, choose.

Each function checks the user's permission, locks the report's row, and changes state inside one
transaction. Changes to the options themselves write one reversion revision of the report (which
follows its headline options) with the user and a plain-English comment. Votes and comments are
discussion rather than content, so they are not part of report revisions (a revert must not erase
them): each is a row with its author and time, and every one is also written to the admin log.
"""

import logging

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import locking
from .errors import HeadlineRefused, NotPermitted
from .headline_metrics import normalise
from .models import Edition, HeadlineComment, HeadlineOption, HeadlineVote, Report

logger = logging.getLogger(__name__)

TEXT_MAX = HeadlineOption._meta.get_field("text").max_length

RULES = {
    "add": ("reports.add_headlineoption", "Only editors and content designers can add options."),
    "edit": (
        "reports.change_headlineoption",
        "Only editors and content designers can change options.",
    ),
    "comment": ("reports.view_report", "Only people who can see this report can comment on it."),
    "vote": ("reports.vote_headlineoption", "Only editors can vote for headline options."),
    "choose": (
        "reports.choose_headlineoption",
        "Only an editor or a publisher can choose the headline.",
    ),
}


def allowed(user):
    """Return which headline actions the user may take, e.g. {"vote": True, ...}."""
    return {action: user.has_perm(perm) for action, (perm, _) in RULES.items()}


def _require(user, action):
    perm, refusal = RULES[action]
    if not user.has_perm(perm):
        raise NotPermitted(refusal)


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


def _revision(report, *, by, comment, action):
    """Record the report and its options as one revision, and log it."""
    locking.record_change(report, by=by, comment=comment)
    _log(report, by, comment, action)


def add_option(report, *, by, text, notes=""):
    """Add a candidate headline at the end of the report's options."""
    _require(by, "add")
    text, notes = _clean(text, notes)
    with transaction.atomic(), reversion.create_revision():
        report = _locked(report)
        _unique(report, text)
        last = report.headline_options.order_by("-position").first()
        option = HeadlineOption.objects.create(
            report=report,
            text=text,
            notes=notes,
            author=by,
            position=(last.position + 1) if last else 1,
        )
        _revision(
            report, by=by, comment=f"Added headline option \u201c{text}\u201d", action="added"
        )
    return option


def edit_option(option, *, by, text, notes=""):
    """Rewrite an option's text or notes; a chosen option stays chosen with its new words."""
    _require(by, "edit")
    text, notes = _clean(text, notes)
    with transaction.atomic(), reversion.create_revision():
        report = _locked(option.report)
        option = _option(report, option)
        _current(option, "edited")
        _unique(report, text, exclude=option)
        if (option.text, option.notes) == (text, notes):
            return option
        if option.text != text:
            comment = f"Changed headline option \u201c{option.text}\u201d to \u201c{text}\u201d"
        else:
            comment = f"Changed the notes on headline option \u201c{text}\u201d"
        option.text, option.notes = text, notes
        option.save(update_fields=["text", "notes"])
        _revision(report, by=by, comment=comment, action="edited")
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
    _require(by, "edit")
    with transaction.atomic(), reversion.create_revision():
        report = _locked(report)
        _apply_order(report, [int(pk) for pk in option_ids])
        _revision(report, by=by, comment="Reordered the headline options", action="reordered")


def move(option, *, by, up):
    """Move a current option one place up (earlier in the list) or down."""
    _require(by, "edit")
    with transaction.atomic(), reversion.create_revision():
        report = _locked(option.report)
        option = _option(report, option)
        _current(option, "moved")
        order = list(report.headline_options.current().values_list("pk", flat=True))
        at = order.index(option.pk)
        to = at - 1 if up else at + 1
        if not 0 <= to < len(order):
            place = "first" if up else "last"
            raise HeadlineRefused(f"\u201c{option.text}\u201d is already {place}.")
        order[at], order[to] = order[to], order[at]
        _apply_order(report, order)
        way = "up" if up else "down"
        _revision(
            report,
            by=by,
            comment=f"Moved headline option \u201c{option.text}\u201d {way}",
            action="moved",
        )
    return option


def retire(option, *, by):
    """Take an option out of the running; it stays in the report's history and can be restored."""
    _require(by, "edit")
    with transaction.atomic(), reversion.create_revision():
        report = _locked(option.report)
        option = _option(report, option)
        _current(option, "retired again")
        if option.chosen:
            raise HeadlineRefused(
                f"\u201c{option.text}\u201d is the chosen headline. Choose another option "
                "before you retire this one."
            )
        option.retired, option.retired_at, option.retired_by = True, timezone.now(), by
        option.save(update_fields=["retired", "retired_at", "retired_by"])
        _revision(
            report,
            by=by,
            comment=f"Retired headline option \u201c{option.text}\u201d",
            action="retired",
        )
    return option


def restore(option, *, by):
    """Bring a retired option back into the running, at the end of the list."""
    _require(by, "edit")
    with transaction.atomic(), reversion.create_revision():
        report = _locked(option.report)
        option = _option(report, option)
        if not option.retired:
            raise HeadlineRefused(f"\u201c{option.text}\u201d is not retired.")
        _unique(report, option.text, exclude=option)
        last = report.headline_options.current().order_by("-position").first()
        option.retired, option.retired_at, option.retired_by = False, None, None
        option.position = (last.position + 1) if last else 1
        option.save(update_fields=["retired", "retired_at", "retired_by", "position"])
        _revision(
            report,
            by=by,
            comment=f"Restored headline option \u201c{option.text}\u201d",
            action="restored",
        )
    return option


def choose(report, option, *, by, reason=""):
    """Choose the headline readers will see as the report's title from its next edition."""
    _require(by, "choose")
    reason = normalise(reason or "")
    with transaction.atomic(), reversion.create_revision():
        report = _locked(report)
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
        option.chosen_reason = reason
        option.save(update_fields=["chosen", "chosen_by", "chosen_at", "chosen_reason"])
        comment = f"Chose headline \u201c{option.text}\u201d"
        if previous:
            comment += f" instead of \u201c{previous.text}\u201d"
        comment = f"{comment}: {reason}" if reason else comment
        _revision(report, by=by, comment=comment, action="chosen")
    return option


def comment(option, *, by, text):
    """Add a comment to an option's discussion."""
    _require(by, "comment")
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
    _require(by, "vote")
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
    _require(by, "vote")
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
