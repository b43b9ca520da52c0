"""The exceptions govreport raises, in one place."""


class GovreportError(Exception):
    """Base class for refusals that users see as a plain-English message."""


class ImportRefused(GovreportError):
    """A document cannot be imported; nothing was written."""

    def __init__(self, message, *, line=None):
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


class WorkflowError(GovreportError):
    """A workflow action is not allowed from the report's current state."""


class NotPermitted(GovreportError):
    """The user's role does not allow this action."""


class EditConflict(GovreportError):
    """Someone else saved the report after this edit started; the edit was not saved."""

    def __init__(self, report, base_version):
        self.report = report
        self.base_version = base_version
        super().__init__(
            "Someone else saved this report while you were editing it. Your changes have not "
            "been saved yet."
        )
