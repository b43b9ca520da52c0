import json

import pytest
from django.core.management import CommandError, call_command

from reports.demo import APRIL_2013_PUBLISHED, JULY_2013_DRAFT
from reports.models import Report


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_import_report_prints_counts_and_the_admin_url(settings):
    settings.SITE_URL = "https://reports.example.gov.uk"
    out = run("import_report", str(JULY_2013_DRAFT))
    report = Report.objects.get()
    assert "sections: 9" in out and "headline options: 3" in out
    assert "media: 1" in out and "placeholders: 6" in out and "notes: 1" in out
    assert f"https://reports.example.gov.uk/admin/reports/report/{report.pk}/change/" in out


@pytest.mark.django_db
def test_import_report_with_title_and_series():
    run("import_report", str(APRIL_2013_PUBLISHED), "--title", "April", "--series", "Quarterly")
    report = Report.objects.get()
    assert (report.title, report.series.name) == ("April", "Quarterly")


@pytest.mark.django_db
def test_dry_run_prints_the_preview_and_writes_nothing():
    out = run("import_report", str(JULY_2013_DRAFT), "--dry-run")
    assert "nothing was written" in out
    assert "Body: Digital inclusion" in out and "Placeholders: 6" in out
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_refused_document_exits_with_the_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("## T\n\n** *[some headline options]* **\n")
    with pytest.raises(CommandError, match=r"^line 3: The headline options marker"):
        run("import_report", str(path))
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_missing_title_exits_non_zero(tmp_path):
    path = tmp_path / "untitled.md"
    path.write_text("Text.")
    with pytest.raises(CommandError, match="line 1: The document has no title"):
        run("import_report", str(path))


def test_unreadable_file_exits_non_zero(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_report", str(tmp_path / "missing.md"))


@pytest.mark.django_db
def test_update_replaces_the_report_content():
    run("import_report", str(APRIL_2013_PUBLISHED), "--title", "April")
    slug = Report.objects.get().slug
    out = run("import_report", str(JULY_2013_DRAFT), "--update", slug)
    assert "Replaced the draft content" in out
    assert Report.objects.get().sections.count() == 9


@pytest.mark.django_db
def test_export_report_to_stdout_and_file(tmp_path):
    run("import_report", str(JULY_2013_DRAFT))
    slug = Report.objects.get().slug
    assert run("export_report", slug).startswith("# Saving money")
    target = tmp_path / "out.json"
    run("export_report", slug, "-o", str(target), "--format", "json")
    assert json.loads(target.read_text(encoding="utf-8"))["slug"] == slug


@pytest.mark.django_db
def test_export_of_an_unknown_report_exits_non_zero():
    with pytest.raises(CommandError, match="no report with the slug"):
        run("export_report", "nope")


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_the_second_time(settings):
    out = run("load_demo")
    assert (
        "Loaded: Government Digital Strategy: quarterly progress report April 2013 (Published)"
        in out
    )
    assert "public: http" in out and "admin: http" in out
    again = run("load_demo")
    assert "Loaded:" not in again and again.count("Already loaded") == 2
    assert Report.objects.count() == 2
