from django.core.management.base import BaseCommand

from reports import workflow


class Command(BaseCommand):
    help = (
        "Publish every scheduled report that is due. Run it every minute (cron or the worker); "
        "several runners at once publish each report exactly once. Safe to re-run."
    )

    def handle(self, *args, **options):
        results = workflow.publish_due()
        for result in results:
            if result.error:
                self.stderr.write(f"Failed: {result.report.slug}: {result.error}")
            else:
                self.stdout.write(
                    f"Published: {result.report.slug} (edition {result.edition.number})"
                )
        if not results:
            self.stdout.write("Nothing is due.")
