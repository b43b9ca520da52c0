from django.core.management.base import BaseCommand, CommandError

from reports import exporting
from reports.models import Report

FORMATS = {"markdown": exporting.to_markdown, "json": exporting.to_json}


class Command(BaseCommand):
    help = "Export a report as a markdown document (the draft conventions) or as JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The report's slug.")
        parser.add_argument("-o", "--output", metavar="FILE", help="Write here, not to stdout.")
        parser.add_argument("--format", choices=sorted(FORMATS), default="markdown")

    def handle(self, slug, *, output, format, **options):
        report = Report.objects.filter(slug=slug).first()
        if report is None:
            raise CommandError(f"There is no report with the slug “{slug}”.")
        text = FORMATS[format](report)
        if not output:
            self.stdout.write(text, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        self.stderr.write(f"Wrote {report.title} ({format}) to {output}")
