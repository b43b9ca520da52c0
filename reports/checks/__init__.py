"""Pre-publication content checks: each check yields findings about a report.

Errors block publishing (`errors(report)`, called by the workflow before publish and schedule);
warnings give GOV.UK style advice. The word lists and patterns are data in `rules.py`, except the
words to avoid, which are shared with the headline workbench (reports/data/words_to_avoid.txt).
"""

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
    field: str = ""  # "title", "summary", "headline", "headline_options", "heading", "body",
    # or "media.<slug>.<attribute>" for a media item
    start: int | None = None  # character offsets in the field's source text
    end: int | None = None
    excerpt: str = ""
    suggestion: str | None = None

    def is_error(self):
        """Return True if this finding blocks publishing."""
        return self.severity == Severity.ERROR

    def as_dict(self):
        """Return the finding in the shape `check_report --format json` prints."""
        return {
            "check": self.check,
            "severity": str(self.severity),
            "location": {
                "section": self.section,
                "field": self.field,
                "start": self.start,
                "end": self.end,
            },
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }


# Every registered check: a function of a `Page` yielding findings, with a `severity` attribute.
CHECKS = []


def check(severity):
    """Register a check function that yields findings of one severity."""

    def register(function):
        function.severity = Severity(severity)
        CHECKS.append(function)
        return function

    return register


def run(report):
    """Return every finding of every check for the report, in page order."""
    return _run(report, CHECKS)


def errors(report):
    """Return the findings that block publishing (only the error checks run)."""
    return _run(report, [c for c in CHECKS if c.severity == Severity.ERROR])


def _run(report, checks, page=None):
    from .page import Page

    page = page or Page(report)
    findings = [finding for c in checks for finding in c(page)]
    return sorted(findings, key=page.position)


def review(report):
    """Return (findings, page): every finding, with the loaded page to locate them in forms."""
    from .page import Page

    page = Page(report)
    return _run(report, CHECKS, page), page


# The checks register themselves on import.
from . import acronyms, content, descriptions, links, structure, style  # noqa: E402, F401
