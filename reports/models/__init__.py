"""The content model: reports, their sections, headline options, media and published editions."""

from .edition import Edition
from .headlines import HeadlineComment, HeadlineVote
from .media import MediaItem, Rendition
from .report import HeadlineOption, Report, Section, Series, Status

__all__ = [
    "Edition",
    "HeadlineComment",
    "HeadlineOption",
    "HeadlineVote",
    "MediaItem",
    "Rendition",
    "Report",
    "Section",
    "Series",
    "Status",
]

# Registered with the models, before the admin's autodiscovery registers them without follow.
from .. import versioning  # noqa: E402, F401
