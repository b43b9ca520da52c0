"""HTTP caching and indexing headers for public pages, drafts and previews."""

from functools import wraps

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag


def public(response, *, etag=None, last_modified=None):
    """Let browsers and CDNs cache a published page for PUBLIC_CACHE_SECONDS."""
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    if etag:
        response.headers.setdefault("ETag", quote_etag(etag))
    if last_modified:
        response.headers.setdefault("Last-Modified", _http_date(last_modified))
    return response


def not_modified(request, *, etag, last_modified):
    """Return a 304 (or 412) response if the client's copy is current, else None."""
    response = get_conditional_response(
        request, etag=quote_etag(etag), last_modified=int(last_modified.timestamp())
    )
    return public(response, etag=etag, last_modified=last_modified) if response else None


def mark_private(response):
    """Keep a draft or preview out of caches and search engines."""
    patch_cache_control(response, no_cache=True, no_store=True, private=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def noindex_no_cache(view):
    """Decorate a draft or preview view so that nothing caches or indexes its responses."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_private(view(request, *args, **kwargs))

    return wrapped


def etag_for(*parts):
    """Return an ETag value that changes when any part or the deployed release changes."""
    return "-".join(str(p) for p in (settings.RELEASE, *parts))


def _http_date(moment):
    return http_date(moment.timestamp())


def public_view(view):
    """Decorate a view of published content with the public cache headers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return public(view(request, *args, **kwargs))

    return wrapped
