"""Staff sign-in in a real browser: setting up an authenticator app, signing in with its code,
and the lockout page; every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import describe_violations
from tests.two_factor import app_code

pytestmark = pytest.mark.django_db(transaction=True)


def assert_accessible(axe):
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_a_designer_sets_up_an_app_then_signs_in_with_its_code(
    page, live_server, axe, admin_login, designer, settings, screenshot
):
    settings.OTP_REQUIRED = True
    admin_login(designer)
    page.wait_for_url(f"{live_server.url}/admin/two-factor/set-up/?next=/admin/")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    qr_code = page.get_by_role(
        "img", name="QR code that sets up govreport in your authenticator app"
    )
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.complete && image.naturalWidth > 0")
    screenshot("two-factor-set-up")
    assert_accessible(axe)

    secret = page.locator("#secret").inner_text()
    page.get_by_label("Code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    page.wait_for_url(re.compile(r".*/admin/two-factor/recovery-codes/\?next=/admin/$"))
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    screenshot("two-factor-recovery-codes")
    assert_accessible(axe)

    page.get_by_role("link", name="I have kept my recovery codes").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_text("You have 10 recovery codes left.")).to_be_visible()
    assert_accessible(axe)
    page.get_by_role("button", name="Log out").click()

    admin_login(designer)
    page.wait_for_url(re.compile(r".*/admin/two-factor/verify/\?next=/admin/$"))
    heading = page.get_by_role("heading", name="Enter the code from your authenticator app")
    expect(heading).to_be_visible()
    screenshot("two-factor-verify")
    assert_accessible(axe)
    # The code of the next 30 seconds: the one used to set up the app cannot be used again.
    page.get_by_label("Code").fill(app_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def test_the_lockout_page_after_too_many_wrong_passwords(
    page, live_server, axe, admin_login, designer, settings, screenshot
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        admin_login(designer, password="not the password")
    expect(page.get_by_role("heading", name="Signing in is locked")).to_be_visible()
    expect(page.get_by_text("is locked for 30 minutes")).to_be_visible()
    screenshot("sign-in-locked")
    assert_accessible(axe)
