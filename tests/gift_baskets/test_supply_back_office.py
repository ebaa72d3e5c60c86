"""Each component's producer sees, in its back office, the supply lines it must deliver for
ordered gift baskets: only its own components, quantity = component quantity × baskets ordered."""
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from gift_baskets.models import SupplyLine
from tests.factories import PartnerFactory
from tests.factories.checkout import guest_checkout_until_preview, place_order, producer_product
from tests.factories.gift_baskets import PackagingOptionFactory, curated_basket
from tests.factories.shops import ProducerProfileFactory, producer_user

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def ordered_basket(client, vietnam):
    """A guest orders two curated baskets (2 rice + 1 tea each) wrapped in brocade."""
    rice_profile = ProducerProfileFactory(partner=PartnerFactory(name="HTX Nếp Khẩu Nua"), slug="htx-nep")
    tea_profile = ProducerProfileFactory(partner=PartnerFactory(name="HTX Trà Bằng Phúc"), slug="htx-tra")
    rice = producer_product(rice_profile.partner, title="Gạo nếp Khẩu Nua Lếch", price=Decimal("90000"))
    tea = producer_product(tea_profile.partner, title="Trà Shan tuyết", price=Decimal("150000"))
    product = curated_basket([(rice, 2), (tea, 1)], price=Decimal("300000"), partner=PartnerFactory(name="Điểm bán Ba Bể"))
    product.gift_basket.packaging_options.add(PackagingOptionFactory(code="tho-cam", name="Gói vải thổ cẩm"))
    client.post(reverse("gift_baskets:add", args=[product.gift_basket.pk]), {"packaging": "tho-cam"})
    Basket.objects.get().lines.update(quantity=2)
    guest_checkout_until_preview(client)
    assert place_order(client).status_code == 302
    return {"order": Order.objects.get(), "rice": rice_profile, "tea": tea_profile}


def supply_page(client, profile, user, **params):
    client.force_login(user)
    return client.get(reverse("shops:producer-gift-supply", kwargs={"slug": profile.slug}), params)


def test_a_component_producer_sees_what_to_supply_for_each_order(client, ordered_basket):
    rice = ordered_basket["rice"]
    response = supply_page(client, rice, producer_user(rice.partner, username="nep"))
    assert response.status_code == 200
    body = response.content.decode()
    order = ordered_basket["order"]
    row = body.split('data-order="%s"' % order.number)[1].split("</tr>")[0]
    assert "Gạo nếp Khẩu Nua Lếch" in row
    assert '<td class="text-right">4</td>' in row  # 2 per basket × 2 baskets
    assert "Giỏ quà Tết Tày" in row and "Gói vải thổ cẩm" in row and "Chờ xác nhận" in row
    assert timezone.localtime(order.date_placed).strftime("%d/%m/%Y") in row
    assert "Trà Shan tuyết" not in body  # the other producer's component


def test_the_producer_of_another_component_sees_only_its_component(client, ordered_basket):
    tea = ordered_basket["tea"]
    body = supply_page(client, tea, producer_user(tea.partner, username="tra")).content.decode()
    assert body.count('class="supply-line"') == 1
    assert "Trà Shan tuyết" in body and '<td class="text-right">2</td>' in body
    assert "Gạo nếp Khẩu Nua Lếch" not in body


def test_another_producer_never_sees_them(client, ordered_basket):
    other = ProducerProfileFactory(partner=PartnerFactory(name="HTX Miến Côn Minh"), slug="htx-mien")
    user = producer_user(other.partner, username="mien")
    body = supply_page(client, other, user).content.decode()
    assert "Chưa có giỏ quà nào cần sản phẩm của bạn." in body
    assert ordered_basket["order"].number not in body and "Gạo nếp" not in body
    # nor through the rice producer's own page
    assert supply_page(client, ordered_basket["rice"], user).status_code == 404


def test_a_shopper_or_visitor_is_turned_away(client, ordered_basket):
    url = reverse("shops:producer-gift-supply", kwargs={"slug": ordered_basket["rice"].slug})
    assert "login" in client.get(url)["Location"]
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="khach"))
    assert client.get(url).status_code == 404


def test_the_list_is_paginated_and_linked_from_the_back_office_nav(client, ordered_basket):
    rice = ordered_basket["rice"]
    first = SupplyLine.objects.filter(partner=rice.partner).get()
    SupplyLine.objects.bulk_create(
        [SupplyLine(order_line=first.order_line, product=first.product, partner=first.partner,
                    stockrecord=first.stockrecord, quantity=1) for _ in range(29)]
    )
    user = producer_user(rice.partner, username="nep")
    page_one = supply_page(client, rice, user).content.decode()
    assert page_one.count('class="supply-line"') == 25 and "Trang 1/2" in page_one
    assert supply_page(client, rice, user, page=2).content.decode().count('class="supply-line"') == 5
    overview = client.get(reverse("shops:producer-overview", kwargs={"slug": rice.slug})).content.decode()
    assert reverse("shops:producer-gift-supply", kwargs={"slug": rice.slug}) in overview
    assert "Cung ứng giỏ quà" in overview


def test_the_url_is_classified_private_in_the_url_walk():
    from tests.security.test_url_permissions import PUBLIC, SELF_SERVICE, id_urls

    walked = {param.values[0] for param in id_urls()}
    assert "shops:producer-gift-supply" in walked
    assert "shops:producer-gift-supply" not in PUBLIC | SELF_SERVICE
