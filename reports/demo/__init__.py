"""The demo content: GDS's quarterly progress reports of April and July 2013, imported."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from reports import importing, media, workflow
from reports.models import MediaItem, Report

DIRECTORY = Path(__file__).parent
JULY_2013_DRAFT = DIRECTORY / "quarterly-report-july-2013-draft.md"
APRIL_2013_PUBLISHED = DIRECTORY / "quarterly-report-april-2013-published.md"
SERIES = "Government Digital Strategy quarterly progress report"


@dataclass(frozen=True)
class DemoReport:
    path: Path
    title: str | None  # None: the document's own title line
    period: tuple[date, date]
    published: bool


DEMO_REPORTS = [
    DemoReport(
        APRIL_2013_PUBLISHED,
        "Government Digital Strategy: quarterly progress report April 2013",
        (date(2013, 1, 1), date(2013, 3, 31)),
        published=True,
    ),
    DemoReport(JULY_2013_DRAFT, None, (date(2013, 4, 1), date(2013, 6, 30)), published=False),
]


HISTORICAL_REASON = "Published before govreport existed"


def load_reports(*, by=None, publisher=None):
    """Import the demo reports that are missing; return (report, created) pairs."""
    return [_load(demo, by=by, publisher=publisher) for demo in DEMO_REPORTS]


@transaction.atomic
def _load(demo, *, by, publisher):
    text = demo.path.read_bytes()
    title = demo.title or importing.parse_title(text)
    existing = Report.objects.filter(slug=slugify(title)).first()
    if existing:
        return existing, False
    report = importing.import_document(
        text, by=by, title=demo.title, series=SERIES, filename=demo.path.name, period=demo.period
    ).report
    if demo.published:
        _add_exemplar_chart(report, by=by)
        # Published before govreport existed: no review happened, and editors are told so.
        workflow.force_publish(
            report, by=publisher, reason=HISTORICAL_REASON, change_note="First published."
        )
        report.refresh_from_db()
    return report, True


def _add_exemplar_chart(report, *, by):
    """Chart the figures the April 2013 text gives for exemplar services, beside that text."""
    section = report.sections.filter(heading__iexact="Service transformations").first()
    if section is None:
        return
    chart = media.add(
        report,
        by=by,
        kind=MediaItem.Kind.CHART,
        slug="exemplars-by-stage",
        section=section,
        title="Exemplar services by stage, March 2013",
        chart_type=MediaItem.ChartType.HORIZONTAL_BAR,
        chart_data="Stage,Services\nAlpha or beta,9\nDiscovery,4\nInitial engagement,2\n",
        value_axis_label="Number of services",
        caption="Work had begun on 15 of the 23 exemplar services.",
    )
    paragraphs = section.body.split("\n\n")
    paragraphs.insert(1, chart.shortcode())
    with workflow.editing(report, by=by, comment="Placed the chart of exemplar services") as change:
        section = change.report.sections.get(pk=section.pk)
        section.body = "\n\n".join(paragraphs)
        section.save()
