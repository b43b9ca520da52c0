"""Edit conflicts in the report editor: what a refused save held, and the form data that re-applies
it on top of the version saved since."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from reports import diffing, history
from reports.models import Report

REPORT_FIELD_NAMES = {f.name for f in Report._meta.concrete_fields}
TEMPORAL = (forms.DateField, forms.DateTimeField, forms.TimeField)


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


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _value(form, name):
    """Return a submitted value; dates as dates, so "01/04/2013" equals 2013-04-01."""
    value, field = form[name].value(), form.fields[name]
    if isinstance(field, TEMPORAL) and isinstance(value, str):
        try:
            return field.to_python(value)
        except ValidationError:
            return value
    return value


def _values(form):
    return {name: _value(form, name) for name in form.fields}


def _submitted_parts(formset):
    """Yield (key, values, deleted) for each form of a submitted inline formset."""
    for i, form in enumerate(formset.forms):
        key = _int(form[formset.model._meta.pk.name].value())
        if key is None and not form.has_changed():
            continue
        deleted = bool(formset.can_delete and form["DELETE"].value())
        values = _values(form)
        values.pop("DELETE", None)
        yield (key if key is not None else f"new-{i + 1}"), values, deleted


def _lifecycle_values(obj):
    """Return the values of the fields of a part that forms never change."""
    if obj is None:
        return {}
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if not f.editable}


def _part_name(formset):
    return next((n for n, m in history.PART_MODELS.items() if formset.model is m), None)


def build(form, formsets, current_report, base_version):
    """Return the Conflict between a refused admin submission and the report as saved now."""
    base_revision = history.revision_for_lock_version(current_report.pk, base_version)
    base = (
        history.snapshots([base_revision.pk], current_report.pk)[base_revision.pk]
        if base_revision
        else None
    )
    current = history.snapshot_of(current_report)
    parts = {name: [] for name in history.PART_MODELS}
    for formset in formsets:
        name = _part_name(formset)
        if name is None:
            continue
        existing = {obj.pk: obj for obj in formset.model.objects.filter(report=current_report)}
        submitted = list(_submitted_parts(formset))
        # A save keeps the fields forms never carry (a chosen headline, say): start from those.
        parts[name] = [
            (key, {**_lifecycle_values(existing.get(key)), **values})
            for key, values, deleted in submitted
            if not deleted
        ]
        # Parts they never had (added by someone else) would survive their save: keep them.
        seen = {key for key, *_ in submitted}
        parts[name] += [
            (obj.pk, {**model_to_dict(obj), **_lifecycle_values(obj)})
            for pk, obj in existing.items()
            if pk not in seen
        ]
    # Lifecycle fields are not in the form: their save would have kept the current ones.
    values = {k: v for k, v in _values(form).items() if k in REPORT_FIELD_NAMES}
    values |= {"series": _int(values.get("series")), "status": current_report.status}
    theirs = history.assemble(values, parts)
    merged_data, both = _merge(form, formsets, current_report, base, current, theirs)
    return Conflict(current, theirs, base, merged_data, both)


def _raw(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "name") and not isinstance(value, str):  # a FieldFile
        return value.name or ""
    return str(value)


def _by_key(snapshot, name):
    return {p["key"]: p for p in snapshot[name]} if snapshot else {}


def _label(name, part):
    """Name a part as people know it: its heading, its text or its shortcode, never an id."""
    if name == "sections":
        return part.get("heading") or part.get("kind") or "Untitled section"
    if name == "headline_options":
        return f"Headline option \u201c{part.get('text')}\u201d"
    return f"{part.get('kind', 'Media')} \u201c{part.get('slug')}\u201d"


def _merge(form, formsets, current_report, base, current, theirs):
    """Return (form data, fields changed by both) re-applying their changes to the current."""
    data, both = {}, []
    was_report = base["report"] if base else current["report"]
    current_raw = model_to_dict(current_report)
    for name, value in _values(form).items():
        if name not in REPORT_FIELD_NAMES:
            continue
        mine, now, was = (
            theirs["report"].get(name),
            current["report"].get(name),
            was_report.get(name),
        )
        if base and mine == was:
            value = current_raw.get(name)
        elif base and now not in (was, mine):
            both.append(("Report", dict(diffing.REPORT_FIELDS).get(name, name), now, mine))
        data[name] = value
    data["change_comment"] = form["change_comment"].value() or ""
    data["base_lock_version"] = str(current_report.lock_version)
    for formset in formsets:
        name = _part_name(formset)
        if name is not None:
            data.update(_merge_formset(formset, name, current_report, base, current, theirs, both))
    return {k: _raw(v) for k, v in data.items() if v is not False}, both


def _merge_formset(formset, name, current_report, base, current, theirs, both):
    was_parts, now_parts, my_parts = (_by_key(s, name) for s in (base, current, theirs))
    objects = {o.pk: o for o in formset.model.objects.filter(report=current_report)}
    specs = dict(next(p[2] for p in diffing.PARTS if p[0] == name))
    existing, new = [], []
    for key, values, deleted in _submitted_parts(formset):
        if isinstance(key, str):
            new.append(values)
            continue
        was, now, mine = was_parts.get(key), now_parts.get(key), my_parts.get(key) or {}
        if now is None:  # deleted by someone else: keep their text if they changed it
            changed_by_me = was is None or any(mine.get(f) != was.get(f) for f in specs)
            if changed_by_me and not deleted:
                new.append(values)
            continue
        merged, now_raw = {}, model_to_dict(objects[key])
        for field, value in values.items():
            mine_v, was_v, now_v = mine.get(field), (was or {}).get(field), now.get(field)
            if was is not None and (deleted or mine_v == was_v):
                value = now_raw.get(field, value)
            elif was is not None and field in specs and now_v not in (was_v, mine_v):
                both.append((_label(name, now), specs[field], now_v, mine_v))
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
