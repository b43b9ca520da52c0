"""The editorial roles and the model permissions each one has."""

from django.contrib.auth.models import Group, Permission

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
        "choose_headlineoption",
    ],
}


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
