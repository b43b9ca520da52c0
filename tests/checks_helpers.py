"""Helpers for the content check tests: a report with one section, and its findings."""

from reports import checks
from tests.factories import ReportFactory, SectionFactory


def report_with(body="Work continues.", **report_fields):
    """Return a report with one body section (anchor "work") holding the markdown body."""
    report = ReportFactory(**report_fields)
    SectionFactory(report=report, heading="Work", anchor="work", body=body)
    return report


def found(report, check_id):
    """Return the findings of one check for the report."""
    return [f for f in checks.run(report) if f.check == check_id]


def excerpts(report, check_id):
    """Return the excerpts of one check's findings, checking each range matches its excerpt."""
    result = []
    for f in found(report, check_id):
        if f.field == "body" and f.start is not None:
            source = report.sections.get(anchor=f.section).body
            assert source[f.start : f.end].startswith(f.excerpt.rstrip("…"))
        result.append(f.excerpt)
    return result


def body_findings(body, check_id, **report_fields):
    """Return the excerpts of one check's findings for a report with this body."""
    return excerpts(report_with(body, **report_fields), check_id)
