"""Every change of content goes through one write path, and only reviewed content goes live."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from reports import headlines, history, importing, media, roles, workflow
from reports.demo import JULY_2013_DRAFT
from reports.errors import EditConflict, StaleReview, WorkflowError
from reports.models import ActionLog, Report, Status
from tests.admin_forms import change_url, inline_prefix, open_form
from tests.assertions import assert_single_revision, revision_mark
from tests.factories import (
    HeadlineOptionFactory,
    MediaItemFactory,
    ReportFactory,
    SectionFactory,
    UserFactory,
)
from tests.workflow_helpers import bring_to, new_report, status_of

pytestmark = pytest.mark.django_db
S = Status


def _option(report, text):
    return report.headline_options.get(text=text)


def _seeded():
    """A publishable report with a chosen headline option, another one and a retired one."""
    report = new_report()
    HeadlineOptionFactory(report=report, text="Progress made", position=1, chosen=True)
    HeadlineOptionFactory(report=report, text="More to do", position=2)
    HeadlineOptionFactory(report=report, text="Old idea", retired=True, position=3)
    return report


def _fulfil(report, by):
    # A placeholder left from before, then fulfilled (a placeholder blocks publishing).
    MediaItemFactory(report=report, slug="savings", description="Chart of savings")
    return media.fulfil(
        report.media.get(slug="savings"),
        by=by,
        kind="chart",
        title="Savings by year",
        chart_type="line",
        chart_data="Year,Savings\n2012,100\n2013,500\n",
    )


# Each change of content, made by a content designer (choosing: by an editor who reviews).
CHANGES = {
    "import-update": lambda r, u: importing.import_document(
        "# Making progress\n\nThe updated document.", by=u, update=r.slug
    ),
    "headline-add": lambda r, u: headlines.add_option(r, by=u, text="New headline"),
    "headline-edit": lambda r, u: headlines.edit_option(
        _option(r, "Progress made"), by=u, text="Progress made at last"
    ),
    "headline-reorder": lambda r, u: headlines.reorder(
        r, [_option(r, "More to do").pk, _option(r, "Progress made").pk], by=u
    ),
    "headline-move": lambda r, u: headlines.move(_option(r, "More to do"), by=u, up=True),
    "headline-retire": lambda r, u: headlines.retire(_option(r, "More to do"), by=u),
    "headline-restore": lambda r, u: headlines.restore(_option(r, "Old idea"), by=u),
    "headline-prefer": lambda r, u: headlines.prefer(_option(r, "More to do"), by=u),
    "headline-choose": lambda r, u: headlines.choose(r, _option(r, "More to do"), by=u),
    "media-add": lambda r, u: media.add(
        r, by=u, kind="placeholder", slug="visits", description="A chart of visits"
    ),
    "media-fulfil": _fulfil,
    "restore": lambda r, u: workflow.revert(r, history.versions_of(r.pk).last(), by=u),
}


@pytest.fixture
def people(designer, editor, second_editor, publisher):
    return {
        "designer": designer,
        "editor": editor,
        "reviewer": second_editor,
        "publisher": publisher,
    }


def _bring(state, people, report):
    return bring_to(
        state,
        designer=people["designer"],
        editor=people["editor"],
        publisher=people["publisher"],
        report=report,
    )


def _changer(name, people):
    return people["reviewer"] if name == "headline-choose" else people["designer"]


@pytest.mark.parametrize("name", CHANGES)
@pytest.mark.parametrize("state", [S.APPROVED, S.IN_REVIEW, S.PUBLISHED])
def test_a_change_of_reviewed_content_returns_the_report_for_review(name, state, people):
    report = _bring(state, people, _seeded())
    live_before = report.editions.live().values_list("content", flat=True).first()
    lock = Report.objects.get(pk=report.pk).lock_version
    mark, by = revision_mark(), _changer(name, people)

    CHANGES[name](report, by)

    report.refresh_from_db()
    reviewing = name == "headline-choose" and state == S.IN_REVIEW
    assert report.status == (S.IN_REVIEW if reviewing else S.DRAFT)
    assert report.lock_version == lock + 1 and report.approved_revision is None
    revision = assert_single_revision(report, by=by, since=mark, logged=True)
    entry = revision.workflow_actions.get()
    assert (entry.from_status, entry.to_status) == (state, report.status)
    if state == S.APPROVED:
        assert "needs another review" in entry.comment
    if state == S.PUBLISHED:
        assert "Opened draft edition 2" in entry.comment
    # Nothing unreviewed can go live without a force publish, and the live page is untouched.
    with pytest.raises(WorkflowError):
        workflow.publish(report, by=people["publisher"], change_note="Changed")
    assert report.editions.live().values_list("content", flat=True).first() == live_before


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_of_a_scheduled_report_is_refused_and_changes_nothing(name, people):
    report = _bring(S.SCHEDULED, people, _seeded())
    lock, mark = Report.objects.get(pk=report.pk).lock_version, revision_mark()
    entries = ActionLog.objects.count()

    with pytest.raises(WorkflowError, match="Unschedule it to make changes"):
        CHANGES[name](report, _changer(name, people))

    assert status_of(report) == S.SCHEDULED
    assert Report.objects.get(pk=report.pk).lock_version == lock
    assert revision_mark() == mark and ActionLog.objects.count() == entries
    assert report.headline_options.filter(text="New headline").count() == 0


def test_scheduled_publication_publishes_what_was_approved(people):
    report = _bring(S.SCHEDULED, people, _seeded())
    # A change that went round the write path (a database fix by hand, say) is never published.
    Report.objects.filter(pk=report.pk).update(lock_version=F("lock_version") + 1)
    [result] = workflow.publish_due(now=timezone.now() + timedelta(hours=2))
    assert result.edition is None and "changed after it was approved" in result.error
    assert not report.editions.exists()


def test_publish_refuses_content_changed_after_approval(people):
    report = _bring(S.APPROVED, people, _seeded())
    Report.objects.filter(pk=report.pk).update(lock_version=F("lock_version") + 1)
    with pytest.raises(WorkflowError, match="changed after it was approved"):
        workflow.publish(report, by=people["publisher"])
    # Force publish, with a reason reviewed afterwards, is the only way round.
    edition = workflow.force_publish(report, by=people["publisher"], reason="Minister's deadline")
    assert edition.post_publication_review.is_pending()


@pytest.mark.parametrize("state", [S.APPROVED, S.IN_REVIEW])
def test_an_admin_save_after_review_returns_the_report_for_review(client, state, people):
    report = _bring(state, people, _seeded())
    client.force_login(people["designer"])
    data = open_form(client, report)
    data["summary"] = "A summary nobody reviewed."
    response = client.post(change_url(report), data, follow=True)
    assert status_of(report) == S.DRAFT
    assert "it is a draft again" in response.text
    entry = ActionLog.objects.for_report(report).first()
    assert (entry.action, entry.from_status, entry.to_status) == ("edit", state, S.DRAFT)


def test_an_admin_save_of_a_scheduled_report_is_refused(client, people):
    report = _bring(S.SCHEDULED, people, _seeded())
    client.force_login(people["designer"])
    data = open_form(client, report)
    data["summary"] = "A summary nobody reviewed."
    assert client.post(change_url(report), data).status_code == 403
    assert Report.objects.get(pk=report.pk).summary != "A summary nobody reviewed."


def test_an_admin_save_without_changes_leaves_an_approval_standing(client, people):
    report = _bring(S.APPROVED, people, _seeded())
    client.force_login(people["designer"])
    mark = revision_mark()
    assert client.post(change_url(report), open_form(client, report)).status_code == 302
    assert status_of(report) == S.APPROVED and revision_mark() == mark


def test_deleting_media_in_the_editor_is_a_change_of_content(client, people):
    report = _seeded()
    MediaItemFactory(report=report, slug="savings", kind="video", title="Savings",
                     url="https://youtu.be/7hvFXnCZGF8")  # fmt: skip
    report = _bring(S.APPROVED, people, report)
    client.force_login(people["designer"])
    data = open_form(client, report)
    prefix = next(k for k, v in data.items() if k.endswith("-slug") and v == "savings")[:-5]
    data[f"{prefix}-DELETE"] = "on"
    assert client.post(change_url(report), data).status_code == 302
    assert not report.media.exists() and status_of(report) == S.DRAFT


# Approval binds to what the reviewer read ---------------------------------------------------------


def test_approval_records_the_revision_the_reviewer_read(people):
    report = _bring(S.IN_REVIEW, people, _seeded())
    seen = history.latest_revision_id(report.pk)
    workflow.approve(report, by=people["reviewer"], seen=seen)
    report.refresh_from_db()
    entry = ActionLog.objects.for_report(report).first()
    assert report.approved_revision == entry.revision
    assert history.lock_version_in(report.approved_revision, report.pk) == report.lock_version


def test_approving_a_draft_that_changed_since_the_review_page_opened_is_refused(client, people):
    report = _bring(S.IN_REVIEW, people, _seeded())
    client.force_login(people["reviewer"])
    page = client.get(reverse("admin:reports_report_review", args=[report.pk])).text
    approve_url = re.search(r'href="([^"]+/workflow/approve/\?revision=\d+)"', page).group(1)
    form = client.get(approve_url).context["form"]
    seen = form["seen"].value()
    # The designer takes it back, edits and resubmits while the reviewer reads.
    workflow.withdraw_submission(report, by=people["designer"])
    headlines.add_option(report, by=people["designer"], text="A late headline")
    workflow.submit(report, by=people["designer"])

    response = client.post(approve_url.split("?")[0], {"seen": seen})

    assert response.status_code == 403
    assert "changed after you opened the review page" in response.text
    assert "Compare what you read with the draft as it is now" in response.text
    assert status_of(report) == S.IN_REVIEW
    with pytest.raises(StaleReview):
        workflow.approve(report, by=people["reviewer"], seen=seen)


# A team of three finishes ---------------------------------------------------------------------


def test_three_people_import_submit_choose_approve_and_publish(designer, editor, publisher):
    report = importing.import_document(
        JULY_2013_DRAFT.read_bytes(), by=designer, filename="july.md"
    ).report
    workflow.submit(report, by=designer)
    option = report.headline_options.get(text="Making progress, more to do")
    headlines.choose(report, option, by=editor, reason="Plain and honest")
    assert status_of(report) == S.IN_REVIEW  # choosing is part of the review
    workflow.approve(report, by=editor, seen=history.latest_revision_id(report.pk))
    assert status_of(report) == S.APPROVED
    edition = workflow.force_publish(report, by=publisher, reason="Placeholders left on purpose")
    assert edition.title == "Making progress, more to do"


def test_an_editor_approves_with_the_headline_in_one_step(designer, editor, publisher):
    report = _seeded()
    headlines.prefer(_option(report, "More to do"), by=designer)
    workflow.submit(report, by=designer)
    workflow.approve(report, by=editor, headline=_option(report, "More to do"))
    report.refresh_from_db()
    assert report.status == S.APPROVED and report.display_title() == "More to do"
    actions = list(ActionLog.objects.for_report(report).values_list("action", flat=True)[:2])
    assert actions == ["approve", "choose_headline"]
    edition = workflow.publish(report, by=publisher)
    assert edition.title == "More to do"


def test_the_headline_check_tells_designers_an_editor_chooses(designer):
    from reports import checks

    report = new_report()
    HeadlineOptionFactory.create_batch(2, report=report)
    [finding] = [f for f in checks.errors(report) if f.check == "headline-not-chosen"]
    assert "Choose one headline option" not in (finding.suggestion or "")


def test_importing_over_a_published_report_opens_a_new_draft_edition(designer, editor, publisher):
    report = bring_to(S.PUBLISHED, designer=designer, editor=editor, publisher=publisher)
    live = report.editions.live().get()
    importing.import_document("# A title\n\nNew text.", by=designer, update=report.slug)
    assert status_of(report) == S.DRAFT
    workflow.submit(report, by=designer)  # it can go round the workflow again
    assert report.editions.live().get() == live


def test_the_july_draft_saves_a_one_word_change_without_touching_its_images(client, designer):
    report = importing.import_document(JULY_2013_DRAFT.read_bytes(), by=designer).report
    image = report.media.get(kind="image")
    assert not image.alt_text  # imported without alt text: a check error, not a form error
    client.force_login(designer)
    data = open_form(client, report)
    key = f"{inline_prefix(data, 'govuk')}-body"
    data[key] = data[key].replace("GOV.UK", "GOV.UK,", 1)
    response = client.post(change_url(report), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert "GOV.UK," in report.sections.get(anchor="govuk").body
    image.refresh_from_db()
    assert (image.url, image.alignment, image.alt_text) == (
        "http://placekitten.com/200/300",
        "pull-right",
        "",
    )


# The command line can do what the admin can ------------------------------------------------------


def test_the_command_line_returns_an_approved_report_to_draft(people):
    report = _bring(S.APPROVED, people, _seeded())
    call_command(
        "workflow", report.slug, "return-to-draft", "--by", "publisher", "--comment", "Fix it"
    )
    assert status_of(report) == S.DRAFT
    assert ActionLog.objects.for_report(report).first().comment == "Fix it"


def test_the_command_line_force_publishes_an_approved_report_whose_checks_fail(people):
    report = _seeded()
    media.add(report, by=people["designer"], kind="placeholder", slug="later", description="?")
    report = _bring(S.APPROVED, people, report)  # its placeholder is a check error
    with pytest.raises(CommandError, match="check error"):
        call_command("workflow", report.slug, "publish", "--by", "publisher")
    call_command(
        "workflow", report.slug, "force-publish", "--by", "publisher", "--reason", "Deadline"
    )
    assert status_of(report) == S.PUBLISHED


def test_the_command_line_approves_with_a_headline(people):
    report = _bring(S.IN_REVIEW, people, _seeded())
    call_command("workflow", report.slug, "approve", "--by", "editor2", "--headline", "2")
    assert Report.objects.get(pk=report.pk).display_title() == "More to do"
    with pytest.raises(CommandError, match="has no option 'Nope'"):
        call_command("workflow", report.slug, "approve", "--by", "editor2", "--headline", "Nope")


# Changes requested is a state people can see ------------------------------------------------


def test_changes_requested_shows_the_reviewers_words_everywhere(client, people):
    report = _bring(S.IN_REVIEW, people, _seeded())
    workflow.request_changes(report, by=people["editor"], comment="Shorten the summary.")
    assert status_of(report) == S.CHANGES_REQUESTED
    client.force_login(people["designer"])
    page = client.get(change_url(report)).text
    assert "Workflow: Changes requested" in page and "Shorten the summary." in page
    work = client.get(reverse("admin:reports_report_my_work")).text
    assert "Shorten the summary." in work and report.title in work
    # The designer's edits keep it waiting on the changes until they submit it again.
    headlines.add_option(report, by=people["designer"], text="Shorter")
    assert status_of(report) == S.CHANGES_REQUESTED
    workflow.submit(report, by=people["designer"])
    assert status_of(report) == S.IN_REVIEW


def test_a_workflow_action_does_not_count_as_opening_the_editor(client, people):
    report = _bring(S.IN_REVIEW, people, _seeded())
    client.force_login(people["editor"])
    url = reverse("admin:reports_report_workflow", args=[report.pk, "request_changes"])
    response = client.post(url, {"comment": "More figures."}, follow=True)
    assert response.redirect_chain[-1][0] == change_url(report)
    client.force_login(people["designer"])
    assert "Someone else may be editing" not in client.get(change_url(report)).text


# Edit conflicts tell the truth ------------------------------------------------------------------


def test_the_conflict_page_lists_only_real_changes_by_name(client, editor, second_editor):
    report = ReportFactory(period_start=timezone.datetime(2013, 4, 1).date())
    SectionFactory(report=report, kind="intro", heading="", anchor="intro", body="One.")
    with workflow.editing(report, by=editor, comment="First draft"):
        pass
    first, second = client, type(client)()
    first.force_login(editor)
    second.force_login(second_editor)
    mine, theirs = open_form(first, report), open_form(second, report)
    mine[f"{inline_prefix(mine, 'intro')}-body"] = "One, two."
    assert first.post(change_url(report), mine).status_code == 302
    theirs["period_start"] = "01/04/2013"  # as the admin's date box shows it: not a change
    theirs[f"{inline_prefix(theirs, 'intro')}-body"] = "One, three."

    response = second.post(change_url(report), theirs)

    assert response.status_code == 409
    assert [f.name for f in response.context["my_changes"].changed_fields] == []
    assert response.context["both_changed"] == [
        ("Introduction", "Body", "One, two.", "One, three.")
    ]


def test_a_stale_save_is_refused_by_the_write_path(editor):
    report = new_report()
    with pytest.raises(EditConflict), workflow.editing(report, by=editor, base_lock_version=-1):
        pass


# The headline workbench never fails on history ---------------------------------------------------


def test_the_workbench_shows_an_imported_choice_and_a_deleted_commenter(client, designer, editor):
    document = "# Title\n\n**[headline options]**\n\nFirst [chosen]\n\nSecond\n\nSome text."
    report = importing.import_document(document, by=designer).report
    second = report.headline_options.get(text="Second")
    gone = UserFactory(username="gone")
    gone.groups.add(roles.setup_roles()[roles.EDITOR])
    headlines.comment(second, by=gone, text="I liked this one.")
    gone.delete()
    client.force_login(editor)
    url = reverse("admin:reports_report_headlines", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Chosen in the imported document" in page.text and "a former user" in page.text
    choose = reverse("admin:reports_report_headlines_choose", args=[report.pk, second.pk])
    assert client.get(choose).status_code == 200


# My work ----------------------------------------------------------------------------------------


def test_my_work_shows_a_staff_user_without_a_role_nothing(client, people):
    report = _bring(S.SCHEDULED, people, _seeded())
    client.force_login(UserFactory(username="roleless"))
    page = client.get(reverse("admin:reports_report_my_work")).text
    assert report.title not in page and "no editorial role" in page


def test_my_work_runs_a_fixed_number_of_queries_with_1_and_20_reports_in_review(
    client, designer, editor
):
    client.force_login(editor)
    url = reverse("admin:reports_report_my_work")
    counts = []
    for total in (1, 20):
        while Report.objects.in_review().count() < total:
            workflow.submit(new_report(), by=designer)
        client.get(url)  # the session and content types are cached after a first request
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).text
        assert page.count("/review/") == total
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 12, counts


# The one write path -----------------------------------------------------------------------------


def test_only_the_workflow_writes_revisions():
    root = Path(__file__).resolve().parents[1] / "reports"
    writers = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "create_revision(" in path.read_text() or "lock_version +=" in path.read_text()
    }
    assert writers == {"workflow/recording.py", "workflow/editing.py"}
    assert "create_revision(" not in (root / "workflow/editing.py").read_text()


def test_every_version_of_a_report_belongs_to_a_revision_with_an_audit_entry(people):
    report = _bring(S.PUBLISHED, people, _seeded())
    headlines.add_option(report, by=people["designer"], text="Next time")
    revisions = {v.revision for v in Version.objects.get_for_object(report)}
    assert all(r.workflow_actions.count() == 1 for r in revisions)
