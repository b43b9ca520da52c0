from django.core.management.base import BaseCommand

from reports.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the Content designer, Editor and Publisher groups. Safe to re-run."

    def handle(self, *args, **options):
        for name, group in setup_roles().items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
