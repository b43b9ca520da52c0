import pytest

from tests.browser.conftest import describe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_index_loads_with_govuk_styles_and_no_axe_violations(page, live_server, axe):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Published reports"
    # GOV.UK Frontend's CSS is served and applied (the skip link is visually hidden until focus).
    assert (
        page.locator(".govuk-skip-link").evaluate("e => getComputedStyle(e).position") == "absolute"
    )
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    violations = axe()
    assert violations == [], describe_violations(violations)
