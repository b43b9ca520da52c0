"""Remove a user's authenticator app and recovery codes, when they have lost both."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from govreport.signin import devices


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and recovery codes. They set up a new app the next "
        "time they sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        devices.remove_all(user)
        self.stdout.write(
            f"Removed two-factor authentication: {username} will set up a new authenticator app "
            "the next time they sign in."
        )
