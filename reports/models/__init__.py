"""The content model: reports, their sections, headline options, media and published editions."""

from .edition import Edition
from .media import MediaItem
from .report import HeadlineOption, Report, Section, Series, Status
from .workflow import (
    ActionLog,
    PostPublicationReview,
    PreviewLink,
    PreviewVisit,
    ScheduledPublication,
    Unpublishing,
)

__all__ = [
    "ActionLog",
    "Edition",
    "HeadlineOption",
    "MediaItem",
    "PostPublicationReview",
    "PreviewLink",
    "PreviewVisit",
    "Report",
    "ScheduledPublication",
    "Section",
    "Series",
    "Status",
    "Unpublishing",
]

# Registered with the models, before the admin's autodiscovery registers them without follow.
from .. import versioning  # noqa: E402, F401
