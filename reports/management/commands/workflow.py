from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reports import workflow
from reports.errors import GovreportError
from reports.models import Report

ACTIONS = [
    "submit",
    "withdraw-submission",
    "request-changes",
    "approve",
    "return-to-draft",
    "publish",
    "force-publish",
    "schedule",
    "unschedule",
    "withdraw",
    "unpublish",
    "complete-review",
]
FUNCTIONS = {name: name.replace("-", "_") for name in ACTIONS} | {
    "complete-review": workflow.POST_PUBLICATION_REVIEW
}


class Command(BaseCommand):
    help = (
        "Take a workflow action on a report, with the same rules and permission checks as the "
        "admin. A refused action exits with status 1 and says why."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The report's slug.")
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("--by", required=True, help="The username of the person acting.")
        parser.add_argument("--comment", default="", help="A comment for the report's history.")
        parser.add_argument("--reason", default="", help="Why publish without review.")
        parser.add_argument("--change-note", default="", help="The public change note.")
        parser.add_argument("--minor", action="store_true", help="A minor change: no note.")
        parser.add_argument(
            "--at", help="When to publish (schedule), ISO 8601; without an offset, UK time."
        )
        parser.add_argument("--explanation", default="", help="Public withdrawal explanation.")
        parser.add_argument("--redirect-url", default="", help="Where an unpublished page goes.")
        parser.add_argument(
            "--headline",
            help="approve: choose this headline option (its text, or its number in the "
            "workbench, 1 for the first) as part of the approval.",
        )

    def handle(self, *args, slug, action, by, **options):
        report = Report.objects.filter(slug=slug).first()
        if report is None:
            raise CommandError(f"No report has the slug {slug!r}.")
        user = get_user_model().objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {by!r}.")
        try:
            kwargs = self.kwargs(action, options, report)
            getattr(workflow, FUNCTIONS[action])(report, by=user, **kwargs)
        except GovreportError as error:
            raise CommandError(f"Refused: {error}") from None
        report.refresh_from_db()
        self.stdout.write(f"{action}: {report.title} is now {report.get_status_display().lower()}.")

    def kwargs(self, action, options, report):
        """Return the keyword arguments the workflow function for this action takes."""
        comment, note, minor = options["comment"], options["change_note"], options["minor"]
        if options["headline"] and action != "approve":
            raise CommandError("--headline is given only with approve.")
        return {
            "approve": lambda: {
                "comment": comment,
                "headline": self.headline(report, options["headline"]),
            },
            "publish": lambda: {"change_note": note, "minor": minor},
            "force-publish": lambda: {
                "reason": options["reason"],
                "change_note": note,
                "minor": minor,
            },
            "schedule": lambda: {
                "at": self.parse_time(options["at"]),
                "change_note": note,
                "minor": minor,
            },
            "withdraw": lambda: {"explanation": options["explanation"] or comment},
            "unpublish": lambda: {"comment": comment, "redirect_url": options["redirect_url"]},
        }.get(action, lambda: {"comment": comment})()

    @staticmethod
    def headline(report, value):
        """Return the current headline option named by its text or its number, or None."""
        if not value:
            return None
        options = list(report.headline_options.current())
        if value.isdigit() and 1 <= int(value) <= len(options):
            return options[int(value) - 1]
        match = next((o for o in options if o.text.casefold() == value.casefold()), None)
        if match is None:
            listed = "; ".join(f"{n}. {o.text}" for n, o in enumerate(options, start=1))
            raise CommandError(
                f"--headline: the report has no option {value!r}. Its options: {listed or 'none'}."
            )
        return match

    @staticmethod
    def parse_time(value):
        if not value:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(f"--at: {value!r} is not a time like 2013-07-01T09:30.") from None
