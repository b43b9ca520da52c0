"""manage.py check_links [SLUG]: check the external links of reports, in the background."""

from django.core.management.base import BaseCommand, CommandError

from reports.checks import linkcheck
from reports.models import Report


class Command(BaseCommand):
    help = (
        "Check the external links of one report (or of every report) and store the results "
        "for the content checks. Run it from the worker or cron, never in a web request."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="Check only this report.")
        parser.add_argument(
            "--timeout", type=float, default=linkcheck.TIMEOUT, help="Seconds to wait per link."
        )
        parser.add_argument(
            "--max-age",
            type=float,
            default=24,
            help="Skip links checked fewer than this many hours ago (0 checks every link).",
        )

    def handle(self, slug=None, timeout=None, max_age=None, **options):
        reports = Report.objects.all()
        if slug:
            reports = reports.filter(slug=slug)
            if not reports.exists():
                raise CommandError(f"No report has the slug “{slug}”.")
        urls = linkcheck.external_urls(reports)
        results = linkcheck.check_urls(urls, timeout=timeout, max_age_hours=max_age)
        broken = [r for r in results if r.is_broken()]
        for result in broken:
            self.stdout.write(f"BROKEN {result.url}: {result.describe()}")
        self.stdout.write(
            f"Checked {len(results)} of {len(urls)} external links: {len(broken)} broken."
        )
