"""The shopper's order page and the order confirmation show a gift basket's components (title,
quantity, stars, producer), its packaging and the card message."""
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import OcopCertificateFactory, PartnerFactory, UserFactory
from tests.factories.checkout import guest_checkout_until_preview, place_order, producer_product
from tests.factories.gift_baskets import CultureThemeFactory, PackagingOptionFactory, builder_product, curated_basket

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _panel(html):
    assert 'class="order-gift-baskets' in html, "no gift-basket panel on the page"
    return html.split('class="order-gift-baskets')[1].split("</section>")[0]


@pytest.fixture
def curated_order(client, vietnam):
    rice = producer_product(PartnerFactory(name="HTX Nếp Khẩu Nua"), title="Gạo nếp Khẩu Nua Lếch", price=Decimal("90000"))
    tea = producer_product(PartnerFactory(name="HTX Trà Bằng Phúc"), title="Trà Shan tuyết", price=Decimal("150000"))
    OcopCertificateFactory(product=tea, stars=4)
    product = curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000"), partner=PartnerFactory(name="Điểm bán Ba Bể"))
    product.gift_basket.packaging_options.add(PackagingOptionFactory(code="tho-cam", name="Gói vải thổ cẩm"))
    client.post(
        reverse("gift_baskets:add", args=[product.gift_basket.pk]),
        {"packaging": "tho-cam", "card_message": "Chúc mừng năm mới <An khang>"},
    )
    guest_checkout_until_preview(client)
    response = place_order(client)
    assert response.status_code == 302
    return response["Location"]


def test_the_confirmation_shows_components_packaging_and_card_message(client, curated_order):
    panel = _panel(client.get(curated_order).content.decode())
    assert "Giỏ quà Tết Tày" in panel
    assert "Gạo nếp Khẩu Nua Lếch × 2" in panel and "HTX Nếp Khẩu Nua" in panel
    assert "Trà Shan tuyết × 1" in panel and "HTX Trà Bằng Phúc" in panel
    assert 'aria-label="3 sao OCOP">★★★<' in panel and 'aria-label="4 sao OCOP">★★★★<' in panel
    assert "Gói vải thổ cẩm" in panel
    assert "Chúc mừng năm mới &lt;An khang&gt;" in panel  # escaped, never raw HTML


def test_the_customer_order_page_shows_them_too(client, curated_order):
    order = Order.objects.get()
    owner = UserFactory(username="hoa")
    order.user = owner
    order.save()
    client.force_login(owner)
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 200
    panel = _panel(response.content.decode())
    assert "Gạo nếp Khẩu Nua Lếch × 2" in panel and "Trà Shan tuyết × 1" in panel
    assert "HTX Trà Bằng Phúc" in panel and "★★★★" in panel
    assert "Gói vải thổ cẩm" in panel and "Chúc mừng năm mới" in panel


def test_a_built_basket_on_the_confirmation(client, vietnam):
    builder_product()
    theme = CultureThemeFactory(code="then", name="Hát Then, đàn tính")
    items = [
        producer_product(PartnerFactory(name=f"HTX Then {i}"), title=f"Đặc sản Then {i}", price=Decimal("100000"))
        for i in range(3)
    ]
    theme.products.add(*items)
    response = client.post(
        reverse("gift_baskets:index"),
        {"theme": "then", "box_size": 3, "items": [p.pk for p in items], "card_message": "Mừng thọ bà"},
    )
    assert response.status_code == 302
    guest_checkout_until_preview(client)
    panel = _panel(client.get(place_order(client)["Location"]).content.decode())
    for i in range(3):
        assert f"Đặc sản Then {i} × 1" in panel and f"HTX Then {i}" in panel
    assert "Hát Then, đàn tính" in panel and "Hộp giấy thường" in panel and "Mừng thọ bà" in panel


def test_an_order_without_gift_baskets_has_no_panel(client, vietnam):
    from tests.factories.checkout import guest_order

    guest_order(client, [producer_product(title="Miến dong Tài Hoan")])
    order = Order.objects.get()
    owner = UserFactory(username="nam")
    order.user = owner
    order.save()
    client.force_login(owner)
    body = client.get(reverse("customer:order", kwargs={"order_number": order.number})).content.decode()
    assert "Miến dong Tài Hoan" in body and "order-gift-baskets" not in body
