"""Scoring sheets are data: staff edit the criteria lines here (a sheet already used for
scores is read-only; make a new version from the dashboard's sheet page)."""
from django.contrib import admin

from ocop.evaluation.models import Criterion, Cycle, ReviewStep, ScoringSheet


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_used()

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.is_used()

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_used()


@admin.register(ScoringSheet)
class ScoringSheetAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "version", "is_active"]
    list_filter = ["group", "is_active"]
    inlines = [CriterionInline]


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "role", "is_active"]
    list_editable = ["is_active"]


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "phase", "accepts_dossiers"]
    list_editable = ["phase", "accepts_dossiers"]
