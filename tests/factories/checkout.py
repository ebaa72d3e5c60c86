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


def producer_user(partner, **kwargs):
    """A producer's account: Oscar's partner dashboard access, linked to the partner."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(**kwargs)
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access", content_type__app_label="partner"))
    partner.users.add(user)
    return user


def staff_user(*codenames, **kwargs):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, **kwargs)
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(Permission.objects.get(codename=name, content_type__app_label=app_label))
    return user


def guest_order(client, products, *, method="cod"):
    """Place a guest order for one unit of each product through the real checkout."""
    from oscar.core.loading import get_model

    for product in products:
        add_to_basket(client, product, 1)
    guest_checkout_until_preview(client, method=method)
    response = place_order(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_model("order", "Order").objects.order_by("-pk").first()


def tourism_product(partner=None, *, price=Decimal("450000"), **kwargs):
    """A homestay night or tour: a service, sold as a voucher, never shipped."""
    from tests.factories import ProductClassFactory, category

    product_class = ProductClassFactory(
        name="Dịch vụ du lịch", slug="dich-vu-du-lich", requires_shipping=False, track_stock=False
    )
    return producer_product(
        partner,
        price=price,
        product_class=product_class,
        categories=[category("Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch")],
        **kwargs,
    )


def buyers_at_preview(fillers):
    """One browser per filler (a function that fills its basket), all at the order preview: the
    first goes through the guest checkout, the others reuse its checkout data."""
    from django.test import Client

    clients = []
    for fill in fillers:
        buyer = Client()
        fill(buyer)
        if not clients:
            guest_checkout_until_preview(buyer)
            checkout_data = buyer.session["checkout_data"]
        else:
            session = buyer.session
            session["checkout_data"] = checkout_data
            session.save()
        clients.append(buyer)
    return clients


def place_orders_at_once(clients):
    """Every client posts "place order" at the same instant (threads behind a barrier);
    returns (status, Location, body) per client, or ("error", repr, "") for a deadlock or a 500."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def buy(index):
        try:
            barrier.wait(timeout=60)
            response = clients[index].post(reverse("checkout:preview"), {"action": "place_order"})
            body = response.content.decode() if response.status_code == 200 else ""
            results[index] = (response.status_code, response.get("Location", ""), body)
        except Exception as error:  # a deadlock or a 500 must show up as a failure
            results[index] = ("error", repr(error), "")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a buyer hung (deadlock?)"
    return results
