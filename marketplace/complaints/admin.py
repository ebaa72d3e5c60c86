"""Read-only views for superusers; the work is done on the shopper, producer and staff pages."""
from django.contrib import admin

from marketplace.complaints.models import Refund, ReturnEvent, ReturnRequest


class EventInline(admin.TabularInline):
    model = ReturnEvent
    extra = 0
    can_delete = False
    readonly_fields = ("action", "actor", "note", "created_at")


@admin.register(ReturnRequest)
class ReturnRequestAdmin(admin.ModelAdmin):
    list_display = ("pk", "order", "partner", "status", "refund_amount", "created_at")
    list_filter = ("status", "reason")
    search_fields = ("order__number", "partner__name", "user__email")
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("order", "partner", "method", "amount", "reference", "recorded_by", "created_at")
    list_filter = ("method",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
