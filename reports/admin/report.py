from django import forms
from django.contrib import admin
from markdownx.widgets import AdminMarkdownxWidget
from reversion.admin import VersionAdmin

from reports.admin.history import RevisionHistoryMixin
from reports.models import Edition, HeadlineOption, MediaItem, Report, Section, Series


class OrderedInlineMixin:
    """Inline rows reordered with move buttons; positions are renumbered on save."""

    ordering_field = "position"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields[self.ordering_field].widget = forms.HiddenInput(
            attrs={"data-ordering": "position"}
        )
        return formset


class SectionInline(OrderedInlineMixin, admin.StackedInline):
    model = Section
    extra = 0
    fields = ["position", "kind", "heading", "anchor", "body"]
    formfield_overrides = {Section.body.field.__class__: {"widget": AdminMarkdownxWidget}}
    classes = ["ordered-inline"]


class HeadlineOptionInline(OrderedInlineMixin, admin.TabularInline):
    model = HeadlineOption
    extra = 0
    fields = ["position", "text", "notes", "chosen"]
    classes = ["ordered-inline"]


class MediaItemInline(admin.StackedInline):
    model = MediaItem
    extra = 0
    fields = [
        ("kind", "slug", "section"),
        "title",
        ("alt_text", "decorative"),
        ("caption", "credit"),
        "alignment",
        ("file", "url", "captions_url"),
        "description",
    ]
    classes = ["collapse"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            report_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(report_id=report_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Report)
class ReportAdmin(RevisionHistoryMixin, VersionAdmin):
    list_display = ["title", "series", "status", "period_end", "updated_at"]
    list_filter = ["status", "series"]
    search_fields = ["title", "summary", "headline_options__text", "sections__heading"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["series"]
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

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
