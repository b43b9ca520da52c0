"""Slugs that nothing else uses: "title", then "title-2", "title-3"..."""

from django.utils.text import slugify


def unique(base, taken):
    """Return base, or base-2, base-3... whichever is not in taken."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def free_slug(text, queryset, *, max_length, fallback):
    """Return a slug of text that no row of queryset has as its slug."""
    base = slugify(text)[:max_length] or fallback
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    return unique(base, taken)
