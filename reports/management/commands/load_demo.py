import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse

from reports import roles
from reports.demo import load_reports

DEMO_USERS = {
    "designer": roles.CONTENT_DESIGNER,
    "editor": roles.EDITOR,
    "publisher": roles.PUBLISHER,
}


class Command(BaseCommand):
    help = (
        "Create one demo user per role and import the demo reports. Safe to re-run: it creates "
        "only what is missing. Passwords are printed once, when the users are created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give the demo users new passwords and print them.",
        )

    @transaction.atomic
    def handle(self, *args, reset_passwords=False, **options):
        groups = roles.setup_roles()
        User = get_user_model()
        users = {}
        for username, role in DEMO_USERS.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "first_name": role}
            )
            user.groups.add(groups[role])
            if created or reset_passwords:
                password = secrets.token_urlsafe(12)
                user.set_password(password)
                user.save()
                self.stdout.write(f"{role}: username {username!r}, password {password!r}")
            users[username] = User.objects.get(pk=user.pk)  # fresh, without cached permissions
        for report, created in load_reports(by=users["designer"], publisher=users["publisher"]):
            state = "Loaded" if created else "Already loaded"
            self.stdout.write(f"{state}: {report.title} ({report.get_status_display()})")
            change = reverse("admin:reports_report_change", args=[report.pk])
            self.stdout.write(f"  admin: {settings.SITE_URL}{change}")
            if report.editions.live().exists():
                self.stdout.write(f"  public: {settings.SITE_URL}{report.get_absolute_url()}")
