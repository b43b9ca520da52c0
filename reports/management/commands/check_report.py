"""manage.py check_report SLUG [--format json]: run the content checks; exit 1 on errors."""

import json

from django.core.management.base import BaseCommand, CommandError

from reports import checks
from reports.models import Report


class Command(BaseCommand):
    help = "Run the pre-publication content checks on a report. Exits with 1 if any error remains."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The report's slug.")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, slug, format, **options):
        report = Report.objects.filter(slug=slug).first()
        if report is None:
            raise CommandError(f"No report has the slug “{slug}”.", returncode=2)
        findings = checks.run(report)
        if format == "json":
            payload = {"report": slug, "findings": [f.as_dict() for f in findings]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self._write_text(report, findings)
        errors = sum(f.is_error() for f in findings)
        if errors:
            raise CommandError(
                f"{errors} error{'s' if errors != 1 else ''} must be fixed before publishing.",
                returncode=1,
            )

    def _write_text(self, report, findings):
        for f in findings:
            place = " / ".join(p for p in [f.section, f.field] if p)
            if f.start is not None:
                place += f" [{f.start}:{f.end}]"
            self.stdout.write(f"{f.severity.upper()} {f.check} {place}: {f.message}")
            if f.excerpt:
                self.stdout.write(f"    “{f.excerpt}”")
            if f.suggestion:
                self.stdout.write(f"    {f.suggestion}")
        errors = sum(f.is_error() for f in findings)
        self.stdout.write(f"{report.slug}: {errors} error(s), {len(findings) - errors} warning(s).")
