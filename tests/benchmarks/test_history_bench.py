"""Comparing two revisions of a report with 200 sections and 500 revisions: under 300 ms."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.history_data import long_history

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

TARGET_SECONDS = 0.3


def test_compare_two_revisions_of_a_long_report(benchmark, editor):
    report, versions = long_history(sections=200, revisions=500, by=editor)
    client = Client()
    client.force_login(editor)
    url = reverse("admin:reports_report_compare", args=[report.pk])
    query = {"from": versions[0].pk, "to": versions[-1].pk}

    def compare():
        response = client.get(url, query)
        assert response.status_code == 200
        return response

    response = benchmark.pedantic(compare, rounds=10, warmup_rounds=1)
    sections = response.context["comparison"].parts[0]
    assert sections.count("moved") == 10 and sections.count("added") == 5
    mean = benchmark.stats.stats.mean
    print(f"\ncompare view, 200 sections x 500 revisions: {mean * 1000:.1f} ms (target 300 ms)")
    assert mean < TARGET_SECONDS, f"compare took {mean * 1000:.0f} ms"
