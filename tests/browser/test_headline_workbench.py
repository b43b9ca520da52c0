import pytest
from django.urls import reverse

from reports.models import HeadlineOption
from tests.browser.conftest import describe_violations
from tests.factories import HeadlineOptionFactory, ReportFactory

pytestmark = pytest.mark.django_db(transaction=True)

OPTIONS = [
    "Great progress on transformation - lots of work to be done",
    "Making progress, more to do",
    "Progress made, but we can do better",
    "From Awards to Transactions",
]


@pytest.fixture
def report():
    report = ReportFactory(
        title="Saving money, transforming services, making progress",
        summary="What the Government Digital Service did from April to June 2013.",
    )
    for position, text in enumerate(OPTIONS, start=1):
        HeadlineOptionFactory(report=report, text=text, position=position)
    return report


@pytest.fixture
def workbench(page, live_server, admin_login, editor, report):
    admin_login(editor)
    page.goto(live_server.url + reverse("admin:reports_report_headlines", args=[report.pk]))
    return page


def card_boxes(page):
    return [card.bounding_box() for card in page.locator(".hw-card").all()]


def test_four_options_side_by_side_at_1280px_and_axe_clean(workbench, axe, screenshot):
    page = workbench
    page.set_viewport_size({"width": 1280, "height": 900})
    boxes = card_boxes(page)
    assert len(boxes) == 4
    assert len({round(box["y"]) for box in boxes}) == 1, "options should share one row"
    assert page.get_by_text("58 of 65").is_visible()
    screenshot("headline-workbench-1280")
    violations = axe()
    assert violations == [], describe_violations(violations)


def test_options_stack_on_a_narrow_screen(workbench, axe, screenshot):
    page = workbench
    page.set_viewport_size({"width": 375, "height": 800})
    boxes = card_boxes(page)
    assert len({round(box["x"]) for box in boxes}) == 1, "options should stack"
    assert all(box["x"] + box["width"] <= 375 for box in boxes)
    screenshot("headline-workbench-375")
    violations = axe(".headline-workbench")
    assert violations == [], describe_violations(violations)


def test_compare_two_options_and_choose_one(workbench, report, editor, axe):
    page = workbench
    page.get_by_label("Compare", exact=True).select_option(label=OPTIONS[1])
    page.get_by_label("with", exact=True).select_option(label=OPTIONS[3])
    with page.expect_navigation():
        page.get_by_role("button", name="Show the differences").click()
    diff = page.locator(".hw-diff__result")
    assert diff.locator("del").all_text_contents() == [
        "[removed: Making progress, more]",
        "[removed: do]",
    ]
    added = diff.locator("ins").all_text_contents()
    assert added == ["[added: From Awards]", "[added: Transactions]"]

    page.get_by_role("link", name="Choose option 4").click()
    assert page.get_by_text(
        "Choose \u201cFrom Awards to Transactions\u201d as the headline?"
    ).is_visible()
    violations = axe()
    assert violations == [], describe_violations(violations)
    page.get_by_label("Why this headline? (optional)").fill("It says what happened.")
    page.get_by_role("button", name="Choose this headline").click()

    assert page.locator(".hw-chosen__text").inner_text() == "From Awards to Transactions"
    assert page.get_by_text("Reason: It says what happened.").is_visible()
    chosen = HeadlineOption.objects.get(report=report, chosen=True)
    assert (chosen.text, chosen.chosen_by, chosen.chosen_reason) == (
        "From Awards to Transactions",
        editor,
        "It says what happened.",
    )


def test_vote_with_the_keyboard(workbench, report):
    page = workbench
    button = page.get_by_role("button", name="Vote for option 2")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("1 vote: editor").is_visible()
    assert page.get_by_role("button", name="Remove my vote for option 2").is_visible()
