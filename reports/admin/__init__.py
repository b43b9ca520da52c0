"""The editors' admin: reports with their sections, headline options and media."""

from . import report  # noqa: F401
