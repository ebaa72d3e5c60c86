"""Payment state of an order (one method per order) and the Stripe events received."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    COD = "cod", _("Thanh toán khi nhận hàng (COD)")
    TRANSFER = "transfer", _("Chuyển khoản ngân hàng (VietQR)")
    CARD = "card", _("Thẻ quốc tế (Stripe)")


class OrderPayment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Thanh toán thất bại")
        CANCELLED = "cancelled", _("Đã hủy")
        REFUNDED = "refunded", _("Đã hoàn tiền")
        NEEDS_REVIEW = "needs_review", _("Cần nhân viên xử lý")

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="payment", verbose_name=_("đơn hàng"))
    method = models.CharField(_("phương thức"), max_length=16, choices=Method.choices)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    amount_refunded = models.PositiveBigIntegerField(_("đã hoàn (đồng)"), default=0)
    reference = models.CharField(_("nội dung chuyển khoản / mã giao dịch"), max_length=64, blank=True, db_index=True)
    stripe_payment_intent = models.CharField(max_length=64, blank=True, db_index=True)
    expires_at = models.DateTimeField(_("hạn thanh toán"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thời điểm thanh toán"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    language = models.CharField(_("ngôn ngữ email"), max_length=8, default="vi")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thanh toán đơn hàng")
        verbose_name_plural = _("thanh toán đơn hàng")
        permissions = [("confirm_transfer", _("Xác nhận đã nhận chuyển khoản"))]

    def __str__(self):
        return f"{self.order.number}: {self.get_method_display()} ({self.get_status_display()})"

    @property
    def is_paid(self):
        return self.status == self.Status.PAID


class StripeEvent(models.Model):
    """Each Stripe event id is processed once (webhook retries and duplicates are ignored)."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True, db_index=True)
    created = models.DateTimeField(_("thời điểm Stripe tạo"))
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("sự kiện Stripe")
        verbose_name_plural = _("sự kiện Stripe")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.event_id} ({self.type})"
