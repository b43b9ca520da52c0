from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Edition


def index(request):
    """List published reports, newest first."""
    page = Paginator(Edition.objects.live().order_by("-published_at"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "reports/index.html", {"page": page})


def detail(request, slug):
    """Show the live edition of a report."""
    edition = get_object_or_404(Edition.objects.live(), slug=slug)
    return render(request, "reports/detail.html", {"edition": edition})


def page_not_found(request, exception):
    """GOV.UK-styled 404."""
    return render(request, "404.html", status=404)


def server_error(request):
    """GOV.UK-styled 500, rendered without a request context that might fail again."""
    return render(request, "500.html", status=500)
