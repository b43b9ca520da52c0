"""The editorial roles, the model permissions each one has, and who may take each action.

`RULES` is the one table of who may do what: the workflow, headlines, media, imports, previews
and the admin all ask `may(user, action)` or `require(user, action)`.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission

from .errors import NotPermitted

CONTENT_DESIGNER = "Content designer"
EDITOR = "Editor"
PUBLISHER = "Publisher"

_CONTENT = ["report", "section", "headlineoption", "mediaitem"]


def _perms(actions, models):
    return [f"{action}_{model}" for action in actions for model in models]


PERMISSIONS = {
    CONTENT_DESIGNER: [
        *_perms(["add", "change", "view"], _CONTENT),
        *_perms(["delete"], ["section", "headlineoption", "mediaitem"]),
        "view_series",
        "view_edition",
    ],
    EDITOR: [
        *_perms(["add", "change", "view", "delete"], _CONTENT),
        *_perms(["add", "change", "view"], ["series"]),
        "view_edition",
        "review_report",
        "vote_headlineoption",
        "choose_headlineoption",
    ],
    PUBLISHER: [
        *_perms(["view"], [*_CONTENT, "series", "edition"]),
        "publish_report",
    ],
}

CHANGE = "reports.change_report"
REVIEW = "reports.review_report"
PUBLISH = "reports.publish_report"


@dataclass(frozen=True)
class Rule:
    """Who may take an action: anyone holding one of `perms` (all of `also`), named for people."""

    perms: tuple[str, ...]
    who: str
    also: tuple[str, ...] = ()

    def allows(self, user):
        """Return True if the user may take the action."""
        if user is None or not user.is_active:
            return False
        return any(user.has_perm(p) for p in self.perms) and user.has_perms(self.also)


_AUTHORS = Rule((CHANGE,), "content designers and editors")
_EDITORS = Rule((REVIEW,), "editors")
_PUBLISHERS = Rule((PUBLISH,), "publishers")
_EDITORS_OR_PUBLISHERS = Rule((REVIEW, PUBLISH), "editors and publishers")

RULES = {
    # Changing content (every change goes through workflow.editing).
    "create": Rule(("reports.add_report",), "content designers and editors"),
    "edit": _AUTHORS,
    "import": _AUTHORS,
    "revert": _AUTHORS,
    "recover": Rule(("reports.add_report",), "content designers and editors", also=(CHANGE,)),
    "add_headline": _AUTHORS,
    "edit_headline": _AUTHORS,
    "prefer_headline": _AUTHORS,
    "choose_headline": Rule(("reports.choose_headlineoption",), "editors"),
    "add_media": Rule(("reports.add_mediaitem",), "content designers and editors", also=(CHANGE,)),
    "change_media": Rule(
        ("reports.change_mediaitem",), "content designers and editors", also=(CHANGE,)
    ),
    "delete_media": Rule(
        ("reports.delete_mediaitem",), "content designers and editors", also=(CHANGE,)
    ),
    # Discussing headlines: not content, never in a revision.
    "comment_headline": Rule(("reports.view_report",), "people who can see this report"),
    "vote_headline": Rule(("reports.vote_headlineoption",), "editors"),
    # The workflow.
    "submit": _AUTHORS,
    "withdraw_submission": _AUTHORS,
    "request_changes": _EDITORS,
    "approve": _EDITORS,
    "return_to_draft": _EDITORS_OR_PUBLISHERS,
    "open_new_edition": _AUTHORS,
    "publish": _PUBLISHERS,
    "force_publish": _PUBLISHERS,
    "schedule": _PUBLISHERS,
    "unschedule": _PUBLISHERS,
    "publish_scheduled": _PUBLISHERS,
    "withdraw": _PUBLISHERS,
    "unpublish": _PUBLISHERS,
    "complete_post_publication_review": _EDITORS_OR_PUBLISHERS,
    "preview_link": _EDITORS,
    "preview": Rule(("reports.view_report",), "people who can see reports"),
}


def may(user, action):
    """Return True if the user's role allows the action."""
    return RULES[action].allows(user)


def require(user, action, doing=None):
    """Raise NotPermitted unless the user's role allows the action."""
    if not may(user, action):
        raise NotPermitted(refusal(action, doing))


# How refusals name the actions whose names do not read well on their own.
DOING = {
    "create": "create reports",
    "edit": "change this report",
    "import": "import reports",
    "revert": "restore an earlier version",
    "recover": "recover deleted reports",
    "add_headline": "add headline options",
    "edit_headline": "change headline options",
    "prefer_headline": "mark the preferred headline",
    "choose_headline": "choose the headline",
    "add_media": "add media",
    "change_media": "change media",
    "delete_media": "delete media",
    "comment_headline": "comment on headline options",
    "vote_headline": "vote for headline options",
    "preview_link": "create or revoke preview links",
    "preview": "preview reports",
}


def refusal(action, doing=None):
    """Return the plain-English refusal for someone whose role does not allow the action."""
    doing = doing or DOING.get(action) or action.replace("_", " ")
    return (
        f"Only {RULES[action].who} can {doing}. "
        "Ask someone with that role, or an administrator, for help."
    )


def allowed(user, actions):
    """Return {action: True or False} for the user, for templates."""
    return {action: may(user, action) for action in actions}


def setup_roles():
    """Create or update the role groups so each has exactly its permissions; return them."""
    groups = {}
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {name}: {', '.join(sorted(missing))}")
        group.permissions.set(perms)
        groups[name] = group
    return groups
