"""The public site: it reads only live editions and renders no markdown."""

import logging
import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import editions, http, previews
from .models import Edition, Series, Unpublishing

logger = logging.getLogger(__name__)
PER_PAGE = 20
PLAIN_500 = (
    '<!DOCTYPE html><html lang="en-GB"><title>Sorry, there is a problem with the service</title>'
    "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></html>"
)


def index(request):
    """List published reports, newest first, optionally in one series."""
    editions = Edition.objects.listing()
    series_slug = request.GET.get("series", "")
    if series_slug:
        editions = editions.filter(series__slug=series_slug)
    all_series = list(Series.objects.filter(pk__in=Edition.objects.live().values("series_id")))
    page = Paginator(editions, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page)
    etag = http.etag_for("index", *[_state(e) for e in shown], *[s.pk for s in all_series])
    last_modified = max((_changed_at(e) for e in shown), default=None)
    if last_modified and (
        response := http.not_modified(request, etag=etag, last_modified=last_modified)
    ):
        return response
    chosen = next((s for s in all_series if s.slug == series_slug), None)
    context = {
        "page": page,
        "editions": shown,
        "all_series": all_series,
        "chosen_series": chosen,
        "series_slug": series_slug,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1),
        "canonical_url": _canonical(request, request.get_full_path()),
    }
    return http.public(
        render(request, "reports/index.html", context), etag=etag, last_modified=last_modified
    )


def detail(request, slug):
    """Show the live edition of a report: two queries, whatever its size."""
    edition = Edition.objects.live().select_related("unpublishing").filter(slug=slug).first()
    if edition is None:
        return removed(request, slug)
    neighbours = list(Edition.objects.neighbours(edition))
    etag = http.etag_for("report", _state(edition), *[f"{n.pk}.{n.title}" for n in neighbours])
    last_modified = max([_changed_at(edition), *(n.published_at for n in neighbours)])
    if response := http.not_modified(request, etag=etag, last_modified=last_modified):
        return response
    return http.public(
        render_edition(request, edition, neighbours=neighbours),
        etag=etag,
        last_modified=last_modified,
    )


def render_edition(
    request, edition, *, neighbours=(), preview=False, template="reports/detail.html", **extra
):
    """Render an edition (saved or a draft preview) as the public report page."""
    key = (edition.sort_date, edition.pk or 0)
    context = {
        "edition": edition,
        "previous": next((n for n in neighbours if (n.sort_date, n.pk) < key), None),
        "next": next((n for n in neighbours if (n.sort_date, n.pk) > key), None),
        "preview": preview,
        "canonical_url": _canonical(request, edition.get_absolute_url()),
        **extra,
    }
    return render(request, template, context)


def page_not_found(request, exception):
    """GOV.UK-styled 404."""
    return render(request, "404.html", {"canonical_url": None}, status=404)


def server_error(request):
    """GOV.UK-styled 500, or 503 if the database cannot be reached; never a second error.

    Django calls this while handling the exception (from a view or a middleware), so
    sys.exception() is the error being answered.
    """
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return service_unavailable(request)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the error page must not raise
        return HttpResponseServerError(PLAIN_500)


def service_unavailable(request):
    """Tell readers, caches and monitors that the service is down for now: 503 with Retry-After.

    The page needs no database. Django reconnects on the next request once it is back.
    """
    logger.warning("Database unavailable: answering 503 for %s", request.path)
    try:
        response = render(request, "503.html", status=503)
    except Exception:  # noqa: BLE001 - the error page must not raise
        response = HttpResponse(PLAIN_500, status=503)
    response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
    patch_cache_control(response, no_store=True)
    return response


def _state(edition):
    """What readers see of a live edition, for ETags: which edition, and whether it is withdrawn."""
    return f"{edition.pk}.{edition.number}{'.withdrawn' if edition.withdrawal else ''}"


def _changed_at(edition):
    """When readers' view of a live edition last changed: published, or later withdrawn."""
    withdrawal = edition.withdrawal
    return max(edition.published_at, withdrawal.at) if withdrawal else edition.published_at


def _canonical(request, path=None):
    return settings.SITE_URL + (path or request.path)


# Editorial workflow: removed pages and draft previews ---------------------------------------------


def removed(request, slug):
    """Redirect or say "gone" (410) for an unpublished report; otherwise 404."""
    unpublishing = (
        Unpublishing.objects.filter(kind=Unpublishing.Kind.UNPUBLISHED, edition__slug=slug)
        .order_by("-at")
        .first()
    )
    if unpublishing is None:
        raise Http404
    if unpublishing.redirect_url:
        return HttpResponsePermanentRedirect(unpublishing.redirect_url)
    return render(request, "410.html", status=410)


def preview(request, token):
    """Show a draft edition to someone holding a valid preview link; never indexed or cached."""
    link = previews.resolve(token)
    if link is None:
        response = render(request, "reports/preview_unavailable.html", status=404)
    else:
        previews.record_visit(link, user_agent=request.headers.get("User-Agent", ""))
        response = render_edition(
            request,
            editions.draft(link.report),
            preview=True,
            template="reports/preview.html",
            link=link,
        )
    response["Referrer-Policy"] = "no-referrer"
    return http.mark_private(response)
