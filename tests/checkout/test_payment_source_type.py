"""The payment source type is found by its unique code: two "COD" rows with the same name (what two
first orders at once left behind when it was looked up by name, found by benchmarks/load.py) no
longer break every later order."""
import pytest
from django.test import Client
from oscar.core.loading import get_model

from marketplace.payments.models import Method
from tests.factories.checkout import add_to_basket, guest_checkout_until_preview, place_order, producer_product

Order = get_model("order", "Order")
SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db


def test_cod_order_is_placed_despite_two_source_types_of_the_same_name(vietnam):
    label = dict(Method.choices)[Method.COD]
    SourceType.objects.create(name=label)
    SourceType.objects.create(name=label)
    product = producer_product(title="Miến dong Tài Hoan")
    for email in ("mot@example.vn", "hai@example.vn"):
        client = Client()
        add_to_basket(client, product, 1)
        guest_checkout_until_preview(client, email=email)
        response = place_order(client)
        assert response.status_code == 302 and response["Location"].endswith("/checkout/thank-you/")
    assert Order.objects.count() == 2
    assert SourceType.objects.filter(code="ocop-cod").count() == 1
