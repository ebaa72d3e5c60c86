"""A producer's dashboard index sums only its own lines of a multi-producer order."""
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PartnerFactory
from tests.factories.checkout import guest_order, producer_product, producer_user

pytestmark = pytest.mark.django_db


def test_producer_sees_its_own_revenue_not_the_whole_order(vietnam):
    tea_maker, honey_maker = PartnerFactory(name="HTX Trà"), PartnerFactory(name="HTX Mật ong")
    tea = producer_product(tea_maker, price=Decimal("120000"), title="Trà Shan tuyết")
    honey = producer_product(honey_maker, price=Decimal("280000"), title="Mật ong rừng")
    order = guest_order(Client(), [tea, honey])
    assert order.lines.count() == 2

    producer = Client()
    producer.force_login(producer_user(tea_maker))
    response = producer.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert response.context["total_revenue"] == Decimal("120000")
    assert response.context["total_revenue_last_day"] == Decimal("120000")
    html = response.content.decode()
    assert "120.000\u00a0₫" in html
    assert "400.000" not in html  # the whole order's goods total
