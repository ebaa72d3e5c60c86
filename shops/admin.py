from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from shops.models import ApplicationDocument, BackOfficeChange, Follow, ProducerApplication, ProducerProfile


@admin.register(ProducerProfile)
class ProducerProfileAdmin(admin.ModelAdmin):
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
