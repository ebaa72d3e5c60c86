"""Oscar's order models, plus the producer parcel.

One order may hold lines of several producers (Oscar partners). Each producer's lines
travel as one parcel with its own status and shipping fee; the shopper sees one order
with a status per parcel, a producer sees and fulfils only its own parcel.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder


class OrderStatus(models.TextChoices):
    """An order's status: a code stored, a label shown. Derived from the parcels by
    `marketplace.order.services.order_status_derive`; Oscar's pipeline (settings) uses the codes."""

    PENDING = "pending", _("Chờ xác nhận")
    SHIPPING = "shipping", _("Đang giao")
    COMPLETED = "completed", _("Hoàn tất")
    CANCELLED = "cancelled", _("Đã hủy")


class Order(AbstractOrder):
    status = models.CharField(_("Status"), max_length=100, blank=True, choices=OrderStatus.choices)


class Parcel(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác nhận")
        CONFIRMED = "confirmed", _("Đang chuẩn bị")
        SHIPPED = "shipped", _("Đang giao")
        DELIVERED = "delivered", _("Đã giao")
        CANCELLED = "cancelled", _("Đã hủy")

    # The moves a producer (or staff) may make; delivered and cancelled are final.
    TRANSITIONS = {
        Status.PENDING: (Status.CONFIRMED, Status.CANCELLED),
        Status.CONFIRMED: (Status.SHIPPED, Status.CANCELLED),
        Status.SHIPPED: (Status.DELIVERED,),
        Status.DELIVERED: (),
        Status.CANCELLED: (),
    }

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="parcels", verbose_name=_("đơn hàng"))
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="parcels", verbose_name=_("nhà sản xuất")
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    requires_shipping = models.BooleanField(_("cần giao hàng"), default=True)
    shipping_charge = models.DecimalField(_("phí giao hàng"), max_digits=12, decimal_places=2, default=0)
    subtotal = models.DecimalField(_("tiền hàng"), max_digits=12, decimal_places=2, default=0)
    tracking_code = models.CharField(_("mã vận đơn"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kiện hàng")
        verbose_name_plural = _("kiện hàng")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "partner"], name="parcel_one_per_producer")]

    def __str__(self):
        return f"{self.order.number} / {self.partner.name}"

    @property
    def total(self):
        return self.subtotal + self.shipping_charge

    def lines(self):
        return self.order.lines.filter(partner=self.partner)

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.status]


def new_voucher_code():
    import secrets

    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a homestay desk
    return "".join(secrets.choice(alphabet) for _ in range(10))


class ServiceVoucher(models.Model):
    """A tourism product (homestay, tour) is sold as a dated voucher, not shipped: the shopper
    shows the code on arrival and the producer marks it used, once."""

    line = models.OneToOneField("order.Line", on_delete=models.CASCADE, related_name="service_voucher")
    code = models.CharField(_("mã phiếu"), max_length=16, unique=True, default=new_voucher_code)
    valid_from = models.DateField(_("dùng từ ngày"))
    valid_until = models.DateField(_("dùng đến ngày"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("phiếu dịch vụ du lịch")
        verbose_name_plural = _("phiếu dịch vụ du lịch")

    def __str__(self):
        return self.code

    @property
    def is_used(self):
        return self.used_at is not None


from oscar.apps.order.models import *  # noqa: E402,F401,F403
