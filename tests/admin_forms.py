"""Submit the report change form as a browser would, from the form the admin rendered."""

from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.urls import reverse


def _raw(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, FieldFile | File):
        return None
    return str(value)


def change_url(report):
    return reverse("admin:reports_report_change", args=[report.pk])


def form_data(response):
    """Return the POST data of the change form in a rendered admin response."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for bound in form:
            value = _raw(bound.value())
            if value is not None:
                data[bound.html_name] = value
    return data


def open_form(client, report):
    """GET the change form and return its data."""
    response = client.get(change_url(report))
    assert response.status_code == 200
    return form_data(response)


def inline_prefix(data, anchor):
    """Return the form prefix of the section with this anchor, e.g. "sections-1"."""
    for key, value in data.items():
        if key.endswith("-anchor") and value == anchor:
            return key.removesuffix("-anchor")
    raise KeyError(anchor)
