import threading

import pytest
from django.db import connection
from django.test import Client

from reports import headlines, history, importing, locking, media, workflow
from reports.errors import EditConflict
from reports.models import EditingSession, Report
from tests.admin_forms import change_url, inline_prefix, open_form
from tests.assertions import revision_mark
from tests.factories import (
    HeadlineOptionFactory,
    MediaItemFactory,
    ReportFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(editor):
    report = ReportFactory(title="Making progress", summary="What we did.")
    SectionFactory(report=report, heading="Introduction", anchor="intro", body="One two three.")
    SectionFactory(report=report, heading="Money", anchor="money", body="We saved £500m.")
    HeadlineOptionFactory(report=report, text="Progress made")
    with workflow.editing(report, by=editor, comment="First draft"):
        pass
    return report


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_save_is_refused_with_both_versions_and_nothing_is_lost(
    report, editor, second_editor
):
    first, second = _client(editor), _client(second_editor)
    mine, theirs = open_form(first, report), open_form(second, report)
    mine["title"] = "Making rapid progress"
    assert first.post(change_url(report), mine).status_code == 302
    theirs["summary"] = "What we did, and what we will do next."
    mark = revision_mark()

    response = second.post(change_url(report), theirs)

    assert response.status_code == 409
    assert revision_mark() == mark  # nothing written
    report.refresh_from_db()
    assert report.title == "Making rapid progress" and report.summary == "What we did."
    html = response.content.decode()
    assert "Your changes have not been saved yet" in html
    assert "Current saved version" in html and "Your version" in html
    # Their text, to copy.
    assert "What we did, and what we will do next.</textarea>" in html
    # Differences: the summary they wrote, and the title they would have overwritten.
    changed = {f.name for f in response.context["comparison"].changed_fields}
    assert changed == {"title", "summary"}


def test_reapplying_a_refused_save_keeps_both_edits(report, editor, second_editor):
    first, second = _client(editor), _client(second_editor)
    mine, theirs = open_form(first, report), open_form(second, report)
    mine["title"] = "Making rapid progress"
    mine[f"{inline_prefix(mine, 'money')}-body"] = "We saved £700m."
    assert first.post(change_url(report), mine).status_code == 302
    theirs["summary"] = "What we did, and what we will do next."
    theirs[f"{inline_prefix(theirs, 'intro')}-heading"] = "Introduction to the quarter"
    response = second.post(change_url(report), theirs)
    assert response.status_code == 409
    assert response.context["both_changed"] == []

    merged = dict(response.context["merged_data"])
    response = second.post(change_url(report), merged)

    assert response.status_code == 302, response.context and response.context.get("errors")
    report.refresh_from_db()
    assert report.title == "Making rapid progress"
    assert report.summary == "What we did, and what we will do next."
    assert report.sections.get(anchor="money").body == "We saved £700m."
    assert report.sections.get(anchor="intro").heading == "Introduction to the quarter"


def test_fields_changed_by_both_are_listed_and_use_the_refused_text(report, editor, second_editor):
    first, second = _client(editor), _client(second_editor)
    mine, theirs = open_form(first, report), open_form(second, report)
    mine["title"] = "Title one"
    assert first.post(change_url(report), mine).status_code == 302
    theirs["title"] = "Title two"
    response = second.post(change_url(report), theirs)
    assert response.context["both_changed"] == [("Report", "Title", "Title one", "Title two")]
    assert dict(response.context["merged_data"])["title"] == "Title two"


def test_an_inline_only_stale_save_is_refused(report, editor, second_editor):
    first, second = _client(editor), _client(second_editor)
    mine, theirs = open_form(first, report), open_form(second, report)
    mine[f"{inline_prefix(mine, 'money')}-body"] = "We saved £700m."
    assert first.post(change_url(report), mine).status_code == 302
    theirs[f"{inline_prefix(theirs, 'money')}-body"] = "We saved £600m."
    response = second.post(change_url(report), theirs)
    assert response.status_code == 409
    assert report.sections.get(anchor="money").body == "We saved £700m."
    money = next(p for p in response.context["comparison"].parts[0].parts if p.label == "Money")
    assert money.state == "changed"


def test_a_section_someone_else_deleted_comes_back_if_the_refused_save_changed_it(
    report, editor, second_editor
):
    first, second = _client(editor), _client(second_editor)
    mine, theirs = open_form(first, report), open_form(second, report)
    mine[f"{inline_prefix(mine, 'money')}-DELETE"] = "on"
    assert first.post(change_url(report), mine).status_code == 302
    theirs[f"{inline_prefix(theirs, 'money')}-body"] = "We saved £600m."
    response = second.post(change_url(report), theirs)
    assert second.post(change_url(report), dict(response.context["merged_data"])).status_code == 302
    assert report.sections.get(anchor="money").body == "We saved £600m."


def test_editing_refuses_a_missing_or_old_base_version(report, editor):
    report.refresh_from_db()
    mark = revision_mark()
    for stale in ["", "not a number", report.lock_version - 1]:
        with (
            pytest.raises(EditConflict),
            workflow.editing(report, by=editor, base_lock_version=stale),
        ):
            pass
    assert revision_mark() == mark
    with workflow.editing(report, by=editor, base_lock_version=str(report.lock_version)):
        pass
    assert revision_mark() > mark


# Changes made outside the change form (importer, headline and media actions) count as saves.


def _option(report, text):
    return report.headline_options.get(text=text)


CHANGES_OUTSIDE_THE_FORM = {
    "import-update": lambda report, by: importing.import_document(
        "The updated document.", by=by, title="Making progress", update=report.slug
    ),
    "headline-add": lambda report, by: headlines.add_option(report, by=by, text="New headline"),
    "headline-edit": lambda report, by: headlines.edit_option(
        _option(report, "Progress made"), by=by, text="Progress made at last"
    ),
    "headline-reorder": lambda report, by: headlines.reorder(
        report, [_option(report, "More to do").pk, _option(report, "Progress made").pk], by=by
    ),
    "headline-move": lambda report, by: headlines.move(
        _option(report, "More to do"), by=by, up=True
    ),
    "headline-retire": lambda report, by: headlines.retire(_option(report, "More to do"), by=by),
    "headline-restore": lambda report, by: headlines.restore(_option(report, "Old idea"), by=by),
    "headline-choose": lambda report, by: headlines.choose(
        report, _option(report, "Progress made"), by=by
    ),
    "media-add": lambda report, by: media.add(
        report, by=by, kind="placeholder", slug="visits", description="A chart of visits"
    ),
    "media-fulfil": lambda report, by: media.fulfil(
        report.media.get(slug="savings"),
        by=by,
        kind="chart",
        title="Savings by year",
        chart_type="line",
        chart_data="Year,Savings\n2012,100\n2013,500\n",
        alignment="inline",
    ),
}


@pytest.mark.parametrize("change", CHANGES_OUTSIDE_THE_FORM.values(), ids=CHANGES_OUTSIDE_THE_FORM)
def test_a_form_opened_before_a_change_outside_it_is_refused_as_a_conflict(
    change, report, editor, second_editor
):
    HeadlineOptionFactory(report=report, text="More to do")
    HeadlineOptionFactory(report=report, text="Old idea", retired=True)
    MediaItemFactory(report=report, slug="savings", description="Chart of savings")
    client = _client(second_editor)
    stale = open_form(client, report)
    stale["title"] = "Retitled in a form opened before the change"
    before = Report.objects.get(pk=report.pk).lock_version

    change(report, editor)

    assert Report.objects.get(pk=report.pk).lock_version == before + 1
    mark = revision_mark()
    response = client.post(change_url(report), stale)
    assert response.status_code == 409
    assert revision_mark() == mark  # nothing written, the change is not overwritten
    assert Report.objects.get(pk=report.pk).title != stale["title"]
    # A form opened after the change saves.
    fresh = open_form(client, report)
    fresh["title"] = "Retitled after the change"
    assert client.post(change_url(report), fresh).status_code == 302


def test_the_editing_notice_warns_of_someone_who_opened_it_and_has_not_saved(
    report, editor, second_editor
):
    first, second = _client(editor), _client(second_editor)
    first.get(change_url(report))
    response = second.get(change_url(report))
    assert b"Someone else may be editing this report" in response.content
    assert editor.username.encode() in response.content
    # Once they save, the warning goes.
    data = open_form(first, report)
    assert first.post(change_url(report), data).status_code == 302
    response = second.get(change_url(report))
    assert b"Someone else may be editing this report" not in response.content


def test_the_editing_notice_forgets_sessions_older_than_30_minutes(report, editor, second_editor):
    from datetime import timedelta

    from django.utils import timezone

    EditingSession.objects.create(
        report=report, user=editor, opened_at=timezone.now() - timedelta(minutes=31)
    )
    assert not locking.others_editing(report, second_editor).exists()
    assert locking.others_editing(report, editor).count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_saves_racing_on_postgresql_never_lose_an_update(groups):
    """Both editors opened version N; both save at once. One wins, the other gets a conflict."""
    from reports import roles
    from tests.factories import UserFactory

    users = []
    for name in ("racer1", "racer2"):
        user = UserFactory(username=name)
        user.groups.add(groups[roles.EDITOR])
        users.append(user)
    report = ReportFactory(title="Race")
    SectionFactory(report=report, anchor="intro", body="Start.")
    with workflow.editing(report, by=users[0], comment="First"):
        pass
    clients = [_client(u) for u in users]
    forms = [open_form(c, report) for c in clients]
    for n, data in enumerate(forms):
        data["title"] = f"Title by racer {n + 1}"
        data[f"{inline_prefix(data, 'intro')}-body"] = f"Body by racer {n + 1}."
    barrier = threading.Barrier(2)
    statuses = [None, None]

    def save(n):
        try:
            barrier.wait()
            statuses[n] = clients[n].post(change_url(report), forms[n]).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(statuses) == [302, 409]
    winner = statuses.index(302) + 1
    report = Report.objects.get(pk=report.pk)
    # The saved report is entirely the winner's: no mix, no silently lost update.
    assert report.title == f"Title by racer {winner}"
    assert report.sections.get().body == f"Body by racer {winner}."
    assert report.lock_version == 2  # the first draft, then one save went through
    assert history.versions_of(report.pk).count() == 2
