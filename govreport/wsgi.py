"""WSGI entry point for govreport."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govreport.settings")
application = get_wsgi_application()
