"""manage.py check_report SLUG [--format json]."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.checks_helpers import report_with

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("check_report", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_documented_shape_and_exits_1_on_errors():
    report = report_with("Intro.\n\nTODO: finish.", slug="july-2013", summary="")
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_report", "july-2013", "--format", "json", stdout=out)
    assert raised.value.returncode == 1
    assert str(raised.value) == "1 error must be fixed before publishing."
    payload = json.loads(out.getvalue())
    assert payload["report"] == report.slug
    todo, missing_summary = payload["findings"]
    assert todo == {
        "check": "todo",
        "severity": "error",
        "location": {"section": "work", "field": "body", "start": 8, "end": 12},
        "excerpt": "TODO",
        "message": "“TODO” marks something left to do.",
        "suggestion": "Finish the text and remove the marker.",
    }
    assert missing_summary["severity"] == "warning"
    assert missing_summary["location"] == {
        "section": None,
        "field": "summary",
        "start": None,
        "end": None,
    }


def test_only_warnings_exit_0_and_text_output_lists_them():
    report_with("The the end.", slug="clean")
    out = run("clean")
    assert "WARNING repeated-word work / body [0:7]: “The” is written twice." in out
    assert "clean: 0 error(s), 1 warning(s)." in out


def test_no_findings_gives_an_empty_list():
    report_with("Work continues.", slug="fine")
    assert json.loads(run("fine", "--format", "json")) == {"report": "fine", "findings": []}


def test_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="No report has the slug “nope”"):
        run("nope")
