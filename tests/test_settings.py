"""The settings, checked in fresh processes as an operator would start them."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import DEPRECATED_EMAIL_SETTINGS, settings

ROOT = Path(__file__).resolve().parents[1]


def production_env(tmp_path, **overrides):
    """Return a realistic production environment: DEBUG unset, a long random key, real hosts."""
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "reports.example.gov.uk",
        "CSRF_TRUSTED_ORIGINS": "https://reports.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(*args, env):
    """Run manage.py in a new process and return the completed process."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(name, env):
    """Return a setting's value as the settings module computes it under env."""
    code = f"from django.conf import settings; import json; print(json.dumps(settings.{name}))"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_missing_secret_key_with_debug_off_stops_start_up_with_one_clear_line(tmp_path):
    result = manage("check", env=production_env(tmp_path, SECRET_KEY=None))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "govreport cannot start: SECRET_KEY is not set. Set the SECRET_KEY environment "
        "variable (or DEBUG=1 for local development only)."
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [("PUBLIC_CACHE_SECONDS", "5 minutes"), ("MEDIA_RENDITION_WIDTHS", "320,wide,960")],
)
def test_an_invalid_whole_number_stops_start_up_with_one_line_naming_it(tmp_path, name, value):
    result = manage("check", env=production_env(tmp_path, **{name: value}))
    assert result.returncode == 1
    bad = value.split(",")[1] if "," in value else value
    assert result.stderr.strip().splitlines() == [
        f"govreport cannot start: {name} must be a whole number, not {bad!r}."
    ]


def test_whole_numbers_are_read_with_the_helpers(tmp_path):
    env = production_env(tmp_path, PUBLIC_CACHE_SECONDS=" 600 ", MEDIA_RENDITION_WIDTHS="320, 640")
    code = (
        "from django.conf import settings; import json; "
        "print(json.dumps([settings.PUBLIC_CACHE_SECONDS, settings.MEDIA_RENDITION_WIDTHS, "
        "settings.IMPORT_MAX_BYTES]))"
    )
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [600, [320, 640], 5 * 1024 * 1024]
    # Every variable goes through a helper: env_str, env_int, env_int_list, env_bool or env_list.
    source = (ROOT / "govreport" / "settings.py").read_text()
    assert source.count("os.environ") == source.count("os.environ", 0, source.index("\nDEBUG ="))


def test_missing_secret_key_is_allowed_in_development(tmp_path):
    result = manage("check", env=production_env(tmp_path, SECRET_KEY=None, DEBUG="1"))
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_ssl_redirect_is_on_by_default_in_production(tmp_path):
    assert setting("SECURE_SSL_REDIRECT", production_env(tmp_path)) is True


def test_ssl_redirect_can_be_turned_off_for_a_proxy_that_redirects(tmp_path):
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="0", SECURE_PROXY_SSL_HEADER="1")
    assert setting("SECURE_SSL_REDIRECT", env) is False
    assert setting("SECURE_PROXY_SSL_HEADER", env) == ["HTTP_X_FORWARDED_PROTO", "https"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr


def test_email_goes_to_the_console_in_development(tmp_path):
    mailers = setting("MAILERS", production_env(tmp_path, DEBUG="1"))
    assert mailers == {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}


def test_email_goes_through_smtp_in_production(tmp_path):
    env = production_env(
        tmp_path,
        EMAIL_HOST="smtp.example.gov.uk",
        EMAIL_HOST_USER="govreport",
        EMAIL_HOST_PASSWORD="app-password",
        EMAIL_USE_TLS="1",
    )
    default = setting("MAILERS", env)["default"]
    assert default["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert default["OPTIONS"] == {
        "host": "smtp.example.gov.uk",
        "port": None,
        "username": "govreport",
        "password": "app-password",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10,
    }


def test_no_deprecated_email_settings_are_used():
    assert settings.is_overridden("MAILERS")
    assert not [name for name in DEPRECATED_EMAIL_SETTINGS if settings.is_overridden(name)]


def test_collectstatic_with_the_manifest_storage_succeeds(tmp_path):
    static_root = tmp_path / "static"
    env = production_env(tmp_path, STATIC_ROOT=str(static_root))
    result = manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    # Every asset GOV.UK Frontend's CSS refers to was found, fingerprinted and collected.
    css = static_root / manifest["govuk/govuk-frontend.min.css"]
    urls = re.findall(r'url\("?([^")]+)"?\)', css.read_text())
    assert urls
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        assert (css.parent / url).is_file(), url
