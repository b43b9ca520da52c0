import pytest
import reversion
from django.contrib.admin.models import LogEntry
from hypothesis import given
from hypothesis import strategies as st
from reversion.models import Version

from reports import headlines
from reports.errors import HeadlineRefused, NotPermitted
from reports.models import HeadlineComment, HeadlineOption, HeadlineVote
from tests.assertions import assert_single_revision, revision_mark
from tests.factories import HeadlineOptionFactory, ReportFactory
from tests.fuzzing import hostile_text

pytestmark = pytest.mark.django_db

SEED = [
    "Great progress on transformation - lots of work to be done",
    "Making progress, more to do",
    "Progress made, but we can do better",
]


@pytest.fixture
def report():
    report = ReportFactory(title="Saving money, transforming services, making progress")
    for position, text in enumerate(SEED, start=1):
        HeadlineOptionFactory(report=report, text=text, position=position)
    return report


def options(report):
    return list(report.headline_options.current())


def revisions(report):
    return [v.revision for v in Version.objects.get_for_object(report)]


def test_add_option_appends_and_writes_one_revision(report, designer):
    mark = revision_mark()
    option = headlines.add_option(report, by=designer, text="  From Awards  to Transactions ")
    assert option.text == "From Awards to Transactions"
    assert option.author == designer
    assert options(report)[-1] == option
    assert_single_revision(
        report,
        by=designer,
        comment="Added headline option \u201cFrom Awards to Transactions\u201d",
        since=mark,
    )


def test_a_publisher_cannot_add_edit_move_or_retire(report, publisher):
    first = options(report)[0]
    for attempt in [
        lambda: headlines.add_option(report, by=publisher, text="New"),
        lambda: headlines.edit_option(first, by=publisher, text="New"),
        lambda: headlines.move(first, by=publisher, up=False),
        lambda: headlines.retire(first, by=publisher),
    ]:
        with pytest.raises(NotPermitted):
            attempt()
    assert [o.text for o in options(report)] == SEED
    assert revisions(report) == []


def test_bad_text_is_refused_naming_the_field(report, editor):
    with pytest.raises(HeadlineRefused) as error:
        headlines.add_option(report, by=editor, text="   ")
    assert error.value.field == "text"
    with pytest.raises(HeadlineRefused, match="already has the option"):
        headlines.add_option(report, by=editor, text="making progress, MORE to do")
    assert report.headline_options.count() == 3


def test_edit_option_records_old_and_new_text(report, editor):
    option = options(report)[1]
    mark = revision_mark()
    headlines.edit_option(option, by=editor, text="Making progress, much more to do")
    option.refresh_from_db()
    assert option.text == "Making progress, much more to do"
    revision = assert_single_revision(
        report,
        by=editor,
        comment="Changed headline option \u201cMaking progress, more to do\u201d to "
        "\u201cMaking progress, much more to do\u201d",
        since=mark,
    )
    texts = {v.field_dict["text"] for v in revision.version_set.all() if "text" in v.field_dict}
    assert "Making progress, much more to do" in texts


def test_editing_without_a_change_writes_no_revision(report, editor):
    option = options(report)[0]
    headlines.edit_option(option, by=editor, text=option.text, notes=option.notes)
    assert revisions(report) == []


def test_move_swaps_neighbours_and_refuses_past_the_ends(report, designer):
    first, second, third = options(report)
    headlines.move(third, by=designer, up=True)
    assert options(report) == [first, third, second]
    assert revisions(report)[0].comment == f"Moved headline option \u201c{third.text}\u201d up"
    with pytest.raises(HeadlineRefused, match="already first"):
        headlines.move(first, by=designer, up=True)


def test_reorder_takes_the_whole_order_and_refuses_a_stale_one(report, editor):
    first, second, third = options(report)
    headlines.reorder(report, [third.pk, first.pk, second.pk], by=editor)
    assert options(report) == [third, first, second]
    with pytest.raises(HeadlineRefused, match="changed"):
        headlines.reorder(report, [third.pk, first.pk], by=editor)


def test_retire_keeps_the_option_in_history_and_restore_brings_it_back(report, designer):
    option = options(report)[0]
    headlines.retire(option, by=designer)
    option.refresh_from_db()
    assert option.retired and option.retired_by == designer and option.retired_at
    assert option not in options(report)
    assert list(report.headline_options.retired()) == [option]
    assert revisions(report)[0].comment == f"Retired headline option \u201c{option.text}\u201d"
    with pytest.raises(HeadlineRefused, match="retired"):
        headlines.edit_option(option, by=designer, text="x")
    headlines.restore(option, by=designer)
    assert options(report)[-1] == option


def test_the_chosen_option_cannot_be_retired(report, editor):
    option = options(report)[0]
    headlines.choose(report, option, by=editor)
    with pytest.raises(HeadlineRefused, match="Choose another option"):
        headlines.retire(option, by=editor)


def test_choose_makes_it_the_title_and_records_who_and_why(report, editor):
    option = options(report)[1]
    mark = revision_mark()
    headlines.choose(report, option, by=editor, reason="Honest, short and plain.")
    option.refresh_from_db()
    report.refresh_from_db()
    assert option.chosen and option.chosen_by == editor and option.chosen_at
    assert option.chosen_reason == "Honest, short and plain."
    assert report.display_title() == "Making progress, more to do"
    assert_single_revision(
        report,
        by=editor,
        comment="Chose headline \u201cMaking progress, more to do\u201d: Honest, short and plain.",
        since=mark,
    )


def test_changing_the_choice_is_a_normal_revision(report, editor, second_editor):
    first, second, _ = options(report)
    headlines.choose(report, first, by=editor)
    mark = revision_mark()
    headlines.choose(report, second, by=second_editor)
    first.refresh_from_db()
    assert not first.chosen and first.chosen_by is None
    assert report.chosen_headline() == second
    assert HeadlineOption.objects.filter(report=report, chosen=True).count() == 1
    assert_single_revision(
        report,
        by=second_editor,
        comment=f"Chose headline \u201c{second.text}\u201d instead of \u201c{first.text}\u201d",
        since=mark,
        logged=True,
    )
    # Reverting to the earlier revision restores the earlier choice.
    revisions(report)[1].revert()
    assert report.chosen_headline() == first


def test_only_editors_choose(report, designer, publisher):
    for user in (designer, publisher):
        with pytest.raises(NotPermitted, match="Only editors can choose the headline"):
            headlines.choose(report, options(report)[0], by=user)
    assert report.chosen_headline() is None


def test_designers_mark_a_preferred_option_and_only_one(report, designer, publisher):
    first, second, _ = options(report)
    mark = revision_mark()
    headlines.prefer(first, by=designer)
    assert_single_revision(
        report,
        by=designer,
        comment=f"Marked headline option \u201c{first.text}\u201d as preferred",
        since=mark,
        logged=True,
    )
    headlines.prefer(second, by=designer)
    assert list(report.headline_options.filter(preferred=True)) == [second]
    with pytest.raises(NotPermitted):
        headlines.prefer(first, by=publisher)
    headlines.retire(second, by=designer)
    second.refresh_from_db()
    assert not second.preferred  # a retired option is no one's preference


def test_retired_or_foreign_options_cannot_be_chosen(report, editor):
    option = options(report)[0]
    headlines.retire(option, by=editor)
    with pytest.raises(HeadlineRefused, match="retired"):
        headlines.choose(report, option, by=editor)
    with pytest.raises(HeadlineRefused, match="not part of this report"):
        headlines.choose(report, HeadlineOptionFactory(), by=editor)


def test_votes_one_per_editor_per_option(report, editor, second_editor):
    first, second, _ = options(report)
    headlines.vote(first, by=editor)
    headlines.vote(first, by=second_editor)
    headlines.vote(second, by=editor)
    with pytest.raises(HeadlineRefused, match="already voted"):
        headlines.vote(first, by=editor)
    assert sorted(v.user.username for v in first.votes.all()) == ["editor", "editor2"]
    headlines.unvote(first, by=editor)
    assert [v.user for v in first.votes.all()] == [second_editor]
    with pytest.raises(HeadlineRefused, match="not voted"):
        headlines.unvote(first, by=editor)


def test_only_editors_vote(report, designer, publisher):
    for user in (designer, publisher):
        with pytest.raises(NotPermitted, match="Only editors"):
            headlines.vote(options(report)[0], by=user)
    assert HeadlineVote.objects.count() == 0


def test_anyone_who_can_see_the_report_comments(report, designer, editor, publisher):
    option = options(report)[0]
    for user in (designer, editor, publisher):
        headlines.comment(option, by=user, text=f"Thoughts from {user.username}")
    assert [c.author for c in option.comments.all()] == [designer, editor, publisher]
    with pytest.raises(HeadlineRefused):
        headlines.comment(option, by=editor, text="  ")


def test_a_user_without_a_role_cannot_comment(report):
    from tests.factories import UserFactory

    with pytest.raises(NotPermitted):
        headlines.comment(options(report)[0], by=UserFactory(), text="Hello")
    assert HeadlineComment.objects.count() == 0


def test_votes_and_comments_are_logged_but_not_report_revisions(report, editor):
    option = options(report)[0]
    with reversion.create_revision():
        headlines.vote(option, by=editor)
        headlines.comment(option, by=editor, text="Front-loads the good news.")
    assert revisions(report) == []
    messages = list(
        LogEntry.objects.filter(object_id=str(report.pk)).values_list("change_message", flat=True)
    )
    assert f"Voted for headline option \u201c{option.text}\u201d" in messages
    assert f"Commented on headline option \u201c{option.text}\u201d" in messages


def test_allowed_follows_the_roles(designer, editor, publisher):
    assert headlines.allowed(designer) == {
        "add": True,
        "edit": True,
        "prefer": True,
        "comment": True,
        "vote": False,
        "choose": False,
    }
    assert headlines.allowed(editor) == dict.fromkeys(
        ["add", "edit", "prefer", "comment", "vote", "choose"], True
    )
    assert headlines.allowed(publisher) == {
        "add": False,
        "edit": False,
        "prefer": False,
        "comment": True,
        "vote": False,
        "choose": False,
    }


def test_titles_in_use_lists_other_reports(report, editor):
    other = ReportFactory(title="Government Digital Strategy: quarterly progress report")
    chosen = HeadlineOptionFactory(report=other, text="From Awards to Transactions")
    headlines.choose(other, chosen, by=editor)
    titles = headlines.titles_in_use(report)
    assert "From Awards to Transactions" in titles
    assert other.title in titles
    assert report.title not in titles


# Property tests (Hypothesis, fixed budget: see tests/conftest.py)


@given(hostile_text(max_size=20), st.text(max_size=40))
def test_any_headline_text_is_cleaned_or_refused(text, notes):
    try:
        cleaned, cleaned_notes = headlines._clean(text, notes)
    except HeadlineRefused as refusal:
        assert refusal.field == "text"
    else:
        assert cleaned and len(cleaned) <= headlines.TEXT_MAX and cleaned == cleaned.strip()
        assert cleaned_notes == notes.strip()
