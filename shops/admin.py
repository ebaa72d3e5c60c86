from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from shops.models import (
    ApplicationDocument,
    BackOfficeChange,
    Follow,
    LegalChangeRequest,
    ProducerApplication,
    ProducerProfile,
)


@admin.register(ProducerProfile)
class ProducerProfileAdmin(TranslationAdmin):  # the story in both languages, not the language-dependent `story`
    list_display = ("__str__", "legal_kind", "district", "commune", "commune_code")
    list_filter = ("legal_kind", "district")
    search_fields = ("partner__name", "registration_number", "slug")
    raw_id_fields = ("partner",)


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0
    fields = readonly_fields = ("kind", "document_link", "uploaded_at")

    def has_add_permission(self, request, obj=None):
        return False  # documents come only through the checked application form

    @admin.display(description=_("tệp"))
    def document_link(self, obj):
        # A private file: the link goes through the reviewer view, never the storage's URL.
        url = reverse("shops:application-document", kwargs={"pk": obj.application_id, "doc_pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Tải về"))


@admin.register(ProducerApplication)
class ProducerApplicationAdmin(admin.ModelAdmin):
    list_display = ("name", "legal_kind", "status", "created_at", "decided_at")
    list_filter = ("status", "legal_kind")
    search_fields = ("name", "registration_number", "applicant__email")
    readonly_fields = ("status", "decided_by", "decided_at", "partner", "rejection_reason")
    raw_id_fields = ("applicant",)
    inlines = [ApplicationDocumentInline]


@admin.register(BackOfficeChange)
class BackOfficeChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "partner", "user", "action", "object_repr")
    list_filter = ("action",)
    search_fields = ("partner__name", "object_repr", "user__email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Follow)


@admin.register(LegalChangeRequest)
class LegalChangeRequestAdmin(admin.ModelAdmin):
    """Program staff approve or refuse producers' legal identity changes (shops.services)."""

    list_display = ("profile", "changes", "status", "requested_by", "created_at", "decided_by")
    list_filter = ("status",)
    readonly_fields = ("profile", "changes", "requested_by", "status", "decided_by", "decided_at", "created_at")
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, approve):
        from django.core.exceptions import PermissionDenied, ValidationError

        from shops import services

        done = 0
        for item in queryset.filter(status=LegalChangeRequest.Status.PENDING):
            try:
                services.legal_change_decide(request=item, reviewer=request.user, approve=approve)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, str(error), level="error")
                return
            done += 1
        self.message_user(request, _("Đã xử lý %(count)s đề nghị.") % {"count": done})

    @admin.action(description=_("Duyệt các đề nghị đã chọn"))
    def approve(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Từ chối các đề nghị đã chọn"))
    def reject(self, request, queryset):
        self._decide(request, queryset, False)
