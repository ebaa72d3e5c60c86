"""A product's analytics row exists from its creation, so a first view only updates a counter."""
import pytest
from oscar.core.loading import get_model

from tests.factories import product_on_sale

pytestmark = pytest.mark.django_db
ProductRecord = get_model("analytics", "ProductRecord")


def test_a_new_product_has_its_analytics_row_at_once():
    product = product_on_sale(title="Miến dong Tài Hoan")
    assert ProductRecord.objects.get(product=product).num_views == 0


def test_views_are_counted_on_that_row(client):
    product = product_on_sale(title="Mật ong rừng Ba Bể")
    for _ in range(2):
        assert client.get(product.get_absolute_url()).status_code == 200
    assert ProductRecord.objects.get(product=product).num_views == 2
    assert ProductRecord.objects.filter(product=product).count() == 1
