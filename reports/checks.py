"""Pre-publication content checks: each check yields findings about a report."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks publishing
    WARNING = "warning"  # advice


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str
    section: str | None = None  # the section's anchor, or None for the report's own fields
    field: str = ""
    start: int | None = None
    end: int | None = None
    excerpt: str = ""
    suggestion: str | None = None


CHECKS = []


def run(report):
    """Return every finding of every check for the report."""
    return [finding for check in CHECKS for finding in check(report)]


def errors(report):
    """Return the findings that block publishing."""
    return [f for f in run(report) if f.severity == Severity.ERROR]
