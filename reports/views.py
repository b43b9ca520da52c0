from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from . import previews
from .models import Edition, Unpublishing


def index(request):
    """List published reports, newest first."""
    page = Paginator(Edition.objects.live().order_by("-published_at"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "reports/index.html", {"page": page})


def detail(request, slug):
    """Show the live edition of a report."""
    edition = Edition.objects.live().filter(slug=slug).first()
    if edition is None:
        return removed(request, slug)
    return render(request, "reports/detail.html", {"edition": edition})


def page_not_found(request, exception):
    """GOV.UK-styled 404."""
    return render(request, "404.html", status=404)


def server_error(request):
    """GOV.UK-styled 500, rendered without a request context that might fail again."""
    return render(request, "500.html", status=500)


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
        edition = previews.draft_edition(link.report)
        response = render(request, "reports/preview.html", {"edition": edition, "link": link})
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
