"""A report with a long history, built in bulk for query budgets and benchmarks."""

import json
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import connection
from django.utils import timezone
from reversion.models import Revision, Version

from reports.models import Report, Section
from tests.factories import ReportFactory

BODY = (
    "GOV.UK replaced Directgov and Business Link in October 2012. Since then 24 departments "
    "and {n} agencies have moved their websites to it.\n\n"
    "* We saved £{n}m across government\n* We ran {n} exemplar services\n\n"
    "Transactions went up by {n} per cent in the quarter."
)


def _serialize(obj):
    return serializers.serialize("json", [obj])


def _insert(rows):
    """Insert (revision, content type, object id, data, repr) version rows in one statement."""
    table = connection.ops.quote_name(Version._meta.db_table)
    sql = (
        f"INSERT INTO {table} (revision_id, content_type_id, object_id, serialized_data, "
        "object_repr, db, format) VALUES (%s, %s, %s, %s, %s, 'default', 'json')"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _moved(dumped, position):
    value = json.loads(dumped)
    value[0]["fields"]["position"] = position
    return json.dumps(value)


def _added(dumped, pk):
    value = json.loads(dumped)
    value[0]["pk"] = pk
    value[0]["fields"].update(heading=f"Added {pk}", anchor=f"added-{pk}", position=10_000 + pk)
    return json.dumps(value)


def long_history(*, sections=200, revisions=500, by=None):
    """Return (report, versions of the report oldest first): every revision holds every section.

    Between consecutive revisions one section's body changes; across the whole history sections
    are moved, added and removed, so comparing the first and last revisions has all of it.
    """
    report = ReportFactory()
    objs = Section.objects.bulk_create(
        Section(
            report=report,
            position=i,
            heading=f"Section {i}",
            anchor=f"section-{i}",
            body=BODY.format(n=i),
        )
        for i in range(sections)
    )
    report_type = ContentType.objects.get_for_model(Report)
    section_type = ContentType.objects.get_for_model(Section)
    data = {s.pk: json.loads(_serialize(s)) for s in objs}
    dumped = {pk: json.dumps(value) for pk, value in data.items()}
    report_data = _serialize(report)
    start = timezone.now() - timedelta(days=revisions)
    rows = Revision.objects.bulk_create(
        Revision(date_created=start + timedelta(days=n), user=by, comment=f"Change {n}")
        for n in range(revisions)
    )
    versions = []
    for n, revision in enumerate(rows):
        changed = objs[n % sections].pk
        data[changed][0]["fields"]["body"] = BODY.format(n=n + 1000)
        dumped[changed] = json.dumps(data[changed])
        versions.append((revision.pk, report_type.pk, str(report.pk), report_data, str(report)))
        # The last revision: 10 sections moved to the end, 5 removed, 5 added.
        present = list(dumped.items())
        if n == revisions - 1:
            present = present[10:] + present[:10]
            present = present[5:]
            present = [(pk, _moved(value, p)) for p, (pk, value) in enumerate(present)]
            present += [(10_000_000 + k, _added(present[0][1], 10_000_000 + k)) for k in range(5)]
        for pk, value in present:
            versions.append((revision.pk, section_type.pk, str(pk), value, "Section"))
    _insert(versions)
    return report, list(Version.objects.get_for_object(report).order_by("pk"))
