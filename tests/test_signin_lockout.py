"""Staff sign-in: repeated wrong passwords lock the username out on that address for a while."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core.management import call_command

from tests.factories import UserFactory
from tests.test_settings import manage, production_env

PASSWORD = "correct horse battery staple"
WRONG = "Tr0ub4dor&3-wrong"


@pytest.fixture
def staff(db):
    return UserFactory(username="designer")


def sign_in(client, username, password, *, address="192.0.2.10", next_url=None):
    """Post the admin's sign-in form from an address and return the response."""
    data = {"username": username, "password": password, "csrfmiddlewaretoken": "form-token"}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/admin/login/", data, REMOTE_ADDR=address)


def text(response):
    """Return the page's HTML with its whitespace collapsed."""
    return " ".join(response.content.decode().split())


def signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, times, username="designer", **kwargs):
    for _ in range(times):
        sign_in(client, username, WRONG, **kwargs)


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(
    client, staff, settings
):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert AccessAttempt.objects.get().failures_since_start == settings.AXES_FAILURE_LIMIT - 1

    locked = sign_in(client, "designer", WRONG)
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(30 * 60)
    page = text(locked)
    assert "signing in with this username from your network is locked for 30 minutes" in page
    assert "ask an administrator" in page

    right = sign_in(client, "designer", PASSWORD)
    assert right.status_code == 429
    assert not signed_in(client)


def test_fifty_wrong_passwords_then_the_right_one_is_refused(client, staff):
    fail(client, 50)
    assert sign_in(client, "designer", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_wrong_passwords_below_the_limit_do_not_lock(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, "designer", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
    # A success starts the count again.
    assert not AccessAttempt.objects.exists()


def test_the_lock_is_per_username_and_address(client, staff, settings):
    UserFactory(username="editor")
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "designer", PASSWORD, address="198.51.100.7").status_code == 302


def test_the_right_password_works_again_after_the_cool_off(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "designer", PASSWORD).status_code == 429
    # Time passes: the last failure is now older than the cool-off period.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31)
    )
    assert sign_in(client, "designer", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_a_username_with_axes_reset_username(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    call_command("axes_reset_username", "designer")
    assert sign_in(client, "designer", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_administrator_unlocks_an_account_from_the_admin(client, staff, settings):
    fail(client, settings.AXES_FAILURE_LIMIT)
    admin = UserFactory(username="admin", is_superuser=True)
    client.force_login(admin)
    attempt = AccessAttempt.objects.get()
    changelist = client.get("/admin/axes/accessattempt/")
    assert changelist.status_code == 200
    response = client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, "designer", PASSWORD).status_code == 302


def test_the_limit_and_the_cool_off_come_from_settings(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    fail(client, 2)
    response = sign_in(client, "designer", PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "locked for 5 minutes" in text(response)


def test_no_password_or_personal_data_is_stored_or_logged(client, staff, settings, caplog):
    caplog.set_level(logging.DEBUG)
    fail(client, settings.AXES_FAILURE_LIMIT + 1)
    attempt = AccessAttempt.objects.get()
    # The lockout needs the username and address; the stored form data masks them and the password.
    assert (attempt.username, attempt.ip_address) == ("designer", "192.0.2.10")
    assert WRONG not in attempt.post_data
    assert "designer" not in attempt.post_data
    assert "192.0.2.10" not in attempt.post_data
    assert "form-token" not in attempt.post_data
    assert caplog.records
    for secret in [WRONG, "designer", "192.0.2.10"]:
        assert secret not in caplog.text
    # Successful sign-ins are not kept in an access log.
    assert sign_in(client, "designer", PASSWORD, address="198.51.100.7").status_code == 302
    assert not AccessLog.objects.exists()


def test_a_rejected_next_address_lands_on_the_admin_index(client, staff):
    response = sign_in(client, "designer", PASSWORD, next_url="https://evil.example/phish")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_safe_next_address_is_followed(client, staff):
    response = sign_in(client, "designer", PASSWORD, next_url="/admin/reports/report/")
    assert response["Location"] == "/admin/reports/report/"


@pytest.mark.parametrize("name", ["SIGN_IN_FAILURE_LIMIT", "SIGN_IN_LOCKOUT_MINUTES"])
def test_a_limit_of_zero_stops_start_up_with_one_line(tmp_path, name):
    result = manage("check", env=production_env(tmp_path, **{name: "0"}))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "govreport cannot start: SIGN_IN_FAILURE_LIMIT and SIGN_IN_LOCKOUT_MINUTES "
        "must be 1 or more."
    ]
