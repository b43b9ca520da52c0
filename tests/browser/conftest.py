"""Playwright fixtures: Debian's Chromium, axe-core, screenshots as artifacts."""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-results"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    """Skip browser tests without Chromium, unless REQUIRE_BROWSER says they must run."""
    if CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("REQUIRE_BROWSER is set but Chromium is not installed.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def close_connections_opened_under_playwright(django_db_setup, playwright):
    """Close the database connections opened while Playwright's event loop ran.

    Django keeps connections per async context while a loop runs in the thread, so these are not
    the test runner's own; left open, they stop PostgreSQL dropping the test database.
    """
    yield
    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe(page):
    """Return a function that runs axe-core (WCAG 2.2 A and AA) and returns the violations."""

    def run(context=None):
        page.evaluate(AXE.read_text(encoding="utf-8"))
        options = {
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        }
        result = page.evaluate(
            "([context, options]) => axe.run(context || document, options)", [context, options]
        )
        return result["violations"]

    return run


def describe_violations(violations):
    """Return axe violations as readable text for an assertion message."""
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in violations
        ],
        indent=2,
    )


@pytest.fixture
def screenshot(page, request):
    """Return a function that saves a full-page screenshot under test-results/."""

    def save(name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def admin_login(page, live_server):
    """Return a function that signs a user in to the admin through the login form."""

    def login(user, password="correct horse battery staple"):
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")

    return login


@pytest.fixture
def april_report(publisher):
    """The demo's published report (April 2013), loaded the way make run loads it."""
    from reports.demo import load_reports

    reports = [report for report, _ in load_reports(publisher=publisher)]
    return next(report for report in reports if report.status == "published")
