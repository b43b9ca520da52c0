"""ASGI entry point for govreport."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreport.settings")
application = get_asgi_application()
