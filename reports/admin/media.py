"""Media in the report editor: the item form, drag-and-drop uploads, fulfilling placeholders."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from markdownx.widgets import AdminMarkdownxWidget

from reports import media
from reports.errors import MediaRefused, NotPermitted
from reports.models import MediaItem, Section

MEDIA_FIELDS = [
    "title", "alt_text", "decorative", "caption", "credit", "alignment", "url", "captions_url",
    "chart_type", "chart_data", "value_axis_label",
]  # fmt: skip


def read_chart_file(form, target):
    """Put an uploaded CSV's text into target["chart_data"]; return False if it is unreadable."""
    upload = form.cleaned_data.get("chart_file")
    if upload:
        try:
            target["chart_data"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("chart_file", "The CSV file must be saved as UTF-8 text.")
            return False
    return True


class MediaItemForm(forms.ModelForm):
    """A media item, checked as its kind needs: real images, alt text, video links, chart data."""

    chart_file = forms.FileField(
        required=False,
        label="Or upload the chart's CSV",
        help_text="Replaces the data above. Save it from a spreadsheet as CSV (UTF-8).",
    )

    class Meta:
        model = MediaItem
        fields = ["kind", "slug", "section", "file", "description", *MEDIA_FIELDS]

    def _post_clean(self):
        super()._post_clean()
        upload = self.files.get(self.add_prefix("file"))
        data = {}
        if self.errors or not read_chart_file(self, data):
            return
        self.instance.chart_data = data.get("chart_data", self.instance.chart_data)
        try:
            media.validate(self.instance, upload=upload)
        except MediaRefused as refusal:
            self.add_error(refusal.field if refusal.field in self.fields else None, str(refusal))


class ReportMarkdownxWidget(AdminMarkdownxWidget):
    """The markdown editor: previews with the report's media, uploads into its media library."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        upload_url = self.attrs.get("data-govreport-upload-url")
        if upload_url:
            # markdownx's own upload code reads this too: it must never reach the open endpoint.
            widget_attrs["data-markdownx-upload-urls-path"] = upload_url
        preview_url = self.attrs.get("data-govreport-preview-url")
        if preview_url:
            widget_attrs["data-markdownx-urls-path"] = preview_url
        return context

    class Media:
        js = ["reports/admin/media-upload.js"]
        css = {"all": ["reports/admin/media.css"]}


class MediaUploadInlineMixin:
    """Point the section editors of a saved report at that report's upload address."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        widget = formset.form.base_fields["body"].widget
        if obj is not None and obj.pk:
            widget.attrs["data-govreport-upload-url"] = reverse(
                "admin:reports_report_media_upload", args=[obj.pk]
            )
            widget.attrs["data-govreport-preview-url"] = reverse(
                "report_markdown_preview", args=[obj.pk]
            )
        return formset


class FulfilForm(forms.Form):
    """What fulfils a placeholder: the kind and its content, checked like any media item."""

    kind = forms.ChoiceField(
        choices=[c for c in MediaItem.Kind.choices if c[0] != MediaItem.Kind.PLACEHOLDER]
    )
    file = forms.FileField(required=False, help_text=MediaItem._meta.get_field("file").help_text)
    chart_file = MediaItemForm.base_fields["chart_file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in MEDIA_FIELDS:
            self.fields[name] = MediaItem._meta.get_field(name).formfield()


class MediaAdminMixin:
    """Admin views for a report's media: the editor's upload address and fulfilling placeholders."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/media/upload/", view(self.media_upload_view),
                 name="reports_report_media_upload"),
            path("<path:object_id>/media/<int:item_id>/fulfil/", view(self.fulfil_view),
                 name="reports_report_fulfil_placeholder"),
            *super().get_urls(),
        ]  # fmt: skip

    def _report_for_change(self, request, object_id):
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404("No such report.")
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        return report

    def media_upload_view(self, request, object_id):
        """Upload an image dropped into a section editor; answer with its shortcode as JSON."""
        return require_POST(self._upload)(request, object_id)

    def _upload(self, request, object_id):
        try:
            report = self._report_for_change(request, object_id)
        except (Http404, PermissionDenied) as error:
            status = 404 if isinstance(error, Http404) else 403
            return JsonResponse({"error": "You cannot add media to this report."}, status=status)
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse({"error": "Choose an image file to upload."}, status=400)
        section = Section.objects.filter(report=report, pk=request.POST.get("section") or None)
        try:
            item = media.add(
                report,
                by=request.user,
                kind=MediaItem.Kind.IMAGE,
                slug=media.unique_slug(report, upload.name.rsplit(".", 1)[0]),
                upload=upload,
                alt_text=request.POST.get("alt_text", "").strip(),
                decorative=request.POST.get("decorative") in {"on", "true", "1"},
                caption=request.POST.get("caption", "").strip(),
                section=section.first(),
            )
        except NotPermitted as refusal:
            return JsonResponse({"error": str(refusal)}, status=403)
        except MediaRefused as refusal:
            return JsonResponse({"error": str(refusal), "field": refusal.field}, status=400)
        answer = {"shortcode": item.shortcode(), "image_code": item.shortcode(), "slug": item.slug}
        if not (item.alt_text or item.decorative):
            answer["warning"] = (
                f"{item.shortcode()} has no alt text yet. Add it in the media library: the "
                "report cannot be published without it."
            )
        return JsonResponse(answer)

    def fulfil_view(self, request, object_id, item_id):
        """Fulfil a placeholder with the media it stood for."""
        report = self._report_for_change(request, object_id)
        placeholder = get_object_or_404(report.media, pk=item_id)
        change_url = reverse("admin:reports_report_change", args=[report.pk])
        if not placeholder.is_placeholder():
            messages.info(request, f"{placeholder.shortcode()} has already been fulfilled.")
            return redirect(change_url)
        initial = {
            "title": placeholder.description,
            "alt_text": placeholder.alt_text,
            "alignment": placeholder.alignment,
        }
        form = FulfilForm(request.POST or None, request.FILES or None, initial=initial)
        if (
            request.method == "POST"
            and form.is_valid()
            and read_chart_file(form, form.cleaned_data)
        ):
            data = {k: v for k, v in form.cleaned_data.items() if k in MEDIA_FIELDS}
            try:
                item = media.fulfil(placeholder, by=request.user, kind=form.cleaned_data["kind"],
                                    upload=form.cleaned_data["file"] or None, **data)  # fmt: skip
            except NotPermitted as refusal:
                raise PermissionDenied(str(refusal)) from refusal
            except MediaRefused as refusal:
                form.add_error(
                    refusal.field if refusal.field in form.fields else None, str(refusal)
                )
            else:
                messages.success(request, f"The placeholder is now {item.shortcode()}.")
                _warn_about(request, [item])
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "placeholder": placeholder,
            "form": form,
            "title": "Fulfil a placeholder",
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/reports/report/fulfil_placeholder.html", context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _warn_about(request, form.instance.media.all())


def _warn_about(request, items):
    """Tell the editor about media that readers would find hard to use."""
    for item in items:
        if item.needs_transcript():
            messages.warning(
                request,
                f"The video {item.shortcode()} has no transcript or captions link. Add one so "
                "that people who cannot hear it can follow it.",
            )
