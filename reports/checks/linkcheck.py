"""The external link checker: run by `manage.py check_links` in the background, never in a request.

It stores one `LinkCheck` per URL; the content checks read the stored results without the network.
It refuses addresses on private networks (unless LINK_CHECK_ALLOW_PRIVATE is set), including
after redirects, so that a link in a report cannot make the server probe its own network.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from reports.models import LinkCheck

TIMEOUT = 10  # seconds per link
WORKERS = 4
USER_AGENT = "govreport-link-checker/1.0 (+https://www.gov.uk)"
RETRY_WITH_GET = {403, 405, 501}  # servers that refuse HEAD requests


class Refused(Exception):
    """The link points somewhere the checker will not go."""


def external_urls(reports):
    """Return the sorted, distinct http(s) URLs linked from the reports' text and media."""
    from .page import Page

    urls = set()
    for report in reports:
        page = Page(report)
        for field in page.text_fields():
            urls.update(link.url for link in field.prose.links)
        for item in page.media:
            urls.update(u for u in (item.url, item.captions_url) if u)
    return sorted(u for u in urls if u.startswith(("http://", "https://")))


def _check_host(url):
    if getattr(settings, "LINK_CHECK_ALLOW_PRIVATE", False):
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror as error:
        raise urllib.error.URLError(error) from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise Refused("the address is on a private network")


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _check_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_SafeRedirects)


def fetch_status(url, *, timeout=TIMEOUT):
    """Return (status_code, error) for a URL: a HEAD request, or a GET if HEAD is refused."""
    try:
        _check_host(url)
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
            try:
                with _opener.open(request, timeout=timeout) as response:
                    return response.status, ""
            except urllib.error.HTTPError as error:
                if method == "HEAD" and error.code in RETRY_WITH_GET:
                    continue
                return error.code, ""
    except Refused as error:
        return None, f"not checked: {error}"
    except TimeoutError:
        return None, f"no response within {timeout:g} seconds"
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            return None, f"no response within {timeout:g} seconds"
        return None, f"could not connect ({error.reason})"[:200]
    except (ValueError, OSError) as error:
        return None, f"could not connect ({error})"[:200]
    return None, "no response"


def check_urls(urls, *, timeout=TIMEOUT, max_age_hours=24):
    """Check the URLs not checked within max_age_hours; store and return their results."""
    if max_age_hours:
        since = timezone.now() - timedelta(hours=max_age_hours)
        recent = set(
            LinkCheck.objects.filter(url__in=urls, checked_at__gte=since).values_list(
                "url", flat=True
            )
        )
        urls = [u for u in urls if u not in recent]
    # The requests run in threads; the results are written here, on this thread's connection.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        outcomes = list(pool.map(lambda u: fetch_status(u, timeout=timeout), urls))
    return [
        LinkCheck.objects.update_or_create(
            url=url,
            defaults={"status_code": status, "error": error, "checked_at": timezone.now()},
        )[0]
        for url, (status, error) in zip(urls, outcomes, strict=True)
    ]
