"""How fast the pre-publication checks are on the seed draft (make bench)."""

import pytest

from reports import checks
from tests.test_checks_seed import build_seed_with_factories

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


def test_errors_on_the_seed_draft(benchmark):
    report = build_seed_with_factories()
    assert benchmark(checks.errors, report)


def test_all_checks_on_the_seed_draft(benchmark):
    report = build_seed_with_factories()
    assert benchmark(checks.run, report)
