"""A shopper's return/complaint request on one delivered order line, its photos, its history,
and the refund that settles it (one per request, so it can never be counted twice)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.private_files import private_storage

from marketplace.complaints.rules import Reason


def photo_path(instance, filename):
    # An unguessable name: the photos are the shopper's, not a public gallery.
    from shops.images import random_file_name

    return f"complaints/{random_file_name(filename)}"


class ReturnRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Chờ nhà sản xuất trả lời")
        PRODUCER_ACCEPTED = "producer_accepted", _("Nhà sản xuất đồng ý, chờ hoàn tiền")
        PRODUCER_REJECTED = "producer_rejected", _("Nhà sản xuất từ chối")
        ESCALATED = "escalated", _("Chờ Ban quản lý sàn quyết định")
        STAFF_ACCEPTED = "staff_accepted", _("Sàn chấp nhận, chờ hoàn tiền")
        STAFF_REJECTED = "staff_rejected", _("Sàn không chấp nhận")
        REFUNDED = "refunded", _("Đã hoàn tiền")
        CLOSED = "closed", _("Đã đóng")

    #: States that end a request; a line has at most one request outside them.
    FINAL = (Status.STAFF_REJECTED, Status.REFUNDED, Status.CLOSED)
    #: States in which money is owed to the shopper.
    REFUND_DUE = (Status.PRODUCER_ACCEPTED, Status.STAFF_ACCEPTED)

    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="return_requests", verbose_name=_("dòng hàng"))
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="return_requests", verbose_name=_("đơn hàng"))
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="return_requests", verbose_name=_("nhà sản xuất")
    )
    # SET_NULL: a shopper may delete their account (Oscar's profile delete); the request stays for the records.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="return_requests",
        verbose_name=_("người mua"),
    )
    quantity = models.PositiveIntegerField(_("số lượng"))
    reason = models.CharField(_("lý do"), max_length=32, choices=Reason.CHOICES)
    description = models.TextField(_("mô tả"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices, default=Status.OPEN, db_index=True)
    refund_amount = models.PositiveBigIntegerField(_("số tiền hoàn (đồng)"))
    refund_bank_name = models.CharField(_("ngân hàng nhận hoàn tiền"), max_length=100, blank=True)
    refund_account_number = models.CharField(_("số tài khoản"), max_length=32, blank=True)
    refund_account_name = models.CharField(_("chủ tài khoản"), max_length=100, blank=True)
    producer_answer = models.TextField(_("trả lời của nhà sản xuất"), blank=True)
    escalation_note = models.TextField(_("lý do chuyển sàn"), blank=True)
    decision_note = models.TextField(_("quyết định của sàn"), blank=True)
    delivered_at = models.DateTimeField(_("giao hàng lúc"))
    answered_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("yêu cầu đổi trả")
        verbose_name_plural = _("yêu cầu đổi trả")
        ordering = ["-created_at", "-pk"]
        permissions = [("decide_returnrequest", _("Quyết định khiếu nại, ghi nhận hoàn tiền"))]
        constraints = [
            models.UniqueConstraint(
                fields=["line"],
                condition=~Q(status__in=["staff_rejected", "refunded", "closed"]),
                name="complaints_one_open_request_per_line",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.order.number} / {self.line.title}"

    @property
    def is_final(self):
        return self.status in self.FINAL

    @property
    def refund_due(self):
        return self.status in self.REFUND_DUE

    @property
    def is_disputed(self):
        return self.status == self.Status.ESCALATED


class ReturnPhoto(models.Model):
    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("ảnh"), upload_to=photo_path, storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ảnh khiếu nại")
        verbose_name_plural = _("ảnh khiếu nại")


class ReturnEvent(models.Model):
    """Who did what, when: the request's history, shown to everyone who may see the request."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Người mua gửi yêu cầu")
        PRODUCER_ACCEPTED = "producer_accepted", _("Nhà sản xuất đồng ý")
        PRODUCER_REJECTED = "producer_rejected", _("Nhà sản xuất từ chối")
        ESCALATED = "escalated", _("Người mua chuyển Ban quản lý sàn")
        STAFF_ACCEPTED = "staff_accepted", _("Sàn chấp nhận yêu cầu")
        STAFF_REJECTED = "staff_rejected", _("Sàn không chấp nhận yêu cầu")
        REFUNDED = "refunded", _("Đã hoàn tiền")
        REFUND_FAILED = "refund_failed", _("Hoàn tiền qua cổng thẻ thất bại")
        CLOSED = "closed", _("Người mua đóng yêu cầu")

    request = models.ForeignKey(ReturnRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=24, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class Refund(models.Model):
    """The money given back for one request: a Stripe refund (card orders) or a bank transfer
    that staff made and recorded (COD and VietQR orders; nothing moves automatically)."""

    class Method(models.TextChoices):
        CARD = "card", _("Hoàn về thẻ (Stripe)")
        BANK_TRANSFER = "bank_transfer", _("Chuyển khoản ngân hàng")

    request = models.OneToOneField(ReturnRequest, on_delete=models.PROTECT, related_name="refund")
    payment = models.ForeignKey("payments.OrderPayment", on_delete=models.PROTECT, related_name="complaint_refunds")
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="complaint_refunds")
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="complaint_refunds")
    method = models.CharField(_("cách hoàn"), max_length=16, choices=Method.choices)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    reference = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    stripe_refund_id = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("hoàn lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khoản hoàn tiền")
        verbose_name_plural = _("khoản hoàn tiền")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.order.number}: {self.amount} ({self.get_method_display()})"
