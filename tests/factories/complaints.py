"""Helpers for complaints tests: a shopper's order with a delivered parcel, and opening a request."""
import datetime

from django.db import transaction
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.order.services import parcel_set_status
from tests.factories import PartnerFactory, UserFactory
from tests.factories.checkout import guest_order, producer_product, staff_user
from tests.factories.shops import ProducerProfileFactory, jpeg_upload

Parcel = get_model("order", "Parcel")


def producer_with_profile(name):
    profile = ProducerProfileFactory(partner=PartnerFactory(name=name))
    return profile.partner


def shopper_order(products, *, method="cod", user=None, client=None):
    """An order placed through the real checkout (guest), then owned by `user` (a signed-in shopper)."""
    user = user or UserFactory()
    order = guest_order(client or Client(), products, method=method)
    order.user = user
    order.guest_email = ""
    order.save(update_fields=["user", "guest_email"])
    return order, user


def deliver(order, partner, *, admin=None, at=None):
    admin = admin or staff_user("order.change_order", "order.view_order")
    parcel = order.parcels.get(partner=partner)
    for status in ("confirmed", "shipped", "delivered"):
        with transaction.atomic():  # as the dashboard view does (the parcel row is locked)
            parcel_set_status(parcel_id=parcel.pk, status=status, user=admin)
    if at is not None:
        Parcel.objects.filter(pk=parcel.pk).update(updated_at=at)
    parcel.refresh_from_db()
    return parcel


def days_ago(days, **extra):
    return timezone.now() - datetime.timedelta(days=days, **extra)


def open_request(line, user, **overrides):
    from marketplace.complaints import services

    kwargs = dict(
        line_id=line.pk, user=user, quantity=1, reason="damaged", description="Hũ mật ong bị vỡ khi nhận.",
        photos=[jpeg_upload()], refund_bank_name="Vietcombank", refund_account_number="0123456789",
        refund_account_name="NGUYEN THI HOA",
    )
    kwargs.update(overrides)
    return services.request_open(**kwargs)


def delivered_cod_order(partner_name="HTX Mật ong Ba Bể", *, price=None):
    partner = producer_with_profile(partner_name)
    product = producer_product(partner, title="Mật ong bạc hà", **({"price": price} if price else {}))
    order, user = shopper_order([product])
    deliver(order, partner)
    return order, user, partner, order.lines.get()


__all__ = ["producer_product", "staff_user", "jpeg_upload"]
