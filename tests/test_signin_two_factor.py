"""Two-factor authentication for staff: enrolment, codes at sign-in, recovery codes, enforcement."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from govreport.signin import devices
from govreport.signin.middleware import TwoFactorMiddleware
from tests.test_settings import manage, production_env
from tests.two_factor import app_code, device_code, enrol, wait_out_throttling, wrong_code

PASSWORD = "correct horse battery staple"
SET_UP = "/admin/two-factor/set-up/"
VERIFY = "/admin/two-factor/verify/"
CODES = "/admin/two-factor/recovery-codes/"


@pytest.fixture
def required(settings):
    """Production behaviour: every member of staff must use two-factor authentication."""
    settings.OTP_REQUIRED = True


@pytest.fixture
def staff(designer):
    return designer


def text(response):
    """Return the page's text content with tags removed and whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def sign_in_with_password(client, next_url="/admin/"):
    response = client.post(
        f"/admin/login/?next={next_url}", {"username": "designer", "password": PASSWORD}
    )
    assert response.status_code == 302, text(response)
    return response


def shown_secret(response):
    return re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', response.content.decode())[1]


def shown_codes(response):
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/reports/report/", "/admin/two-factor/", "/admin/password_change/"]
)
def test_staff_without_an_app_must_set_one_up_before_any_admin_page(client, staff, required, path):
    client.force_login(staff)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{SET_UP}?next={path}"


def test_the_staff_preview_is_closed_until_the_app_is_set_up(client, staff, required):
    client.force_login(staff)
    response = client.post("/admin/reports/markdown-preview/", {"content": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith(SET_UP)


def test_enrolment_shows_a_qr_code_and_the_secret_then_confirms_with_a_code(
    client, staff, required
):
    sign_in_with_password(client)
    assert client.get("/admin/")["Location"] == f"{SET_UP}?next=/admin/"

    page = client.get(f"{SET_UP}?next=/admin/")
    assert page.status_code == 200
    assert "Set up two-factor authentication" in text(page)
    # The QR code is drawn on the server: an SVG data URI, no request to anyone else.
    assert re.search(
        r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+"', page.content.decode()
    )
    secret = shown_secret(page)
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    assert devices.secret(device) == secret
    # The same secret until it is confirmed: reloading the page does not change the app's key.
    assert shown_secret(client.get(SET_UP)) == secret

    wrong = client.post(f"{SET_UP}?next=/admin/", {"code": wrong_code(secret)})
    assert wrong.status_code == 200
    assert "The code is wrong or has expired" in text(wrong)
    wait_out_throttling(staff)

    confirmed = client.post(f"{SET_UP}?next=/admin/", {"code": app_code(secret)})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"{CODES}?next=/admin/"
    device.refresh_from_db()
    assert device.confirmed

    codes_page = client.get(confirmed["Location"])
    codes = shown_codes(codes_page)
    assert len(codes) == devices.RECOVERY_CODES
    assert set(codes) == set(
        StaticDevice.objects.get(user=staff).token_set.values_list("token", flat=True)
    )
    assert 'href="/admin/"' in codes_page.content.decode()
    # Shown once only.
    assert client.get(CODES)["Location"] == "/admin/two-factor/"
    assert client.get("/admin/").status_code == 200


def test_a_malformed_code_is_refused_without_counting_against_the_app(client, staff, required):
    client.force_login(staff)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "12345"})
    assert "Enter the 6-digit code your authenticator app shows" in text(response)
    assert TOTPDevice.objects.get(user=staff).throttling_failure_count == 0


def test_staff_with_an_app_sign_in_with_a_code(client, staff, required):
    device, _ = enrol(staff)
    sign_in_with_password(client, next_url="/admin/reports/report/")
    response = client.get("/admin/reports/report/")
    assert response["Location"] == f"{VERIFY}?next=/admin/reports/report/"

    page = client.get(response["Location"])
    assert "Enter the code from your authenticator app" in text(page)
    signed_in = client.post(response["Location"], {"code": device_code(device)})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/reports/report/"
    assert client.get("/admin/reports/report/").status_code == 200


def test_a_wrong_code_is_refused_and_the_app_then_makes_you_wait(client, staff, required):
    device, _ = enrol(staff)
    client.force_login(staff)
    wrong = client.post(VERIFY, {"code": wrong_code(devices.secret(device))})
    assert "The code is wrong or has expired" in text(wrong)
    right_too_soon = client.post(VERIFY, {"code": device_code(device)})
    assert re.search(
        r"Too many wrong codes\. Wait \d+ seconds?, then try again", text(right_too_soon)
    )
    assert client.get("/admin/").status_code == 302


def test_a_code_works_only_once(client, staff, required):
    device, _ = enrol(staff)
    code = device_code(device)
    client.force_login(staff)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    client.force_login(staff)
    assert "The code is wrong or has expired" in text(client.post(VERIFY, {"code": code}))


def test_a_rejected_next_address_after_the_code_lands_on_the_admin_index(client, staff, required):
    device, _ = enrol(staff)
    client.force_login(staff)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": device_code(device)})
    assert response["Location"] == "/admin/"


def test_a_recovery_code_works_once(client, staff, required):
    _, codes = enrol(staff)
    client.force_login(staff)
    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "You used a recovery code. You have 9 left." in text(response)

    client.logout()
    client.force_login(staff)
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200
    assert "The code is wrong or has expired" in text(again)
    wait_out_throttling(staff)
    assert client.post(VERIFY, {"code": codes[1]}).status_code == 302


def test_new_recovery_codes_replace_the_old_ones_and_are_shown_once(client, staff, required):
    device, old = enrol(staff)
    client.force_login(staff)
    client.post(VERIFY, {"code": device_code(device)})
    overview = client.get("/admin/two-factor/")
    assert "You have 10 recovery codes left" in text(overview)

    response = client.post(CODES)
    assert response["Location"] == CODES
    new = shown_codes(client.get(CODES))
    assert len(new) == devices.RECOVERY_CODES
    assert not set(new) & set(old)
    assert client.get(CODES)["Location"] == "/admin/two-factor/"

    client.logout()
    client.force_login(staff)
    assert client.post(VERIFY, {"code": old[0]}).status_code == 200
    wait_out_throttling(staff)
    assert client.post(VERIFY, {"code": new[0]}).status_code == 302


def test_after_signing_in_with_a_recovery_code_new_codes_can_be_created_and_seen(
    client, staff, required
):
    _, old = enrol(staff)
    client.force_login(staff)
    client.post(VERIFY, {"code": old[0]})
    client.post(CODES)
    new = shown_codes(client.get(CODES))
    assert len(new) == devices.RECOVERY_CODES
    assert client.get("/admin/").status_code == 200


def test_a_password_alone_cannot_replace_the_app(client, staff, required):
    enrol(staff)
    client.force_login(staff)
    response = client.get(SET_UP)
    assert response["Location"] == f"{VERIFY}?next={SET_UP}"
    assert client.post(CODES).status_code == 302
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_new_app_replaces_the_old_one_once_confirmed(client, staff, required):
    old, _ = enrol(staff)
    client.force_login(staff)
    client.post(VERIFY, {"code": device_code(old)})
    secret = shown_secret(client.get(SET_UP))
    assert TOTPDevice.objects.filter(user=staff).count() == 2
    client.post(SET_UP, {"code": app_code(secret)})
    [device] = TOTPDevice.objects.filter(user=staff)
    assert device.confirmed
    assert devices.secret(device) == secret


def test_the_session_forgets_the_code_when_the_user_signs_out(client, staff, required):
    device, _ = enrol(staff)
    sign_in_with_password(client)
    client.post(VERIFY, {"code": device_code(device)})
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    sign_in_with_password(client)
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_in_development_codes_are_optional_until_an_app_is_set_up(client, staff, settings):
    settings.OTP_REQUIRED = False
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    overview = client.get("/admin/two-factor/")
    assert "It is optional on this development site" in text(overview)
    assert 'href="/admin/two-factor/set-up/"' in overview.content.decode()

    device, _ = enrol(staff)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": device_code(device)})
    assert client.get("/admin/").status_code == 200


def test_the_admin_links_to_two_factor_authentication(client, staff):
    client.force_login(staff)
    assert 'href="/admin/two-factor/">Two-factor authentication</a>' in (
        client.get("/admin/").content.decode()
    )


@pytest.mark.parametrize(("verified", "anonymous"), [(False, True), (True, False)])
def test_outside_the_admin_half_signed_in_staff_are_readers(staff, required, verified, anonymous):
    seen = []
    middleware = TwoFactorMiddleware(lambda request: seen.append(request.user) or HttpResponse())
    request = RequestFactory().get("/reports/some-report/")
    staff.is_verified = lambda: verified
    request.user = staff
    middleware(request)
    assert seen[0].is_anonymous is anonymous


def test_reset_two_factor_removes_the_app_and_recovery_codes(staff, required, capsys):
    enrol(staff)
    call_command("reset_two_factor", "designer")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()
    assert "designer will set up a new authenticator app" in capsys.readouterr().out


def test_check_deploy_warns_when_two_factor_authentication_is_off(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(tmp_path, OTP_REQUIRED="0"),
    )
    assert result.returncode == 1
    assert "signin.W001" in result.stderr


def test_devices_wait_after_wrong_codes(staff):
    device, _ = enrol(staff)
    with pytest.raises(devices.CodeRefused) as wrong:
        devices.verify(staff, wrong_code(devices.secret(device)))
    assert wrong.value.reason == devices.CodeRefused.WRONG
    with pytest.raises(devices.CodeRefused) as wait:
        devices.verify(staff, device_code(device))
    assert wait.value.reason == devices.CodeRefused.WAIT
    assert timezone.now() < wait.value.locked_until <= timezone.now() + timedelta(seconds=1)
