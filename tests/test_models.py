import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reports.models import Report
from tests.factories import HeadlineOptionFactory, ReportFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_report_slug_is_unique():
    ReportFactory(slug="july-2013")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(slug="july-2013")


def test_section_anchor_is_unique_within_a_report():
    report = ReportFactory()
    SectionFactory(report=report, anchor="gov-uk")
    with pytest.raises(IntegrityError), transaction.atomic():
        SectionFactory(report=report, anchor="gov-uk")


def test_the_same_anchor_may_be_used_by_another_report():
    SectionFactory(anchor="gov-uk")
    SectionFactory(anchor="gov-uk")


def test_only_one_headline_option_can_be_chosen():
    report = ReportFactory()
    HeadlineOptionFactory(report=report, chosen=True)
    HeadlineOptionFactory(report=report, chosen=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        HeadlineOptionFactory(report=report, chosen=True)


def test_display_title_prefers_the_chosen_headline():
    report = ReportFactory(title="Working title")
    assert report.display_title() == "Working title"
    HeadlineOptionFactory(report=report, text="From awards to transactions", chosen=True)
    assert report.display_title() == "From awards to transactions"


def test_unique_slug_counts_up_past_taken_slugs():
    ReportFactory(slug="making-progress")
    ReportFactory(slug="making-progress-2")
    assert Report.unique_slug("Making progress") == "making-progress-3"


def test_period_must_not_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(period_start="2013-07-01", period_end="2013-04-01")


def test_a_section_body_too_long_or_too_deeply_nested_to_render_is_invalid(settings):
    settings.RENDER_MAX_CHARS, settings.RENDER_MAX_NESTING = 100, 5
    section = SectionFactory.build(report=SectionFactory().report, body="x" * 101)
    with pytest.raises(ValidationError, match="characters long"):
        section.full_clean(exclude=["report"])
    section.body = "<div>" * 6
    with pytest.raises(ValidationError, match="nest"):
        section.full_clean(exclude=["report"])
    section.body = "Fine."
    section.full_clean(exclude=["report"])
