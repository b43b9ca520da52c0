"""The content model: reports, their sections, headline options, media and published editions."""

from .edition import Edition
from .linkcheck import LinkCheck
from .media import MediaItem
from .report import HeadlineOption, Report, Section, Series, Status

__all__ = [
    "Edition",
    "HeadlineOption",
    "LinkCheck",
    "MediaItem",
    "Report",
    "Section",
    "Series",
    "Status",
]

# Registered with the models, before the admin's autodiscovery registers them without follow.
from .. import versioning  # noqa: E402, F401
