"""Factories and helpers for checkout tests: producers with stock, and a guest checkout driven
through the real views."""
from decimal import Decimal

import factory
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import OcopCertificateFactory, PartnerFactory, ProductFactory, StockRecordFactory


class ProducerShippingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("shipping", "ProducerShippingRate")

    partner = factory.SubFactory(PartnerFactory)
    flat_fee = Decimal("30000")
    free_threshold = None


def producer_product(partner=None, *, price=Decimal("120000"), stock=20, **kwargs):
    """A certified product on sale from the given producer (Oscar partner)."""
    partner = partner or PartnerFactory()
    record = StockRecordFactory(partner=partner, product=ProductFactory(**kwargs), price=price, num_in_stock=stock)
    OcopCertificateFactory(product=record.product)
    return record.product


ADDRESS = {
    "first_name": "Nguyễn Thị Hoa",
    "phone_number": "0912345678",
    "province": "19",  # Thái Nguyên (Bắc Kạn merged into it in 07/2025)
    "ward": "Phường Đức Xuân",
    "line1": "Số 12, tổ 5",
    "notes": "",
}


def add_to_basket(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code in (200, 302), response.status_code
    return response


def guest_checkout_until_preview(client, *, email="khach@example.vn", method="cod", address=None):
    """Gateway (guest e-mail) → address → shipping method → payment method; returns the preview response."""
    client.post(reverse("checkout:index"), {"username": email, "options": "anonymous"})
    response = client.post(reverse("checkout:shipping-address"), address or ADDRESS)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.get(reverse("checkout:shipping-method"))
    response = client.post(reverse("checkout:payment-method"), {"method": method})
    assert response.status_code == 302, response.content.decode()[:3000]
    return client.get(reverse("checkout:preview"))


def place_order(client, **kwargs):
    return client.post(reverse("checkout:preview"), {"action": "place_order"}, **kwargs)
