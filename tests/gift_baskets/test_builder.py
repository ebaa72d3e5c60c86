"""The builder at /gift-baskets/: validation messages and the built line priced by fetch_for_line."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from tests.factories.checkout import guest_checkout_until_preview, place_order
from tests.factories.gift_baskets import CultureThemeFactory, PackagingOptionFactory, builder_product
from tests.factories import product_on_sale

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    builder_product()
    theme = CultureThemeFactory(code="tet-tay", name="Tết của người Tày", min_items=3, max_items=6)
    products = [product_on_sale(price=Decimal(100000 + 10000 * i), stock=5, title=f"Món Tết {i}") for i in range(5)]
    theme.products.add(*products)
    theme.items = products
    return theme


def _post(client, theme, items, box_size=3, **extra):
    data = {"theme": theme.code, "box_size": box_size, "items": [p.pk for p in items], **extra}
    return client.post(reverse("gift_baskets:index"), data)


def test_builder_page_offers_the_theme_range(client, theme):
    body = client.get(reverse("gift_baskets:index"), {"theme": "tet-tay"}).content.decode()
    assert 'name="items"' in body and "Món Tết 4" in body and "gift_baskets/builder.js" in body


def test_too_few_items(client, theme):
    response = _post(client, theme, theme.items[:2])
    assert response.status_code == 200
    assert "Còn thiếu sản phẩm: hộp 3 món, bạn mới chọn 2." in response.content.decode()


def test_too_many_items(client, theme):
    response = _post(client, theme, theme.items[:5], box_size=4)
    assert "Quá nhiều sản phẩm: hộp 4 món, bạn đã chọn 5. Hãy bỏ bớt 1 món." in response.content.decode()


def test_box_size_outside_theme_range(client, theme):
    response = _post(client, theme, theme.items[:2], box_size=2)
    assert "Cỡ hộp của chủ đề này từ 3 đến 6 món." in response.content.decode()


def test_item_outside_theme(client, theme):
    stranger = product_on_sale(title="Miến dong Na Rì")
    response = _post(client, theme, [*theme.items[:2], stranger])
    assert "“Miến dong Na Rì” không thuộc chủ đề “Tết của người Tày”." in response.content.decode()


def test_product_not_on_sale(client, theme):
    certificate = theme.items[0].ocop_certificates.get()
    certificate.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    certificate.save()
    response = _post(client, theme, theme.items[:3])
    assert "“Món Tết 0” đang tạm ngừng bán" in response.content.decode()
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_built_basket_is_one_line_priced_by_its_contents_and_ordered_as_a_bundle(client, theme, vietnam):
    PackagingOptionFactory(code="vai-cham", name="Khăn vải chàm", fee=Decimal("30000"))
    items = theme.items[:4]  # 100.000 + 110.000 + 120.000 + 130.000
    response = _post(client, theme, items, box_size=4, packaging="vai-cham", card_message="An khang thịnh vượng")
    assert response.status_code == 302 and response["Location"].endswith(reverse("basket:summary"))

    basket = Basket.objects.get(lines__isnull=False)
    basket.strategy = Selector().strategy()
    (line,) = basket.all_lines()
    assert line.quantity == 1
    assert line.unit_price_incl_tax == Decimal("490000")  # 460.000 of parts + 30.000 indigo cloth
    options = {a.option.code: a.value for a in line.attributes.all()}
    assert options["gift_card_message"] == "An khang thịnh vượng"
    summary = client.get(reverse("basket:summary")).content.decode()
    assert "Món Tết 0 ×1" in summary and "Món Tết 3 ×1" in summary and "An khang thịnh vượng" in summary

    guest_checkout_until_preview(client)
    assert place_order(client).status_code == 302
    order = Order.objects.get()
    assert order.lines.get().line_price_incl_tax == Decimal("490000")
    for product in items:
        assert StockRecord.objects.get(product=product).num_allocated == 1
    assert not StockRecord.objects.get(product=theme.items[4]).num_allocated
    assert order.lines.get().gift_supply_lines.count() == 4


def test_quote_answers_price_and_reasons(client, theme):
    url = reverse("gift_baskets:quote")
    ok = client.get(url, {"theme": "tet-tay", "box_size": 3, "items": [p.pk for p in theme.items[:3]]})
    assert ok.status_code == 200 and ok.json()["total"] == 330000 and ok.json()["available"] == 5
    bad = client.get(url, {"theme": "tet-tay", "box_size": 3, "items": [theme.items[0].pk]})
    assert bad.status_code == 200 and bad.json()["valid"] is False
    assert "Còn thiếu sản phẩm: hộp 3 món, bạn mới chọn 1." in bad.json()["errors"]
