"""Link checks: broken anchors, unpublished reports, odd schemes, malformed URLs, vague text."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.timezone import localtime

from reports.models import Edition, LinkCheck

from . import check, rules

ERROR, WARNING = "error", "warning"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_HOST = re.compile(
    r"^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_REPORT_PATH = re.compile(rules.REPORT_PATH)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LINK_KINDS = {"inline", "reference", "autolink", "definition", "image"}


def _links(page, kinds=LINK_KINDS):
    for field in page.text_fields():
        for link in field.prose.links:
            if link.kind in kinds:
                yield field, link


def anchors(page):
    """Return the fragments a link on this page may point to."""
    found = set(rules.PAGE_ANCHORS)
    for section in page.sections:
        found.add(section.anchor)
        for m in _HEADING.finditer(section.body or ""):
            found.add(slugify(m.group(1)))
    return found


def _site_path(url):
    """Return the path of a link to this site (relative, or absolute on SITE_URL), else None."""
    if url.startswith("/") and not url.startswith("//"):
        return urlsplit(url).path
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc == site.netloc:
        return parts.path
    return None


@check(ERROR)
def internal_links(page):
    """Links to #anchors that don't exist on the page, or to reports that are not published."""
    targets, report_links = anchors(page), []
    for field, link in _links(page):
        if link.url.startswith("#"):
            if link.url[1:] not in targets:
                yield page.finding(
                    "broken-anchor",
                    ERROR,
                    f"No section or heading on this page has the anchor “{link.url}”.",
                    field,
                    link.url_start,
                    link.url_end,
                    "Use the anchor of a section, or remove the link.",
                )
            continue
        path = _site_path(link.url)
        match = _REPORT_PATH.match(path) if path else None
        if match:
            report_links.append((field, link, match.group(1)))
    slugs = {slug for _, _, slug in report_links}
    live = set(Edition.objects.live().filter(slug__in=slugs).values_list("slug", flat=True))
    for field, link, slug in report_links:
        if slug not in live:
            yield page.finding(
                "unpublished-report-link",
                ERROR,
                f"This links to the report “{slug}”, which is not published.",
                field,
                link.url_start,
                link.url_end,
                "Publish that report first, or remove the link.",
            )


def url_problem(url):
    """Return (message, suggestion) if the URL is malformed or uses a refused scheme, else None."""
    if url.startswith(("#", "/")) and not url.startswith("//"):
        return None
    scheme = _SCHEME.match(url)
    if not scheme:
        if _HOST.match(url.split("/")[0]):
            return "This link has no “https://” at the start.", f"https://{url}"
        return "This link is not a full web address.", None
    name = scheme.group(1).lower()
    if name not in rules.ALLOWED_SCHEMES:
        return f"Links starting “{name}:” are not allowed: use a web address.", None
    if name == "mailto":
        address = url[len("mailto:") :].split("?")[0]
        return None if _EMAIL.match(address) else ("This email link has no valid address.", None)
    rest = url[scheme.end() :]
    if not rest.startswith("//"):
        fixed = f"{name}://{rest.lstrip('/')}"
        return "This web address is malformed: it needs “//” after the colon.", fixed
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "This web address is malformed.", None
    if not _HOST.match(host) and host != "localhost":
        return f"This web address has no valid site name (“{host}”).", None
    if re.search(r"\s", url):
        return "This web address contains a space.", url.replace(" ", "%20")
    return None


@check(ERROR)
def malformed_links(page):
    """Links with a scheme other than http(s) or mailto, or that are not valid addresses."""
    for field, link in _links(page):
        problem = url_problem(link.url)
        if problem:
            message, suggestion = problem
            check_id = "link-scheme" if "not allowed" in message else "malformed-url"
            yield page.finding(
                check_id,
                ERROR,
                message,
                field,
                link.url_start,
                link.url_end,
                f"Change it to {suggestion}" if suggestion else None,
            )


def _plain(text):
    return re.sub(r"[^\w\s]", "", re.sub(r"[*_`]", "", text)).strip().lower()


@check(WARNING)
def link_text(page):
    """Link text should say where the link goes: not "click here", not a bare URL."""
    vague = set(rules.VAGUE_LINK_TEXT)
    for field, link in _links(page, {"inline", "reference", "autolink"}):
        text = link.text.strip()
        if link.kind == "autolink" or re.match(r"^(?:https?://|www\.)", text):
            message = "The link text is a bare web address."
        elif _plain(text) in vague:
            message = f"The link text “{text}” does not say where the link goes."
        else:
            continue
        yield page.finding(
            "link-text",
            WARNING,
            message,
            field,
            link.text_start,
            link.text_end,
            "Use words that describe the page you are linking to.",
        )


@check(WARNING)
def external_links(page):
    """Results of the background link checker (`manage.py check_links`)."""
    links = [(f, link) for f, link in _links(page, LINK_KINDS | {"bare"})]
    urls = {link.url for _, link in links if link.url.startswith(("http://", "https://"))}
    if not urls:
        return
    broken = {c.url: c for c in LinkCheck.objects.filter(url__in=urls) if c.is_broken()}
    for field, link in links:
        result = broken.get(link.url)
        if result:
            yield page.finding(
                "external-link",
                WARNING,
                f"This link did not work when it was checked on "
                f"{date_format(localtime(result.checked_at), 'j F Y')}: {result.describe()}.",
                field,
                link.url_start,
                link.url_end,
                "Check the address, or link to where the page has moved.",
            )
