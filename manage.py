#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreport.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (load the settings now, to report errors plainly)
    except ImproperlyConfigured as error:
        # A missing or wrong environment variable: one line for the operator, not a traceback.
        sys.exit(f"govreport cannot start: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
