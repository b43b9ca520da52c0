import pytest
from reversion.models import Version

from reports import editions, history, workflow
from reports.errors import NotPermitted, WorkflowError
from reports.models import HeadlineOption, MediaItem, Report, Section, Status
from tests.assertions import assert_single_revision, revision_mark
from tests.factories import (
    HeadlineOptionFactory,
    MediaItemFactory,
    ReportFactory,
    SectionFactory,
    SeriesFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _save(report, by, comment, change=None):
    """Change the report through the one write path, as the admin, workflow and importer do."""
    with workflow.editing(report, by=by, comment=comment) as editing:
        editing.report = report  # the instance the change function edits
        if change:
            change()
    return history.versions_of(report.pk).first()


@pytest.fixture
def report(editor):
    report = ReportFactory(title="Making progress", series=SeriesFactory())
    intro = SectionFactory(report=report, heading="Introduction", anchor="intro", body="One.")
    SectionFactory(report=report, heading="Money", anchor="money", body="We saved £500m.")
    HeadlineOptionFactory(report=report, text="Progress made", chosen=True)
    MediaItemFactory(report=report, section=intro, slug="chart", caption="Visits by month")
    _save(report, editor, "First draft")
    return report


def test_revision_helper_writes_one_revision_of_the_whole_report(report, editor):
    mark = revision_mark()

    def change():
        SectionFactory(report=report, heading="New", anchor="new")

    _save(report, editor, "Added a section", change)
    assert_single_revision(report, by=editor, comment="Added a section", since=mark)


def test_snapshots_of_revisions_read_parts_and_workflow_state(report, editor):
    first = history.versions_of(report.pk).first()
    snap = history.snapshots([first.revision_id], report.pk)[first.revision_id]
    assert snap["report"]["title"] == "Making progress"
    assert snap["report"]["status"] == "Draft"
    assert snap["report"]["series"] == report.series.name
    assert [s["heading"] for s in snap["sections"]] == ["Introduction", "Money"]
    assert snap["headline_options"][0]["chosen"] == "Yes"
    assert snap["media"][0]["section"] == "Introduction"
    assert snap == history.snapshot_of(report)


def test_history_entries_show_status_at_the_time_newest_first(report, designer, editor):
    workflow.submit(report, by=designer)
    entries = history.entries(history.versions_of(report.pk))
    assert [(e.revision.comment, e.status) for e in entries] == [
        ("Submitted for review", "In review"),
        ("First draft", "Draft"),
    ]


def test_restore_makes_an_old_revision_the_new_draft_without_touching_the_live_page(
    report, editor, publisher
):
    first = history.versions_of(report.pk).first()
    money = report.sections.get(anchor="money")

    def rewrite():
        report.title = "Progress, published"
        money.body = "We saved £700m."
        money.save()
        report.sections.get(anchor="intro").delete()
        SectionFactory(report=report, heading="Later", anchor="later")
        for option in report.headline_options.all():
            option.chosen = False
            option.save()
        HeadlineOptionFactory(report=report, text="A better headline", chosen=True)

    _save(report, editor, "Rewritten", rewrite)
    edition = workflow.force_publish(report, by=publisher, reason="Urgent")
    live_html = edition.content
    count = history.versions_of(report.pk).count()
    mark = revision_mark()

    restored = workflow.revert(report, first, by=editor)

    restored.refresh_from_db()
    assert restored.title == "Making progress"
    assert restored.status == Status.DRAFT
    assert [s.anchor for s in restored.sections.all()] == ["intro", "money"]
    assert restored.sections.get(anchor="money").body == "We saved £500m."
    assert list(restored.headline_options.values_list("text", "chosen")) == [
        ("Progress made", True)
    ]
    assert restored.media.get().section.anchor == "intro"  # the deleted section came back
    comment = history.restored_comment(first.revision)
    assert comment.startswith("Restored the version of ") and comment.endswith(editor.username)
    note = "Opened draft edition 2; readers see the published edition until it is published"
    assert_single_revision(restored, by=editor, comment=f"{comment}. {note}", since=mark)
    assert history.versions_of(report.pk).count() == count + 1  # history kept, not rewritten
    edition.refresh_from_db()
    assert edition.is_live and edition.content == live_html
    assert edition.title == "A better headline"


def test_restore_keeps_lifecycle_fields_and_bumps_the_lock(report, editor):
    first = history.versions_of(report.pk).first()
    report.refresh_from_db()
    created, lock = report.created_at, report.lock_version
    restored = workflow.revert(report, first, by=editor)
    assert restored.created_at == created
    assert restored.lock_version == lock + 1
    assert restored.updated_by == editor


def test_restore_handles_swapped_anchors(report, editor):
    first = history.versions_of(report.pk).first()
    intro, money = report.sections.get(anchor="intro"), report.sections.get(anchor="money")

    def swap():
        intro.anchor = "tmp"
        intro.save()
        money.anchor = "intro"
        money.save()
        intro.anchor = "money"
        intro.save()

    _save(report, editor, "Swapped", swap)
    workflow.revert(report, first, by=editor)
    assert Section.objects.get(pk=intro.pk).anchor == "intro"
    assert Section.objects.get(pk=money.pk).anchor == "money"


def test_restore_needs_change_permission(report, publisher):
    first = history.versions_of(report.pk).first()
    mark = revision_mark()
    with pytest.raises(NotPermitted):
        workflow.revert(report, first, by=publisher)
    assert revision_mark() == mark


def test_restore_refuses_a_version_of_another_report(report, editor):
    other = ReportFactory()
    version = _save(other, editor, "Other")
    with pytest.raises(WorkflowError):
        workflow.revert(report, version, by=editor)


def test_recover_brings_back_a_deleted_report_with_its_parts_as_a_draft(report, editor, publisher):
    workflow.force_publish(report, by=publisher, reason="Urgent")
    pk = report.pk
    counts = (report.sections.count(), report.headline_options.count(), report.media.count())
    report.delete()
    version = Version.objects.get_deleted(Report).get(object_id=str(pk))
    mark = revision_mark()

    recovered = workflow.recover(version, by=editor)

    assert recovered.pk == pk and recovered.status == Status.DRAFT
    assert (
        Section.objects.filter(report_id=pk).count(),
        HeadlineOption.objects.filter(report_id=pk).count(),
        MediaItem.objects.filter(report_id=pk).count(),
    ) == counts
    assert recovered.media.get().section.anchor == "intro"
    assert_single_revision(recovered, by=editor, since=mark)


def test_recover_gives_a_new_address_if_another_report_took_it(report, editor):
    pk, slug = report.pk, report.slug
    report.delete()
    ReportFactory(slug=slug)
    version = Version.objects.get_deleted(Report).get(object_id=str(pk))
    assert workflow.recover(version, by=editor).slug == f"{slug}-2"


def test_recover_refuses_a_report_that_exists(report, editor):
    with pytest.raises(WorkflowError):
        workflow.recover(history.versions_of(report.pk).first(), by=editor)


def test_live_revision_is_the_edition_revision_or_the_one_written_while_publishing(
    report, editor, publisher
):
    edition = editions.create(report, by=publisher)
    latest = history.versions_of(report.pk).first()
    # Without the link: the last revision dated before the edition.
    assert history.live_revision_id(edition) == latest.revision_id
    _save(report, editor, "Later change")
    assert history.live_revision_id(edition) == latest.revision_id


def test_publishing_records_the_revision_readers_see(report, publisher):
    edition = workflow.force_publish(report, by=publisher, reason="Urgent")
    assert edition.revision_id == history.latest_revision_id(report.pk)
    assert history.live_revision_id(edition) == edition.revision_id


def test_describe_user_prefers_the_full_name():
    assert history.describe_user(UserFactory(first_name="Jane", last_name="Smith")) == "Jane Smith"


def test_a_workflow_action_writes_exactly_one_revision_with_its_comment(report, editor):
    mark = revision_mark()
    workflow.submit(report, by=editor)
    assert_single_revision(report, by=editor, comment="Submitted for review", since=mark)


def test_revision_middleware_is_not_installed(settings):
    """Explicit revisions only: the middleware would merge them into one per request."""
    assert "reversion.middleware.RevisionMiddleware" not in settings.MIDDLEWARE
