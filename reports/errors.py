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


class HeadlineRefused(FieldRefused):
    """A headline option cannot be changed as asked; nothing was written."""


class MediaRefused(FieldRefused):
    """An uploaded file or media entry is not acceptable; nothing was stored."""
