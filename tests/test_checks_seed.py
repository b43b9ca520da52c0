"""Done when: the seed draft, imported and checked, reports its known defects."""

import importlib
import json
import re

import pytest
from django.core.management import CommandError, call_command

from reports import checks
from reports.demo import JULY_2013_DRAFT
from reports.models import MediaItem
from tests.factories import (
    HeadlineOptionFactory,
    MediaItemFactory,
    ReportFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SEED = JULY_2013_DRAFT.read_text(encoding="utf-8")
HEADING = re.compile(r"^\*\*([^\[*][^\n]*?)\s*\*\*\s*$")


def build_seed_with_factories():
    """Build the seed draft as the importer's conventions describe it, with factories."""
    report = ReportFactory(title="Saving money, transforming services, making progress")
    for text in [
        "Great progress on transformation - lots of work to be done",
        "Making progress, more to do",
        "Progress made, but we can do better",
    ]:
        HeadlineOptionFactory(report=report, text=text)
    body_text = SEED.split("**[intro]**", 1)[1]
    sections, current = [], {"heading": "", "lines": []}
    for line in body_text.splitlines():
        if line.startswith("**[") or line.strip() == "-----" or line.strip() == "{pull-right}":
            continue  # editorial notes and layout hints go elsewhere
        heading = HEADING.match(line.replace("****", ""))
        if heading:
            sections.append(current)
            current = {"heading": heading.group(1).strip(), "lines": []}
        else:
            current["lines"].append(line)
    sections.append(current)
    for n, part in enumerate(sections):
        section = SectionFactory(
            report=report, heading=part["heading"], anchor=f"section-{n}", position=n
        )
        lines = []
        for line in part["lines"]:
            if line.startswith("[insert"):
                item = MediaItemFactory(
                    report=report, section=section, description=line.strip("[]")[7:]
                )
                line = item.shortcode()
            elif line.startswith("!["):
                item = MediaItemFactory(
                    report=report,
                    section=section,
                    kind=MediaItem.Kind.IMAGE,
                    url=re.search(r"\((.*)\)", line).group(1),
                    alignment=MediaItem.Alignment.PULL_RIGHT,
                )
                line = item.shortcode()
            lines.append(line)
        section.body = "\n".join(lines).strip()
        section.save()
    return report


def assert_seed_defects(findings):
    by_check = {}
    for f in findings:
        by_check.setdefault(f.check, []).append(f)
    placeholders = [f for f in by_check["placeholder-media"] if f.is_error()]
    assert len(placeholders) == 6
    assert any("placekitten.com" in f.message for f in by_check["test-content"])
    assert [f.excerpt for f in by_check["placeholder-number"]] == ["x"]
    assert len(by_check["headline-not-chosen"]) == 1
    repeated = [f.excerpt for f in by_check["repeated-word"]]
    assert "the The" in repeated and "a both a" in repeated
    acronyms = {f.excerpt: f for f in by_check["acronym"]}
    assert acronyms["GDS"].message == "“GDS” is used before it is spelled out."
    assert "Government Digital Service (GDS)" in acronyms["GDS"].suggestion
    assert "ICT" in acronyms and "SME" in acronyms
    for spelled_out_first in ["DWP", "HMRC", "CIO", "MoJ", "DfID", "IEIS", "BIS"]:
        assert spelled_out_first not in acronyms


def test_seed_built_with_factories_reports_its_defects():
    report = build_seed_with_factories()
    assert_seed_defects(checks.run(report))
    assert {f.check for f in checks.errors(report)} >= {
        "placeholder-media",
        "test-content",
        "placeholder-number",
        "headline-not-chosen",
        "image-alt-text",
    }


def test_check_report_on_the_seed_exits_1_with_the_defects_in_json(capsys):
    report = build_seed_with_factories()
    with pytest.raises(CommandError) as raised:
        call_command("check_report", report.slug, "--format", "json")
    assert raised.value.returncode == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["report"] == report.slug
    assert_seed_defects([checks.Finding(**_unflatten(f)) for f in payload["findings"]])


def _unflatten(data):
    location = data.pop("location")
    return {**data, **location, "severity": checks.Severity(data["severity"])}


def _importer():
    try:
        importing = importlib.import_module("reports.importing")
    except ImportError:
        return None
    return getattr(importing, "import_document", None)


@pytest.mark.skipif(_importer() is None, reason="the importer (issue 3) is not merged yet")
def test_seed_imported_with_the_real_importer_reports_its_defects(capsys):
    result = _importer()(SEED, by=UserFactory(is_superuser=True))
    report = result.report
    assert_seed_defects(checks.run(report))
    with pytest.raises(CommandError) as raised:
        call_command("check_report", report.slug, "--format", "json")
    assert raised.value.returncode == 1
    payload = json.loads(capsys.readouterr().out)
    assert {"placeholder-media", "test-content", "placeholder-number"} <= {
        f["check"] for f in payload["findings"] if f["severity"] == "error"
    }
