"""Admin pages to import a document as a report (upload, preview, confirm) and to export one."""

import secrets
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from reports import exporting, importing
from reports.errors import GovreportError
from reports.models import Section, Series

SESSION_KEY = "reports_import"
EXPORTS = {
    "markdown": (exporting.to_markdown, "text/markdown", "md"),
    "json": (exporting.to_json, "application/json", "json"),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Document",
        error_messages={"empty": "Line 1: The file is empty."},
        help_text="A markdown or plain-text file (UTF-8), such as a draft saved from a word "
        "processor. Nothing is created until you confirm the preview.",
    )
    title = forms.CharField(
        required=False,
        max_length=200,
        help_text="Needed when the document does not start with a title heading. "
        "If you give one, it replaces the document's own title.",
    )
    series = forms.ModelChoiceField(
        Series.objects.all(),
        required=False,
        help_text="Reports in the same series are listed together and link to each other.",
    )


def import_view(model_admin, request):
    """Upload a document, preview what it will create, then confirm to create the report."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(model_admin, request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and (read := _read_upload(form, request)):
        return _preview(model_admin, request, *read)
    return _render(model_admin, request, "Import a document", {"form": form})


def _read_upload(form, request):
    """Return (pending import, document) for a valid upload, or None with the form's error set."""
    upload, series = form.cleaned_data["file"], form.cleaned_data["series"]
    data = upload.read(importing.max_bytes() + 1)
    try:
        result = importing.import_document(
            data,
            by=request.user,
            title=form.cleaned_data["title"] or None,
            series=series,
            dry_run=True,
        )
    except GovreportError as error:
        form.add_error("file", str(error))
        return None
    pending = {
        "token": secrets.token_urlsafe(16),
        "text": importing.decode(data),
        "filename": PurePath(upload.name).name,
        "title": form.cleaned_data["title"],
        "series": series.pk if series else None,
    }
    return pending, result.document


def _preview(model_admin, request, pending, document):
    # The text waits in the user's own session: the confirm step takes it from there, never
    # from the form, and imports it afresh.
    request.session[SESSION_KEY] = pending
    context = {
        "document": document,
        "counts": document.counts(),
        "sections": [(Section.Kind(s.kind).label, s) for s in document.sections],
        "token": pending["token"],
        "filename": pending["filename"],
        "media": [m for m in document.media if m.kind != "placeholder"],
        "placeholders": [m for m in document.media if m.kind == "placeholder"],
    }
    return _render(model_admin, request, "Check the import", context, "preview")


def _confirm(model_admin, request):
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        messages.error(request, "That preview has expired. Upload the document again.")
        return redirect("admin:reports_report_import")
    series = Series.objects.filter(pk=pending["series"]).first() if pending["series"] else None
    try:
        result = importing.import_document(
            pending["text"],
            by=request.user,
            title=pending["title"] or None,
            series=series,
            filename=pending["filename"],
        )
    except GovreportError as error:
        form = ImportForm()
        form.add_error(None, str(error))
        return _render(model_admin, request, "Import a document", {"form": form})
    del request.session[SESSION_KEY]
    report = result.report
    messages.success(request, f"Imported “{report.title}” from {pending['filename']}.")
    return redirect("admin:reports_report_change", report.pk)


def _render(model_admin, request, title, context, step="upload"):
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "step": step,
        "max_size": importing.max_bytes() // (1024 * 1024),
        **context,
    }
    return TemplateResponse(request, "admin/reports/report/import.html", context)


def export_view(model_admin, request, object_id, format):
    """Download the report as a markdown document or as JSON."""
    report = model_admin.get_object(request, object_id)
    if report is None or format not in EXPORTS:
        raise Http404
    if not model_admin.has_view_or_change_permission(request, report):
        raise PermissionDenied
    export, content_type, extension = EXPORTS[format]
    response = HttpResponse(export(report), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.slug}.{extension}"'
    return response
