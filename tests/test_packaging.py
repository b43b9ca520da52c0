"""A non-editable install carries every package and the files the code reads at run time."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def expected_files():
    """Return every module of every package under govreport/ and reports/, and the data files."""
    files = set()
    for top in ("govreport", "reports"):
        for init in (ROOT / top).rglob("__init__.py"):
            files |= set(init.parent.glob("*.py"))
    # The files reports/ reads at run time besides its modules (pyproject's package-data).
    files |= set((ROOT / "reports" / "data").glob("*"))
    files |= set((ROOT / "reports" / "demo").glob("*.md"))
    for folder in ("static", "templates"):
        # Following symlinks: reports/static/govuk (built GOV.UK Frontend) is one in a worktree.
        for parent, _, names in os.walk(ROOT / "reports" / folder, followlinks=True):
            files |= {Path(parent) / name for name in names}
    return {p.relative_to(ROOT).as_posix() for p in files if "__pycache__" not in p.parts}


def test_the_expectation_covers_subpackages_and_data():
    files = expected_files()
    assert {
        "reports/admin/report.py",
        "reports/checks/style.py",
        "reports/models/report.py",
        "reports/migrations/0001_initial.py",
        "reports/management/commands/check_links.py",
        "reports/templatetags/__init__.py",
        "reports/data/words_to_avoid.txt",
        "reports/demo/quarterly-report-july-2013-draft.md",
        "reports/static/reports/site.css",
    } <= files


def test_a_built_wheel_holds_every_package_and_its_data(tmp_path):
    pytest.importorskip("setuptools", reason="building a wheel needs setuptools in the venv")
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("govreport", "reports"):
        # Follow symlinks (reports/static/govuk is one in a worktree), as a checkout would have.
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["--quiet", "--wheel-dir", str(tmp_path / "dist"), str(source)],
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    [wheel] = (tmp_path / "dist").glob("govreport-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert expected_files() - names == set()
    assert not [n for n in names if n.startswith(("tests/", "media/"))]
