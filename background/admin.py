"""Where failed background work shows (Django admin, "Việc nền"): each failed e-mail or job
with its error, and a "try again" action. Periodic jobs show their last run and last error."""
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from background import services
from background.models import Job, OutboundEmail


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("key", "service", "status", "attempts", "enqueued_at", "finished_at", "short_error")
    list_filter = ("status", "service")
    search_fields = ("key", "service")
    readonly_fields = [field.name for field in Job._meta.fields]
    actions = ["requeue"]

    @admin.display(description=_("lỗi"))
    def short_error(self, obj):
        return obj.last_error.strip().splitlines()[-1][:120] if obj.last_error.strip() else ""

    @admin.action(description=_("Chạy lại các tác vụ lỗi đã chọn"))
    def requeue(self, request, queryset):
        count = services.failed_requeue(job_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("Đã đưa lại %(count)s tác vụ vào hàng đợi.") % {"count": count}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipients", "status", "attempts", "created_at", "sent_at", "short_error")
    list_filter = ("status",)
    search_fields = ("key", "subject", "to")
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]
    actions = ["requeue"]

    @admin.display(description=_("người nhận"))
    def recipients(self, obj):
        return ", ".join(obj.to)

    @admin.display(description=_("lỗi"))
    def short_error(self, obj):
        return obj.last_error[:120]

    @admin.action(description=_("Gửi lại các thư lỗi đã chọn"))
    def requeue(self, request, queryset):
        count = services.failed_requeue(mail_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, _("Đã đưa lại %(count)s thư vào hàng đợi.") % {"count": count}, messages.SUCCESS)

    def has_add_permission(self, request):
        return False
