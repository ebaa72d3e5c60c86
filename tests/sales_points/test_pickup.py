"""Click & collect methods for the checkout: only approved pick-up points holding every product."""
import pytest
from oscar.core.loading import get_class, get_model

from sales_points.shipping import PickupAtPoint, pickup_methods, point_for_code
from tests.factories import product_on_sale
from tests.factories.sales_points import ApprovedSalesPointFactory, ListingFactory, open_every_day

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


def basket_with(*products):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product)
    return basket


def test_pickup_methods_for_a_basket():
    product = product_on_sale()
    point = ApprovedSalesPointFactory(pickup_enabled=True, name="Điểm Ba Bể")
    open_every_day(point)
    ListingFactory(point=point, product=product)
    ListingFactory(point=ApprovedSalesPointFactory(pickup_enabled=False), product=product)
    methods = pickup_methods(basket_with(product))
    assert [m.code for m in methods] == [f"sales-point-pickup-{point.pk}"]
    method = methods[0]
    assert method.name == "Lấy tại điểm bán: Điểm Ba Bể"
    assert "07:30–17:30" in method.description
    assert method.calculate(basket_with(product)).incl_tax == 0
    assert point_for_code(method.code) == point
    assert point_for_code("free-shipping") is None
    # a product the point does not hold removes the option
    assert pickup_methods(basket_with(product, product_on_sale())) == []


def test_pickup_method_is_an_oscar_method():
    assert isinstance(PickupAtPoint(ApprovedSalesPointFactory()), get_class("shipping.methods", "Free"))
