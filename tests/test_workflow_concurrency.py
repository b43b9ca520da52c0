"""Two publishers, or two scheduled-publishing runners, at the same moment publish once.

These need real row locks, so they run on PostgreSQL (CI sets DATABASE_URL to it).
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from reports import workflow
from reports.errors import WorkflowError
from reports.models import ActionLog, Edition, Report, Status
from tests.workflow_helpers import bring_to

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,
]


def at_once(target, count=2):
    """Run target in several threads released together; return their results or errors."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = target()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_scheduled_runners_publish_each_report_exactly_once(designer, editor, publisher):
    reports = [
        bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)
        for _ in range(6)
    ]
    for report in reports:
        workflow.schedule(report, by=publisher, at=timezone.now() + timedelta(minutes=6))
    later = timezone.now() + timedelta(minutes=7)

    results = at_once(lambda: workflow.publish_due(now=later))

    assert not any(isinstance(r, Exception) for r in results), results
    published = [result.report.pk for runner in results for result in runner]
    assert sorted(published) == sorted(r.pk for r in reports)  # each once, by one runner
    for report in reports:
        assert Edition.objects.filter(report=report).count() == 1
        assert ActionLog.objects.filter(report=report, action="publish_scheduled").count() == 1
    assert set(Report.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_two_publishers_clicking_at_once_publish_once(designer, editor, publisher):
    report = bring_to(Status.APPROVED, designer=designer, editor=editor, publisher=publisher)

    results = at_once(lambda: workflow.publish(Report.objects.get(pk=report.pk), by=publisher))

    editions = [r for r in results if isinstance(r, Edition)]
    refusals = [r for r in results if isinstance(r, WorkflowError)]
    assert len(editions) == 1 and len(refusals) == 1, results
    assert "published" in str(refusals[0])
    assert Edition.objects.filter(report=report).count() == 1
    assert ActionLog.objects.filter(report=report, action="publish").count() == 1
