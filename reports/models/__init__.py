"""The content model: reports, their sections, headline options, media and published editions."""

from .editing import EditingSession
from .edition import Edition
from .headlines import HeadlineComment, HeadlineVote
from .linkcheck import LinkCheck
from .media import MediaItem, Rendition
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
    "EditingSession",
    "Edition",
    "HeadlineComment",
    "HeadlineOption",
    "HeadlineVote",
    "LinkCheck",
    "MediaItem",
    "PostPublicationReview",
    "PreviewLink",
    "PreviewVisit",
    "Rendition",
    "Report",
    "ScheduledPublication",
    "Section",
    "Series",
    "Status",
    "Unpublishing",
]

# Registered with the models, before the admin's autodiscovery registers them without follow.
from .. import versioning  # noqa: E402, F401
