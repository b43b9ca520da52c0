"""Optimistic locking of the report editor, the soft "someone else is editing" warning, and
re-applying a refused edit on top of the current version."""

from dataclasses import dataclass
from datetime import timedelta

import reversion
from django.forms.models import model_to_dict
from django.utils import timezone

from . import diffing, history
from .errors import EditConflict
from .models import EditingSession, Report

EDITING_WINDOW = timedelta(minutes=30)


def lock_for_save(report_pk, base_version):
    """Lock the report's row for this transaction; refuse if it was saved since base_version."""
    report = Report.objects.select_for_update().get(pk=report_pk)
    try:
        base = int(base_version)
    except (TypeError, ValueError):
        base = None
    if base != report.lock_version:
        raise EditConflict(report, base)
    return report


def touch(report):
    """Count a change made outside the change form as a save, so forms opened before it are refused.

    Call it inside the change's transaction, before the report is added to the revision: the row
    stays locked until the transaction ends and the revision records the new lock version.
    """
    current = Report.objects.select_for_update().values_list("lock_version", flat=True)
    report.lock_version = current.get(pk=report.pk) + 1
    report.save(update_fields=["lock_version"])
    return report


def record_change(report, *, by, comment):
    """Inside an open revision block, record a change made outside the editor as a save of it."""
    touch(report)
    if by is not None:  # None: the command line
        report.updated_by = by
        report.save(update_fields=["updated_by", "updated_at"])
        reversion.set_user(by)
    reversion.add_to_revision(report)
    reversion.set_comment(comment)


def record_opened(report, user):
    """Note that user opened the report's editor now."""
    EditingSession.objects.update_or_create(
        report=report, user=user, defaults={"opened_at": timezone.now()}
    )


def record_saved(report, user):
    """Note that user saved the report now."""
    now = timezone.now()
    EditingSession.objects.update_or_create(
        report=report, user=user, defaults={"saved_at": now}, create_defaults={"opened_at": now}
    )


def others_editing(report, user):
    """Sessions of other people who opened the editor recently and have not saved since."""
    since = timezone.now() - EDITING_WINDOW
    return (
        EditingSession.objects.unsaved_since(since)
        .filter(report=report)
        .exclude(user=user)
        .select_related("user")
        .order_by("-opened_at")
    )


# Conflicts: what the refused save contained, and how to re-apply it.


@dataclass
class Conflict:
    """A refused save: the current version, theirs, and the merge of their changes onto it."""

    current: dict
    theirs: dict
    base: dict | None
    merged_data: dict  # form data that re-applies their changes on top of the current version
    both_changed: list  # (where, label, current text, their text)

    def comparison(self):
        return diffing.compare(self.current, self.theirs)


def _raw(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "name") and not isinstance(value, str):  # a FieldFile
        return value.name or ""
    return str(value)


def _form_values(form):
    return {name: form[name].value() for name in form.fields}


def _report_part_values(form):
    values = {name: v for name, v in _form_values(form).items() if name in _REPORT_FIELD_NAMES}
    values["series"] = _int(values.get("series"))
    return values


_REPORT_FIELD_NAMES = {f.name for f in Report._meta.concrete_fields}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _submitted_parts(formset):
    """Yield (key, values, deleted, form) for each form of a submitted inline formset."""
    for i, form in enumerate(formset.forms):
        key = _int(form[formset.model._meta.pk.name].value())
        if key is None and not form.has_changed():
            continue
        deleted = bool(formset.can_delete and form["DELETE"].value())
        values = _form_values(form)
        values.pop("DELETE", None)
        yield (key if key is not None else f"new-{i + 1}"), values, deleted, form


def build(form, formsets, current_report, base_version):
    """Return the Conflict between a refused admin submission and the report as saved now."""
    base_revision = history.revision_for_lock_version(current_report.pk, base_version)
    base = (
        history.snapshots([base_revision.pk], current_report.pk)[base_revision.pk]
        if base_revision
        else None
    )
    current = history.snapshot_of(current_report)
    series = history._series_names([_int(form["series"].value())])
    parts = {name: [] for name in history.PART_MODELS}
    for formset in formsets:
        name = _part_name(formset)
        if name is None:
            continue
        existing = {
            obj.pk: obj for obj in history.PART_MODELS[name].objects.filter(report=current_report)
        }
        # A save keeps the fields forms never carry (a chosen headline, say): start from those.
        submitted = {
            k: {**_lifecycle_values(existing.get(k)), **v}
            for k, v, deleted, _ in _submitted_parts(formset)
            if not deleted
        }
        parts[name] = list(submitted.items())
        # Parts they never had (added by someone else) would survive their save: keep them.
        seen = {k for k, *_ in _submitted_parts(formset)}
        for pk, obj in existing.items():
            if pk not in seen:
                parts[name].append((obj.pk, {**model_to_dict(obj), **_lifecycle_values(obj)}))
    # Lifecycle fields are not in the form: their save would have kept the current ones.
    values = {**_report_part_values(form), "status": current_report.status}
    theirs = history._assemble(values, parts, series)
    merged_data, both = _merge(form, formsets, current_report, base, current, theirs)
    return Conflict(current, theirs, base, merged_data, both)


def _lifecycle_values(obj):
    """Return the values of the fields of a part that forms never change."""
    if obj is None:
        return {}
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.editable}


def _part_name(formset):
    for name, model in history.PART_MODELS.items():
        if formset.model is model:
            return name
    return None


def _by_key(snapshot, name):
    return {p["key"]: p for p in snapshot[name]} if snapshot else {}


def _merge(form, formsets, current_report, base, current, theirs):
    """Return (form data, fields changed by both) re-applying their changes to the current."""
    data = {}
    both = []
    base_report = base["report"] if base else current["report"]
    current_raw = model_to_dict(current_report)
    for name, value in _form_values(form).items():
        if name not in _REPORT_FIELD_NAMES:
            continue
        label = dict(diffing.REPORT_FIELDS).get(name, name)
        mine, now = theirs["report"].get(name), current["report"].get(name)
        if base and mine == base_report.get(name):
            value = current_raw.get(name)
        elif base and now != base_report.get(name) and now != mine:
            both.append(("Report", label, now, mine))
        data[name] = value
    data["change_comment"] = form["change_comment"].value() or ""
    data["base_lock_version"] = str(current_report.lock_version)
    for formset in formsets:
        name = _part_name(formset)
        if name is not None:
            data.update(_merge_formset(formset, name, current_report, base, current, both))
    return {k: _raw(v) for k, v in data.items() if v is not False}, both


def _merge_formset(formset, name, current_report, base, current, both):
    model = formset.model
    base_parts, current_parts = _by_key(base, name), _by_key(current, name)
    objects = {o.pk: o for o in model.objects.filter(report=current_report)}
    existing, new = [], []
    specs = dict(next(p[2] for p in diffing.PARTS if p[0] == name))
    for key, values, deleted, _ in _submitted_parts(formset):
        if isinstance(key, str):
            new.append(values)
            continue
        was, now = base_parts.get(key), current_parts.get(key)
        mine = history._part_values(model, key, values)
        changed_by_me = was is None or any(mine.get(f) != was.get(f) for f in specs)
        if now is None:
            if changed_by_me and not deleted:  # deleted by someone else: keep their text
                new.append(values)
            continue
        merged = {}
        now_raw = model_to_dict(objects[key])
        for field, value in values.items():
            mine_v, was_v, now_v = mine.get(field), (was or {}).get(field), now.get(field)
            if was is not None and mine_v == was_v:
                value = now_raw.get(field, value)
            elif was is not None and now_v not in (was_v, mine_v) and field in specs:
                both.append(
                    (now.get("heading") or now.get("text") or key, specs[field], now_v, mine_v)
                )
            merged[field] = value
        merged["id"] = key
        if deleted:
            merged["DELETE"] = True
        existing.append(merged)
    prefix = formset.prefix
    data = {
        f"{prefix}-INITIAL_FORMS": len(existing),
        f"{prefix}-TOTAL_FORMS": len(existing) + len(new),
        f"{prefix}-MIN_NUM_FORMS": formset.min_num,
        f"{prefix}-MAX_NUM_FORMS": formset.max_num,
    }
    for i, values in enumerate(existing + new):
        for field, value in values.items():
            if field == "id" and i >= len(existing):
                continue
            data[f"{prefix}-{i}-{field}"] = value
        data[f"{prefix}-{i}-report"] = current_report.pk
    return data
