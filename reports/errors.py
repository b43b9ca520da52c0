"""The exceptions govreport raises, in one place."""


class GovreportError(Exception):
    """Base class for refusals that users see as a plain-English message."""


class ImportRefused(GovreportError):
    """A document cannot be imported; nothing was written."""

    def __init__(self, message, *, line=None):
        self.message, self.line = message, line
        super().__init__(f"Line {line}: {message}" if line else message)


class WorkflowError(GovreportError):
    """A workflow action is not allowed from the report's current state."""


class NotPermitted(GovreportError):
    """The user's role does not allow this action."""


class FieldRefused(GovreportError):
    """A change is refused because of one field's value; nothing was written."""

    def __init__(self, message, *, field=None):
        self.field = field
        super().__init__(message)


class InvalidInput(WorkflowError, FieldRefused):
    """A workflow action was given a missing or unusable value (a comment, a time, a note)."""


class HeadlineRefused(FieldRefused):
    """A headline option cannot be changed as asked; nothing was written."""


class MediaRefused(FieldRefused):
    """An uploaded file or media entry is not acceptable; nothing was stored."""


class StaleReview(WorkflowError):
    """The draft changed after the reviewer opened it: approving now would approve unread text."""

    def __init__(self, report, *, seen, latest):
        self.report, self.seen, self.latest = report, seen, latest
        super().__init__(
            "The draft changed after you opened the review page, so you have not read what you "
            "would approve. Compare the changes, then review it again."
        )


class RenderRefused(GovreportError):
    """A text is too long or its HTML too deeply nested to render safely; nothing was rendered."""


class ChecksFailed(WorkflowError):
    """Pre-publication checks found errors that block publishing."""

    def __init__(self, findings):
        self.findings = list(findings)
        count = len(self.findings)
        super().__init__(
            f"Fix {count} pre-publication check error{'s' if count != 1 else ''} first: "
            + "; ".join(f.message for f in self.findings)
        )


class EditConflict(GovreportError):
    """Someone else saved the report after this edit started; the edit was not saved."""

    def __init__(self, report, base_version):
        self.report = report
        self.base_version = base_version
        super().__init__(
            "Someone else saved this report while you were editing it. Your changes have not "
            "been saved yet."
        )
