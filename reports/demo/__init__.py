"""The demo content: GDS's quarterly progress reports of April and July 2013."""

from pathlib import Path

import reversion
from django.db import transaction

from reports.models import HeadlineOption, Report, Section

DIRECTORY = Path(__file__).parent
JULY_2013_DRAFT = DIRECTORY / "quarterly-report-july-2013-draft.md"
APRIL_2013_PUBLISHED = DIRECTORY / "quarterly-report-april-2013-published.md"


@transaction.atomic
def load_reports():
    """Load the demo reports that are missing; return (report, created) pairs."""
    slug = "saving-money-transforming-services-making-progress"
    existing = Report.objects.filter(slug=slug).first()
    if existing:
        return [(existing, False)]
    with reversion.create_revision():
        report = Report.objects.create(
            title="Saving money, transforming services, making progress", slug=slug
        )
        for n, text in enumerate(
            [
                "Great progress on transformation - lots of work to be done",
                "Making progress, more to do",
                "Progress made, but we can do better",
            ]
        ):
            HeadlineOption.objects.create(report=report, text=text, position=n)
        Section.objects.create(
            report=report,
            kind=Section.Kind.BODY,
            heading="Draft",
            anchor="draft",
            body=JULY_2013_DRAFT.read_text(encoding="utf-8"),
        )
        reversion.set_comment("Loaded the demo report")
    return [(report, True)]
