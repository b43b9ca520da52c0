from django import forms
from django.contrib import admin
from django.urls import path
from reversion.admin import VersionAdmin

from reports.admin.history import RevisionHistoryMixin
from reports.models import Edition, HeadlineOption, MediaItem, Report, Section, Series

from . import documents, headlines, review
from .editing import EditingAdminMixin
from .media import MediaAdminMixin, MediaItemForm, MediaUploadInlineMixin, ReportMarkdownxWidget
from .workflow import WorkflowAdminMixin


class OrderedInlineMixin:
    """Inline rows reordered with move buttons; positions are renumbered on save."""

    ordering_field = "position"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields[self.ordering_field].widget = forms.HiddenInput(
            attrs={"data-ordering": "position"}
        )
        return formset


class SectionInline(MediaUploadInlineMixin, OrderedInlineMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = ["position", "kind", "heading", "anchor", "body"]
    formfield_overrides = {Section.body.field.__class__: {"widget": ReportMarkdownxWidget}}
    classes = ["ordered-inline"]


class HeadlineOptionInline(OrderedInlineMixin, admin.TabularInline):
    """Current headline options. Choosing and retiring happen in the headline workbench."""

    model = HeadlineOption
    extra = 0
    fields = ["position", "text", "notes", "chosen", "preferred"]
    readonly_fields = ["chosen", "preferred"]
    classes = ["ordered-inline"]
    can_delete = False  # retire options in the workbench instead, so they stay on record

    def get_queryset(self, request):
        return super().get_queryset(request).filter(retired=False)


class MediaItemInline(admin.StackedInline):
    model = MediaItem
    form = MediaItemForm
    extra = 0
    fields = [
        ("kind", "slug", "section"),
        "title",
        ("alt_text", "decorative"),
        ("caption", "credit"),
        "alignment",
        "file",
        ("url", "captions_url"),
        ("chart_type", "value_axis_label"),
        ("chart_data", "chart_file"),
        "description",
    ]
    classes = ["collapse"]

    class Media:
        js = ["reports/admin/media-library.js"]
        css = {"all": ["reports/admin/media.css"]}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            report_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(report_id=report_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Report)
class ReportAdmin(
    RevisionHistoryMixin, WorkflowAdminMixin, EditingAdminMixin, MediaAdminMixin, VersionAdmin
):
    list_display = ["title", "series", "status", "period_end", "updated_at"]
    list_filter = ["status", "series"]
    search_fields = ["title", "summary", "headline_options__text", "sections__heading"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["series"]
    change_list_template = "admin/reports/report/change_list.html"  # adds "Import a document"
    inlines = [HeadlineOptionInline, SectionInline, MediaItemInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        (
            "Series and period",
            {"fields": ["organisation", "series", ("period_start", "period_end")]},
        ),
        ("Editorial notes", {"fields": ["editorial_notes"]}),
    ]

    class Media:
        js = ["reports/admin/ordered-inlines.js"]
        css = {"all": ["reports/admin/admin.css", "reports/admin/history.css"]}

    def get_urls(self):
        # Before the admin's own patterns, whose "<object_id>/" would catch these addresses.
        view = self.admin_site.admin_view
        return [
            path(
                "import/",
                view(lambda request: documents.import_view(self, request)),
                name="reports_report_import",
            ),
            path(
                "<path:object_id>/export/<str:format>/",
                view(lambda request, **kw: documents.export_view(self, request, **kw)),
                name="reports_report_export",
            ),
            *headlines.urls(self),
            *review.urls(self),
            *super().get_urls(),
        ]

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, HeadlineOption) and obj.author_id is None:
                obj.author = request.user
            obj.save()
        formset.save_m2m()


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Published editions are immutable records: they can be read, never edited."""

    list_display = ["title", "number", "published_at", "is_live", "minor"]
    list_filter = ["is_live"]
    search_fields = ["title", "slug"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
