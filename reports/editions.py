"""Freeze a report into a published edition."""

from django.utils import timezone

from . import rendering
from .models import Edition


def freeze(report):
    """Return the structured content of a report, with each section's body rendered."""
    return {
        "sections": [
            {
                "kind": s.kind,
                "heading": s.heading,
                "anchor": s.anchor,
                "html": rendering.render(s.body),
            }
            for s in report.sections.all()
        ]
    }


def create(report, *, by, change_note="", minor=False):
    """Create the report's new live edition, replacing the previous one."""
    previous = report.editions.order_by("-number").first()
    now = timezone.now()
    report.editions.filter(is_live=True).update(is_live=False)
    return Edition.objects.create(
        report=report,
        number=previous.number + 1 if previous else 1,
        slug=report.slug,
        title=report.display_title(),
        summary=report.summary,
        organisation=report.organisation,
        series=report.series,
        period_start=report.period_start,
        period_end=report.period_end,
        content=freeze(report),
        change_note=change_note,
        minor=minor,
        is_live=True,
        published_at=now,
        first_published_at=previous.first_published_at if previous else now,
        published_by=by,
    )
