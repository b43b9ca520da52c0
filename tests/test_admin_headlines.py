import pytest
from django.urls import reverse
from reversion.models import Version

from reports import headlines
from tests.factories import HeadlineOptionFactory, ReportFactory, UserFactory

pytestmark = pytest.mark.django_db

SEED = [
    "Great progress on transformation - lots of work to be done",
    "Making progress, more to do",
    "Progress made, but we can do better",
]


@pytest.fixture
def report():
    report = ReportFactory(
        title="Saving money, transforming services, making progress",
        slug="july-2013",
        summary="What the Government Digital Service did from April to June 2013.",
    )
    for position, text in enumerate(SEED, start=1):
        HeadlineOptionFactory(report=report, text=text, position=position)
    return report


def url(report, action=None, option=None):
    name = "admin:reports_report_headlines" + (f"_{action}" if action else "")
    args = [report.pk, option.pk] if option else [report.pk]
    return reverse(name, args=args)


def option(report, n):
    return list(report.headline_options.current())[n]


def test_workbench_shows_the_metrics_of_the_seed_options(client, editor, report):
    client.force_login(editor)
    html = client.get(url(report)).content.decode()
    for text in SEED:
        assert f"{text} - GOV.UK" in html
    for count in ["58 of 65", "27 of 65", "35 of 65"]:
        assert count in html
    assert "Within the 65-character limit (7 to spare)" in html
    assert html.count("<mark>transformation<span") == 1
    assert html.count("<mark>progress<span") == 2
    assert html.count("<mark>Progress<span") == 1
    assert "78.2 (Fairly easy)" in html
    assert "\u201cGreat progress on\u201d" in html
    assert "What the Government Digital Service did from April to June 2013." in html
    assert "/reports/july-2013/" in html
    # The first two options are compared word by word by default.
    assert '<del><span class="visually-hidden">[removed: </span>' in html


def test_workbench_flags_a_long_option_and_similar_titles(client, editor, report):
    ReportFactory(title="Making progress: more to do")
    HeadlineOptionFactory(
        report=report,
        text="We will leverage robust digital platforms going forward to empower and "
        "transform public services",
    )
    client.force_login(editor)
    html = client.get(url(report)).content.decode()
    assert "31 characters over the 65-character limit" in html
    assert (
        "Cut off: \u201cWe will leverage robust digital platforms going forward to\u2026\u201d"
        in html
    )
    assert "Duplicates \u201cMaking progress: more to do\u201d" in html


def test_workbench_query_count_does_not_grow_with_options(
    client, editor, report, django_assert_max_num_queries
):
    client.force_login(editor)
    for o in report.headline_options.all():
        headlines.vote(o, by=editor)
        headlines.comment(o, by=editor, text="Fine")
    # 13: the page's 12, and the check for the user's two-factor device.
    with django_assert_max_num_queries(13):
        client.get(url(report))


def test_diff_between_any_two_options(client, editor, report):
    client.force_login(editor)
    a, c = option(report, 0), option(report, 2)
    html = client.get(url(report), {"from": c.pk, "to": a.pk}).content.decode()
    assert f"Changes from \u201c{c.text}\u201d to \u201c{a.text}\u201d" in html


def test_buttons_follow_the_roles(client, designer, editor, publisher, report):
    client.force_login(designer)
    html = client.get(url(report)).content.decode()
    assert "Move down" in html and "Retire" in html and "Add option" in html
    assert ">Mark as preferred<" in html
    assert ">Vote<" not in html and ">Choose<" not in html
    client.force_login(editor)
    assert ">Choose<" in client.get(url(report)).content.decode()
    client.force_login(publisher)
    html = client.get(url(report)).content.decode()
    assert "Add comment" in html
    assert ">Vote<" not in html and "Move down" not in html and "Add option" not in html
    assert ">Choose<" not in html and ">Mark as preferred<" not in html


def test_posts_recheck_permission_and_refuse_with_an_explanation(
    client, designer, publisher, report
):
    first = option(report, 0)
    client.force_login(designer)
    response = client.post(url(report, "choose", first), {"reason": "Mine"})
    assert response.status_code == 403
    assert "Only editors can choose the headline." in response.content.decode()
    client.force_login(publisher)
    for action in ["vote", "retire", "move", "choose", "prefer"]:
        response = client.post(url(report, action, first), {"direction": "down"})
        assert response.status_code == 403, action
    response = client.post(url(report, "add"), {"text": "Publisher's idea"})
    assert response.status_code == 403
    assert report.chosen_headline() is None
    assert report.headline_options.count() == 3
    assert not first.votes.exists()


def test_a_user_without_view_permission_gets_403(client, report):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(url(report)).status_code == 403


def test_add_with_no_text_shows_an_error_and_changes_nothing(client, editor, report):
    client.force_login(editor)
    response = client.post(url(report, "add"), {"text": ""})
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_add_text"' in html
    assert report.headline_options.count() == 3


def test_add_edit_and_move(client, designer, report):
    client.force_login(designer)
    response = client.post(url(report, "add"), {"text": "From Awards to Transactions"})
    new = report.headline_options.get(text="From Awards to Transactions")
    assert response["Location"].endswith(f"#option-{new.pk}")
    client.post(url(report, "edit", new), {"text": "From awards to transactions"})
    new.refresh_from_db()
    assert new.text == "From awards to transactions"
    client.post(url(report, "move", new), {"direction": "up"})
    assert option(report, 2) == new


def test_vote_shows_a_tally_of_who_voted(client, editor, second_editor, report):
    first = option(report, 0)
    for user in (editor, second_editor):
        client.force_login(user)
        client.post(url(report, "vote", first))
    html = client.get(url(report)).content.decode()
    assert "2 votes: editor, editor2" in html
    assert "Remove my vote" in html
    client.post(url(report, "unvote", first))
    assert list(first.votes.values_list("user__username", flat=True)) == ["editor"]


def test_comment(client, publisher, report):
    first = option(report, 0)
    client.force_login(publisher)
    client.post(url(report, "comment", first), {"text": "Too long for a tweet"})
    html = client.get(url(report)).content.decode()
    assert "Too long for a tweet" in html
    response = client.post(url(report, "comment", first), {"text": ""})
    assert "Comment on option 1: This field is required." in response.content.decode()


def test_choose_asks_for_confirmation_then_records_the_reason(client, editor, report):
    second = option(report, 1)
    client.force_login(editor)
    confirm = client.get(url(report, "choose", second))
    assert "Choose this headline" in confirm.content.decode()
    assert report.chosen_headline() is None
    client.post(url(report, "choose", second), {"reason": "Plain and honest"})
    assert report.chosen_headline() == second
    version = Version.objects.get_for_object(report).first()
    assert version.revision.user == editor
    assert version.revision.comment == f"Chose headline \u201c{second.text}\u201d: Plain and honest"
    html = client.get(url(report)).content.decode()
    assert "Chosen by editor" in html and "Reason: Plain and honest" in html


def test_retire_asks_for_confirmation_and_lists_retired_options(client, editor, report):
    third = option(report, 2)
    client.force_login(editor)
    assert "Yes, retire this option" in client.get(url(report, "retire", third)).content.decode()
    assert not report.headline_options.retired().exists()
    client.post(url(report, "retire", third))
    html = client.get(url(report)).content.decode()
    assert "Retired options (1)" in html and "Current options (2)" in html
    assert f'Restore<span class="visually-hidden"> \u201c{third.text}\u201d' in html


def test_refusals_show_as_messages(client, editor, report):
    first = option(report, 0)
    client.force_login(editor)
    response = client.post(url(report, "move", first), {"direction": "up"}, follow=True)
    assert "is already first" in response.content.decode()


def test_change_form_links_to_the_workbench(client, editor, report):
    client.force_login(editor)
    html = client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert f'href="{url(report)}"' in html and "Compare headlines" in html


def test_workbench_for_the_demo_draft_shows_its_three_options(client, editor, publisher):
    from reports.demo import load_reports

    draft = next(r for r, _ in load_reports(publisher=publisher) if r.headline_options.count() == 3)
    client.force_login(editor)
    html = client.get(url(draft)).content.decode()
    assert "Current options (3)" in html
    for count, words in [("58 of 65", 10), ("27 of 65", 5), ("35 of 65", 7)]:
        assert count in html
        assert f"<dt>Words</dt><dd>{words}</dd>" in html
