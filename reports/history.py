"""Read a report's revisions, turn them into comparable snapshots, and write one back."""

import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from reversion.models import Revision, Version

from .models import Edition, HeadlineOption, MediaItem, Report, Section, Series, Status
from .timefmt import govuk_time

PART_MODELS = {"sections": Section, "headline_options": HeadlineOption, "media": MediaItem}
# Values that must stay unique within a report while parts are written back one by one.
UNIQUE_IN_REPORT = {Section: "anchor", MediaItem: "slug"}


# Reading history.


@dataclass
class Entry:
    """One revision in a report's history."""

    version: Version
    status: str
    is_live: bool

    @property
    def revision(self):
        return self.version.revision


def versions_of(report_pk):
    """The report's own versions, newest first, with their revision and its author."""
    return (
        Version.objects.get_for_object_reference(Report, report_pk)
        .select_related("revision__user")
        .order_by("-pk")
    )


def entries(versions, *, live_revision_id=None):
    """Return an Entry for each version, with the workflow state recorded in it."""
    labels = dict(Status.choices)
    result = []
    for version in versions:
        status = _fields(version).get("status", "")
        result.append(
            Entry(version, labels.get(status, status), version.revision_id == live_revision_id)
        )
    return result


def live_edition(report):
    """Return the live edition of the report, or None."""
    return Edition.objects.filter(report=report, is_live=True).first()


def live_revision_id(edition):
    """Return the id of the revision published in the edition, or None if not known."""
    if edition is None:
        return None
    if edition.revision_id:
        return edition.revision_id
    # Editions published before editions recorded their revision: the revision being written
    # while the edition was created starts (and is dated) just before it.
    return (
        versions_of(edition.report_id)
        .filter(revision__date_created__lte=edition.published_at)
        .values_list("revision_id", flat=True)
        .first()
    )


def latest_revision_id(report_pk):
    """Return the id of the report's latest revision, or None."""
    return versions_of(report_pk).values_list("revision_id", flat=True).first()


def lock_version_in(revision, report_pk):
    """Return the report's lock version as the revision recorded it, or None."""
    version = revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(Report), object_id=str(report_pk)
    ).first()
    return _fields(version).get("lock_version") if version else None


def describe_user(user):
    """Return the name shown for the author of a revision."""
    if user is None:
        return "an unknown user"
    return user.get_full_name() or user.get_username()


def restored_comment(revision):
    """Return the comment of a revision that restores an earlier one."""
    return (
        f"Restored the version of {govuk_time(revision.date_created)} "
        f"by {describe_user(revision.user)}"
    )


# Snapshots: plain, comparable dictionaries of strings.


def _fields(version):
    data = json.loads(version.serialized_data)
    return data[0]["fields"] if data else {}


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value).replace("\r\n", "\n")  # browsers submit text areas with CRLF


def _choice(model, name, value):
    return dict(model._meta.get_field(name).choices).get(value, _text(value))


def _report_values(values, series_names):
    shown = {name: _text(values.get(name)) for name in _REPORT_TEXT}
    shown["series"] = series_names.get(values.get("series"), "")
    shown["status"] = _choice(Report, "status", values.get("status"))
    return shown


_REPORT_TEXT = [
    "title",
    "slug",
    "summary",
    "organisation",
    "period_start",
    "period_end",
    "editorial_notes",
]


# Fields set only through their own actions (never in forms) that readers of history still need.
SHOWN_LIFECYCLE_FIELDS = {"chosen", "retired"}


def _order(key, values):
    """Sort by position, then saved parts (int keys) by id before new ones ("new-1")."""
    try:
        position = int(values.get("position") or 0)  # a form gives "2", a revision 2
    except (TypeError, ValueError):
        position = 0
    return (position, isinstance(key, str), key)


def _part_values(model, key, values):
    shown = {"key": key, "order": _order(key, values)}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name == "report":
            continue
        if not field.editable and field.name not in SHOWN_LIFECYCLE_FIELDS:
            continue
        value = values.get(field.attname, values.get(field.name))
        shown[field.name] = _choice(model, field.name, value) if field.choices else _text(value)
    return shown


def _assemble(report_values, parts, series_names):
    """Return a snapshot from raw field values: {"report": {...}, "sections": [...], ...}."""
    snap = {"report": _report_values(report_values, series_names)}
    for name, model in PART_MODELS.items():
        snap[name] = sorted(
            (_part_values(model, key, values) for key, values in parts[name]),
            key=lambda p: p["order"],
        )
    headings = {s["key"]: s["heading"] or s["kind"] for s in snap["sections"]}
    for item in snap["media"]:
        section = item["section"]
        item["section"] = headings.get(int(section), "") if section else ""
    return snap


def assemble(report_values, parts):
    """Return a snapshot from raw field values, as a form holds them (see `snapshots`)."""
    return _assemble(report_values, parts, _series_names([report_values.get("series")]))


def _series_names(ids):
    ids = {i for i in ids if i}
    return dict(Series.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def snapshots(revision_ids, report_pk):
    """Return {revision id: snapshot of the report in that revision}, in one query."""
    types = ContentType.objects.get_for_models(Report, *PART_MODELS.values())
    model_of = {ct.pk: model for model, ct in types.items()}
    raw = {rid: {"report": {}, **{name: [] for name in PART_MODELS}} for rid in revision_ids}
    names = {model: name for name, model in PART_MODELS.items()}
    versions = Version.objects.filter(
        revision_id__in=revision_ids, content_type__in=list(types.values())
    ).values_list("revision_id", "content_type_id", "object_id", "serialized_data")
    for rid, ct_id, object_id, data in versions:
        model = model_of[ct_id]
        values = json.loads(data)[0]["fields"]
        if model is Report:
            if int(object_id) == int(report_pk):
                raw[rid]["report"] = values
        elif int(values.get("report", 0)) == int(report_pk):
            raw[rid][names[model]].append((int(object_id), values))
    series = _series_names(r["report"].get("series") for r in raw.values())
    return {rid: _assemble(r["report"], r, series) for rid, r in raw.items()}


def snapshot_of(report):
    """Return a snapshot of the report as it is saved now."""
    values = {f.attname: f.value_from_object(report) for f in Report._meta.concrete_fields}
    values["series"] = report.series_id
    parts = {
        name: [
            (obj.pk, {f.attname: f.value_from_object(obj) for f in model._meta.concrete_fields})
            for obj in model.objects.filter(report=report)
        ]
        for name, model in PART_MODELS.items()
    }
    return _assemble(values, parts, _series_names([report.series_id]))


# Writing a revision back.


def _versions_by_model(revision):
    types = ContentType.objects.get_for_models(Report, *PART_MODELS.values())
    model_of = {ct.pk: model for model, ct in types.items()}
    grouped = {model: [] for model in model_of.values()}
    for version in revision.version_set.filter(content_type__in=list(types.values())):
        grouped[model_of[version.content_type_id]].append(version)
    return grouped


def _drop_missing_references(objs):
    """Clear optional links to things deleted since the revision (a series, a user...)."""
    if not objs:
        return
    for field in objs[0]._meta.concrete_fields:
        if not (field.many_to_one and field.null):
            continue
        ids = {getattr(o, field.attname) for o in objs} - {None}
        existing = set(
            field.related_model._base_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
        for obj in objs:
            if getattr(obj, field.attname) not in existing:
                setattr(obj, field.attname, None)


def _free_unique_values(model, olds, current):
    """Move aside current values an older part needs, so that swaps do not collide."""
    if model is HeadlineOption:
        chosen = {o.pk for o in olds if o.chosen}
        for obj in current.values():
            if obj.chosen and obj.pk not in chosen:
                obj.chosen = False
                obj.save(update_fields=["chosen"])
        return
    name = UNIQUE_IN_REPORT.get(model)
    if name is None:
        return
    holder = {getattr(obj, name): obj for obj in current.values()}
    for old in olds:
        obj = holder.get(getattr(old, name))
        if obj is not None and obj.pk != old.pk:
            setattr(obj, name, f"restoring-{obj.pk}")
            obj.save(update_fields=[name])


def _restore_report(old, current, lifecycle):
    if current is None:
        report = old
    else:
        report = current
        for field in Report._meta.concrete_fields:
            if field.editable and not field.primary_key:
                setattr(report, field.attname, getattr(old, field.attname))
    if current is not None:
        report.lock_version = current.lock_version
    if Report.objects.exclude(pk=report.pk).filter(slug=report.slug).exists():
        report.slug = Report.unique_slug(report.slug, exclude_pk=report.pk)
    _drop_missing_references([report])
    for name, value in lifecycle.items():
        setattr(report, name, value)
    if current is None:
        models.Model.save_base(report, raw=True)  # keeps the original creation date
    report.save()
    return report


def restore(revision, report_pk, **lifecycle):
    """Write the report of a revision back with its parts, deleting parts it did not have.

    The report's lifecycle fields (those not editable in forms) keep their current values,
    except those given in lifecycle. Call it inside workflow.editing, which records it.
    """
    grouped = _versions_by_model(revision)
    report_version = next(v for v in grouped[Report] if int(v.object_id) == int(report_pk))
    current = Report.objects.filter(pk=report_pk).first()
    report = _restore_report(report_version._object_version.object, current, lifecycle)
    for model in PART_MODELS.values():
        olds = [v._object_version.object for v in grouped[model]]
        olds = [o for o in olds if o.report_id == report.pk]
        model.objects.filter(report=report).exclude(pk__in=[o.pk for o in olds]).delete()
        current_parts = {o.pk: o for o in model.objects.filter(report=report)}
        _free_unique_values(model, olds, current_parts)
        _drop_missing_references(olds)
        for obj in olds:
            models.Model.save_base(obj, raw=True)
    return report


def revision_for_lock_version(report_pk, lock_version):
    """Return the latest revision in which the report had this lock version, or None."""
    versions = Version.objects.get_for_object_reference(Report, report_pk).order_by("-pk")
    for version in versions.only("serialized_data", "revision_id")[:200]:
        if _fields(version).get("lock_version") == lock_version:
            return Revision.objects.get(pk=version.revision_id)
    return None
