"""factory_boy factories for the content model."""

import factory
from django.contrib.auth import get_user_model

from reports.models import HeadlineOption, MediaItem, Report, Section, Series


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ["slug"]

    name = "Government Digital Strategy quarterly progress report"
    slug = "government-digital-strategy"


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Quarterly progress report {n}")
    slug = factory.Sequence(lambda n: f"quarterly-progress-report-{n}")
    summary = "What we did in the last 3 months, and what we will do next."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    report = factory.SubFactory(ReportFactory)
    position = factory.Sequence(lambda n: n)
    kind = Section.Kind.BODY
    heading = factory.Sequence(lambda n: f"Section {n}")
    anchor = factory.Sequence(lambda n: f"section-{n}")
    body = "Work continues on **GOV.UK**."


class HeadlineOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadlineOption

    report = factory.SubFactory(ReportFactory)
    text = factory.Sequence(lambda n: f"Making progress, part {n}")
    position = factory.Sequence(lambda n: n)


class MediaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaItem

    report = factory.SubFactory(ReportFactory)
    kind = MediaItem.Kind.PLACEHOLDER
    slug = factory.Sequence(lambda n: f"media-{n}")
    description = "graph showing visits since launch"


class ImageItemFactory(MediaItemFactory):
    """An uploaded image; use with the media_root fixture so files land in a temporary folder."""

    kind = MediaItem.Kind.IMAGE
    alt_text = "GOV.UK visits by month"
    file = factory.django.ImageField(width=64, height=48, color="blue")
    width = 64
    height = 48
