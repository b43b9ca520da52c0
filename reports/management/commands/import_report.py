from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from reports import importing
from reports.errors import GovreportError, ImportRefused


class Command(BaseCommand):
    help = (
        "Import a report document (a draft or published-style markdown file) as a new draft "
        "report, or replace the draft content of an existing report with --update."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The markdown or text file to import.")
        parser.add_argument(
            "--title", help="The report's title, if the document has no title line."
        )
        parser.add_argument("--series", help="The series name; a missing series is created.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be created; write nothing."
        )
        parser.add_argument(
            "--update",
            metavar="SLUG",
            help="Replace this report's draft content, as a new revision.",
        )

    def handle(self, path, *, title, series, dry_run, update, **options):
        try:
            with open(path, "rb") as document:
                data = document.read(importing.max_bytes() + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            result = importing.import_document(
                data,
                by=None,
                title=title,
                series=series,
                update=update,
                dry_run=dry_run,
                filename=Path(path).name,
            )
        except ImportRefused as error:
            problem = error.message
            raise CommandError(f"line {error.line}: {problem}" if error.line else problem) from None
        except GovreportError as error:
            raise CommandError(str(error)) from None
        if dry_run:
            self.stdout.write("Dry run: nothing was written. The import would create:")
            self.stdout.write("\n".join(importing.describe(result.document)))
            return
        verb = "Imported" if result.created else "Replaced the draft content of"
        self.stdout.write(f"{verb} “{result.report.title}” ({result.report.slug}):")
        for name, count in result.counts.items():
            self.stdout.write(f"  {name.replace('_', ' ')}: {count}")
        change = reverse("admin:reports_report_change", args=[result.report.pk])
        self.stdout.write(f"Edit it at {settings.SITE_URL}{change}")
