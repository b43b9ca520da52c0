import pytest
from django.urls import reverse
from reversion.models import Version

from reports import history, workflow
from reports.models import Report, Section, Status
from tests.admin_forms import change_url, inline_prefix, open_form
from tests.assertions import assert_single_revision, revision_mark
from tests.factories import HeadlineOptionFactory, MediaItemFactory, ReportFactory, SectionFactory
from tests.history_data import long_history

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"admin:reports_report_{name}", args=args)


@pytest.fixture
def report(editor):
    report = ReportFactory(title="Making progress")
    # Positions fixed, not from the factory's sequence: the comparison tests move sections.
    SectionFactory(
        report=report, heading="Introduction", anchor="intro", body="One two three.", position=1
    )
    SectionFactory(
        report=report, heading="Money", anchor="money", body="We saved £500m.", position=2
    )
    HeadlineOptionFactory(report=report, text="Progress made")
    MediaItemFactory(report=report, slug="chart")
    with workflow.editing(report, by=editor, comment="First draft"):
        pass
    return report


def _save(client, report, **changes):
    data = open_form(client, report)
    data.update(changes)
    return client.post(change_url(report), data)


def test_an_admin_save_writes_one_revision_with_the_change_message(client, editor, report):
    client.force_login(editor)
    mark = revision_mark()
    response = _save(client, report, title="Making more progress")
    assert response.status_code == 302
    assert_single_revision(report, by=editor, comment="Changed Title.", since=mark)


def test_the_comment_box_becomes_the_revision_comment(client, editor, report):
    client.force_login(editor)
    mark = revision_mark()
    _save(client, report, title="New", change_comment="Retitled after review")
    assert_single_revision(report, by=editor, comment="Retitled after review", since=mark)


def test_an_inline_only_save_is_one_revision_of_the_whole_report(client, editor, report):
    client.force_login(editor)
    data = open_form(client, report)
    data[f"{inline_prefix(data, 'money')}-body"] = "We saved £700m."
    mark = revision_mark()
    assert client.post(change_url(report), data).status_code == 302
    revision = assert_single_revision(report, by=editor, since=mark)
    assert revision.comment == "Changed Body for section \u201cMoney\u201d."
    assert report.sections.get(anchor="money").body == "We saved £700m."


def test_adding_a_report_writes_one_revision(client, editor):
    client.force_login(editor)
    response = client.get(_url("add"))
    assert response.status_code == 200
    from tests.admin_forms import form_data

    data = form_data(response)
    data.update(title="A new report", slug="a-new-report", change_comment="Started")
    assert client.post(_url("add"), data).status_code == 302
    assert_single_revision(Report.objects.get(slug="a-new-report"), by=editor, comment="Started")


def test_history_lists_revisions_newest_first_with_state_and_marks_the_live_one(
    client, editor, publisher, report
):
    workflow.force_publish(report, by=publisher, reason="Urgent")
    with workflow.editing(report, by=editor, comment="Fixed a typo"):
        pass
    client.force_login(editor)
    response = client.get(_url("history", report.pk))
    assert response.status_code == 200
    entries = response.context["entries"]
    assert [(e.revision.comment.split(" (")[0], e.status, e.is_live) for e in entries] == [
        (
            "Fixed a typo. Opened draft edition 2; readers see the published edition until it "
            "is published",
            "Draft",
            False,
        ),
        ("Published without review: Urgent", "Published", True),
        ("First draft", "Draft", False),
    ]
    html = response.content.decode()
    assert html.index("Fixed a typo") < html.index("First draft")
    assert 'class="history-live"' in html and "Compare with live" in html


def test_compare_non_adjacent_revisions_shows_moved_added_and_removed_sections(
    client, editor, report
):
    with workflow.editing(report, by=editor, comment="Added aims"):
        aims = SectionFactory(report=report, heading="Aims", anchor="aims", position=100)
    first = history.versions_of(report.pk).first()
    intro = report.sections.get(anchor="intro")
    with workflow.editing(report, by=editor, comment="Added a section"):
        SectionFactory(report=report, heading="Next", anchor="next", position=200)
    with workflow.editing(report, by=editor, comment="Reordered and rewrote"):
        intro.position, intro.body = 150, "One two four."
        intro.save()
        aims.delete()
    latest = history.versions_of(report.pk).first()
    client.force_login(editor)
    response = client.get(_url("compare", report.pk), {"from": first.pk, "to": latest.pk})
    assert response.status_code == 200
    sections = response.context["comparison"].parts[0]
    states = {p.label: (p.state, p.moved) for p in sections.parts}
    assert states["Next"] == ("added", False)
    assert states["Aims"] == ("removed", False)
    # Of two swapped neighbours, the one whose position changed is the one shown as moved.
    assert states["Introduction"] == ("changed", True)
    assert states["Money"] == ("unchanged", False)
    html = response.content.decode()
    assert "[removed: </span>three" in html and "[added: </span>four" in html
    assert "Changed and moved from position 1 to 2" in " ".join(html.split())


def test_compare_with_the_live_edition(client, editor, publisher, report):
    workflow.force_publish(report, by=publisher, reason="Urgent")
    with workflow.editing(report, by=editor, comment="Retitled") as change:
        change.report.title = "Making rapid progress"
    latest = history.versions_of(report.pk).first()
    client.force_login(editor)
    response = client.get(_url("compare", report.pk), {"from": latest.pk, "to": "live"})
    assert response.status_code == 200
    assert response.context["left_label"].endswith("(live)")
    changed = [f.name for f in response.context["comparison"].changed_fields]
    assert changed == ["title", "status"]


def test_compare_refuses_a_version_of_another_report(client, editor, report):
    other = ReportFactory()
    with workflow.editing(other, by=editor, comment="x"):
        pass
    theirs = history.versions_of(other.pk).first()
    mine = history.versions_of(report.pk).first()
    client.force_login(editor)
    response = client.get(_url("compare", report.pk), {"from": mine.pk, "to": theirs.pk})
    assert response.status_code == 404


def test_restore_asks_for_confirmation_then_makes_a_new_draft(client, editor, report):
    first = history.versions_of(report.pk).first()
    with workflow.editing(report, by=editor, comment="Retitled") as change:
        change.report.title = "Something else"
    client.force_login(editor)
    url = _url("revision", report.pk, first.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Restore this version as the draft" in response.content
    assert Report.objects.get(pk=report.pk).title == "Something else"  # GET changes nothing
    mark = revision_mark()
    response = client.post(url)
    assert response.status_code == 302 and response.url == change_url(report)
    report.refresh_from_db()
    assert (report.title, report.status) == ("Making progress", Status.DRAFT)
    assert_single_revision(
        report, by=editor, comment=history.restored_comment(first.revision), since=mark
    )


def test_restore_is_refused_without_change_permission(client, publisher, report):
    first = history.versions_of(report.pk).first()
    client.force_login(publisher)
    assert client.post(_url("revision", report.pk, first.pk)).status_code == 403


def test_recover_a_deleted_report_from_the_recover_list(client, editor, report):
    pk = report.pk
    report.delete()
    client.force_login(editor)
    response = client.get(_url("recoverlist"))
    assert response.status_code == 200 and b"Making progress" in response.content
    version = Version.objects.get_deleted(Report).get(object_id=str(pk))
    response = client.get(_url("recover", version.pk))
    assert response.status_code == 200
    assert b"2 sections" in response.content and b"1 media item" in response.content
    assert not Report.objects.filter(pk=pk).exists()
    response = client.post(_url("recover", version.pk))
    assert response.status_code == 302
    recovered = Report.objects.get(pk=pk)
    assert recovered.status == Status.DRAFT
    assert Section.objects.filter(report=recovered).count() == 2
    assert recovered.headline_options.count() == 1 and recovered.media.count() == 1


def test_history_and_compare_stay_within_a_query_budget_for_a_long_history(
    client, editor, django_assert_max_num_queries
):
    report, versions = long_history(sections=200, revisions=500, by=editor)
    client.force_login(editor)
    client.get(_url("history", report.pk))  # warm the session and content type caches
    # 13: the page's 12, and the check for the user's two-factor device.
    with django_assert_max_num_queries(13):
        response = client.get(_url("history", report.pk))
    assert response.status_code == 200 and len(response.context["entries"]) == 100
    with django_assert_max_num_queries(13):
        response = client.get(
            _url("compare", report.pk), {"from": versions[0].pk, "to": versions[-1].pk}
        )
    assert response.status_code == 200
    sections = response.context["comparison"].parts[0]
    assert (sections.count("added"), sections.count("removed")) == (5, 5)
    assert sections.count("moved") == 10


def test_an_unknown_report_in_the_editor_is_handled_by_the_admin(client, editor):
    client.force_login(editor)
    response = client.get("/admin/reports/report/not-a-number/change/")
    assert response.status_code == 302  # redirected with "doesn't exist", not a server error
