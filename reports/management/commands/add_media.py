from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from reports import media
from reports.errors import GovreportError
from reports.models import MediaItem, Report


class Command(BaseCommand):
    help = (
        "Add an image or attachment (PDF, CSV, ODS, DOCX) to a report's media library, with the "
        "same checks as the editor, and print its shortcode. With --fulfils, the file fulfils "
        "an open placeholder in place. A refused file stores nothing and exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("report", metavar="SLUG", help="The report's slug.")
        parser.add_argument("file", metavar="FILE", type=Path)
        parser.add_argument("--slug", dest="media_slug", help="The item's slug (from FILE).")
        parser.add_argument("--title", default="", help="Required for attachments.")
        parser.add_argument(
            "--alt", default="", help="Alt text; an image without it cannot be published."
        )
        parser.add_argument("--decorative", action="store_true")
        parser.add_argument("--caption", default="")
        parser.add_argument("--credit", default="")
        parser.add_argument(
            "--alignment",
            choices=MediaItem.Alignment.values,
            help="inline (the default for a new item); a fulfilled placeholder keeps its own.",
        )
        parser.add_argument("--section", metavar="ANCHOR", help="The section it belongs to.")
        parser.add_argument("--fulfils", metavar="PLACEHOLDER_ID", help="Id or slug.")
        parser.add_argument("--user", help="Username recorded in the report's history.")

    def handle(self, *args, **options):
        report = Report.objects.filter(slug=options["report"]).first()
        if report is None:
            raise CommandError(f"No report has the slug “{options['report']}”.")
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if not path.stat().st_size:
            raise CommandError(f"“{path.name}” is empty (0 bytes).")
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            kind = media.kind_of(upload)
            if kind is None:
                raise CommandError(
                    f"“{path.name}” is neither an image (JPEG, PNG, GIF, WebP) nor an attachment "
                    "(PDF, CSV, ODS, DOCX)."
                )
            fields = self._fields(report, options)
            try:
                item = self._store(report, kind, upload, fields, options)
            except GovreportError as refusal:
                raise CommandError(str(refusal)) from refusal
        self.stdout.write(item.shortcode())
        if item.kind == MediaItem.Kind.IMAGE and not (item.alt_text.strip() or item.decorative):
            self.stderr.write(
                f"{item.shortcode()} has no alt text: the report cannot be published until it "
                "has some (or the image is marked decorative)."
            )

    def _fields(self, report, options):
        fields = {
            "title": options["title"],
            "alt_text": options["alt"],
            "decorative": options["decorative"],
            "caption": options["caption"],
            "credit": options["credit"],
            "alignment": options["alignment"],
        }
        if options["section"]:
            section = report.sections.filter(anchor=options["section"]).first()
            if section is None:
                raise CommandError(
                    f"The report has no section with the anchor “{options['section']}”."
                )
            fields["section"] = section
        return fields

    def _store(self, report, kind, upload, fields, options):
        by = self._user(options["user"])
        if options["fulfils"]:
            key = options["fulfils"]
            lookup = {"pk": int(key)} if key.isdigit() else {"slug": key}
            placeholder = report.media.filter(**lookup).first()
            if placeholder is None:
                raise CommandError(f"The report has no media item “{key}” to fulfil.")
            return media.fulfil(placeholder, by=by, kind=kind, upload=upload, **fields)
        slug = options["media_slug"] or media.unique_slug(report, Path(upload.name).stem)
        fields["alignment"] = fields["alignment"] or MediaItem.Alignment.INLINE
        return media.add(report, by=by, kind=kind, slug=slug, upload=upload, **fields)

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user has the username “{username}”.")
        return user
