import os

import pytest
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from reports import roles
from tests.factories import UserFactory

# Property tests run the same examples every time, a fixed number of them, with no deadline: CI's
# time stays bounded and a failure reproduces. HYPOTHESIS_PROFILE=deep searches further by hand.
hypothesis_settings.register_profile(
    "govreport",
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.register_profile(
    "deep", parent=hypothesis_settings.get_profile("govreport"), max_examples=2000,
    derandomize=False,
)  # fmt: skip
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "govreport"))

# pytest-playwright runs an event loop; Django refuses database calls from it unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Deselect the PostgreSQL-only tests on other databases; CI runs them on PostgreSQL."""
    if connection.vendor == "postgresql":
        return
    postgresql_only = [item for item in items if item.get_closest_marker("postgresql")]
    if postgresql_only:
        config.hook.pytest_deselected(items=postgresql_only)
        items[:] = [item for item in items if item not in postgresql_only]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test users' passwords quickly; the real hasher is Django's default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_sessionfinish(session, exitstatus):
    """Under FAIL_ON_SKIP (set by .ci/run), a skipped test fails the run: it proved nothing."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("FAIL_ON_SKIP") and skipped and exitstatus == pytest.ExitCode.OK:
        reporter.write_line(f"FAIL_ON_SKIP: {len(skipped)} test(s) skipped.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def groups(db):
    """The role groups with their permissions."""
    return roles.setup_roles()


@pytest.fixture
def designer(groups):
    user = UserFactory(username="designer")
    user.groups.add(groups[roles.CONTENT_DESIGNER])
    return user


@pytest.fixture
def editor(groups):
    user = UserFactory(username="editor")
    user.groups.add(groups[roles.EDITOR])
    return user


@pytest.fixture
def second_editor(groups):
    user = UserFactory(username="editor2")
    user.groups.add(groups[roles.EDITOR])
    return user


@pytest.fixture
def publisher(groups):
    user = UserFactory(username="publisher")
    user.groups.add(groups[roles.PUBLISHER])
    return user


@pytest.fixture
def media_root(settings, tmp_path):
    """Store uploaded media in a fresh directory; return it so tests can look for orphan files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
