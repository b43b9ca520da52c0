"""{% report_checks report %}: the content check findings, each linking to its place in the form."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from reports import checks

register = template.Library()

REPORT_FIELDS = {"title": "Title", "summary": "Summary"}
SECTION_FIELDS = {"heading": "heading", "body": "text"}
MEDIA_FIELDS = {"title": "title", "caption": "caption", "alt_text": "alt text", "credit": "credit"}


@dataclass
class Target:
    """Where a finding is in the report's change form."""

    label: str
    element_id: str
    inline: str = ""
    pk: int | None = None
    field: str = ""
    start: int | None = None
    end: int | None = None


def browser_offset(text, offset):
    """Return the offset as a browser counts it in a textarea: LF newlines, UTF-16 units."""
    before = (text or "")[:offset].replace("\r\n", "\n")
    return len(before.encode("utf-16-le")) // 2


def _inline(prefix, objects, obj, field, label):
    index = next(i for i, o in enumerate(objects) if o.pk == obj.pk)
    return Target(label, f"id_{prefix}-{index}-{field}", prefix, obj.pk, field)


def target(finding, page):
    """Return the form element a finding points to, with the range in browser offsets."""
    if finding.field in REPORT_FIELDS:
        found = Target(REPORT_FIELDS[finding.field], f"id_{finding.field}", field=finding.field)
    elif finding.field == "headline" and page.chosen_headline:
        found = _inline(
            "headline_options", page.headlines, page.chosen_headline, "text", "Chosen headline"
        )
    elif finding.field == "headline_options":
        found = Target("Headline options", "headline_options-group")
    elif finding.field.startswith("media."):
        _, slug, attribute = finding.field.split(".", 2)
        item = next(i for i in page.media if i.slug == slug)
        label = f"Media “{slug}”, {MEDIA_FIELDS.get(attribute, attribute)}"
        found = _inline("media", page.media, item, attribute, label)
    else:
        section = next(s for s in page.sections if s.anchor == finding.section)
        name = section.heading or section.get_kind_display()
        label = f"Section “{name}”, {SECTION_FIELDS.get(finding.field, finding.field)}"
        found = _inline("sections", page.sections, section, finding.field, label)
    field = page.field(finding.section, finding.field)
    if finding.start is not None and field is not None:
        found.start = browser_offset(field.source, finding.start)
        found.end = browser_offset(field.source, finding.end)
    return found


def error_rows(report):
    """Return the report's blocking findings, each with its place in the change form."""
    findings, page = checks.review(report)
    return [{"finding": f, "target": target(f, page)} for f in findings if f.is_error()]


@register.inclusion_tag("admin/reports/report/includes/checks.html", takes_context=True)
def report_checks(context, report):
    """Render the findings for a report, grouped by severity, linked to the change form."""
    findings, page = checks.review(report)
    change_url = reverse("admin:reports_report_change", args=[report.pk])
    request = context.get("request")
    base = "" if request is not None and request.path == change_url else change_url
    rows = [{"finding": f, "target": target(f, page)} for f in findings]
    errors = [r for r in rows if r["finding"].is_error()]
    warnings = [r for r in rows if not r["finding"].is_error()]
    return {"report": report, "base": base, "errors": errors, "warnings": warnings}
