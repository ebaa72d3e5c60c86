from django.contrib import admin

from sales_points.models import AppraisalEvent, OpeningPeriod, SalesPoint, SalesPointListing


class OpeningPeriodInline(admin.TabularInline):
    model = OpeningPeriod
    extra = 0


class ListingInline(admin.TabularInline):
    model = SalesPointListing
    extra = 0
    raw_id_fields = ["product"]


class AppraisalEventInline(admin.TabularInline):
    model = AppraisalEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "reason", "decision_number", "decision_date", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SalesPoint)
class SalesPointAdmin(admin.ModelAdmin):
    """Read-mostly: status changes go through the appraisal pages so each one is recorded."""

    list_display = ["name", "status", "site_kind", "commune_code", "decision_number", "is_demo"]
    list_filter = ["status", "site_kind", "is_demo"]
    search_fields = ["name", "operator_name", "decision_number"]
    readonly_fields = ["status", "decision_number", "decision_date", "submitted_at"]
    raw_id_fields = ["applicant"]
    filter_horizontal = ["managers"]
    inlines = [OpeningPeriodInline, ListingInline, AppraisalEventInline]
