"""The OCOP gate at its boundaries: listings, product page, basket add, basket and checkout."""
import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from ocop import services
from tests.factories import category
from tests.factories.catalogue import certification_officer, certified_product

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 10)


@pytest.fixture
def frozen_today(monkeypatch):
    """Noon in Bắc Kạn on TODAY."""
    moment = datetime.datetime(2026, 1, 10, 12, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def ending_on(day, **kwargs):
    return certified_product(decision_date=day - datetime.timedelta(days=400), valid_until=day, **kwargs)


def add_to_basket(client, product, quantity=1):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, follow=True)


def test_certificate_ending_today_is_still_on_sale(client, frozen_today):
    product = ending_on(TODAY, title="Miến dong hết hạn hôm nay")
    listing = client.get(reverse("catalogue:index")).content.decode()
    assert "Miến dong hết hạn hôm nay" in listing
    page = client.get(product.get_absolute_url()).content.decode()
    assert reverse("basket:add", kwargs={"pk": product.pk}) in page
    assert "Tạm ngừng bán" not in page
    response = add_to_basket(client, product)
    assert response.context["request"].basket.num_items == 1


def test_certificate_ended_yesterday_stops_sale_everywhere(client, frozen_today):
    product = ending_on(TODAY - datetime.timedelta(days=1), title="Gạo nếp hết hạn hôm qua")
    listing = client.get(reverse("catalogue:index")).content.decode()
    assert "Gạo nếp hết hạn hôm qua" not in listing
    group = product.categories.first()
    assert "Gạo nếp hết hạn hôm qua" not in client.get(group.get_absolute_url()).content.decode()

    response = client.get(product.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tạm ngừng bán" in page and "chứng nhận OCOP đã hết hạn" in page
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in page
    assert "09/01/2026" in page  # the date it ran out

    response = add_to_basket(client, product)
    html = response.content.decode()
    assert "tạm ngừng bán vì chứng nhận OCOP đã hết hiệu lực hoặc bị thu hồi" in html
    assert response.context["request"].basket.num_items == 0


def test_the_day_changes_at_midnight_in_vietnam_not_utc(client, monkeypatch):
    product = ending_on(TODAY, title="Trà hết hạn nửa đêm")
    # 23:30 on the 10th in Bắc Kạn (16:30 UTC): still on sale.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 1, 10, 16, 30, tzinfo=datetime.UTC))
    assert product.is_on_sale()
    assert "Trà hết hạn nửa đêm" in client.get(reverse("catalogue:index")).content.decode()
    # 00:30 on the 11th in Bắc Kạn (still the 10th in UTC): off sale.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 1, 10, 17, 30, tzinfo=datetime.UTC))
    assert not product.is_on_sale()
    assert "Trà hết hạn nửa đêm" not in client.get(reverse("catalogue:index")).content.decode()


def test_revoked_a_second_ago_is_refused(client):
    product = certified_product(title="Rượu men lá bị thu hồi")
    certificate = product.ocop_certificates.get()
    assert add_to_basket(client, product).context["request"].basket.num_items == 1
    services.certificate_revoke(certificate=certificate, reason="Vi phạm an toàn thực phẩm", by=None)

    page = client.get(product.get_absolute_url()).content.decode()
    assert "chứng nhận OCOP đã bị thu hồi" in page
    assert "Vi phạm an toàn thực phẩm" in page
    response = add_to_basket(client, product)
    assert "tạm ngừng bán" in response.content.decode()
    assert response.context["request"].basket.num_items == 1  # the earlier line only
    assert product not in client.get(reverse("catalogue:index")).context["products"]  # (the mini-basket still shows it)


def test_two_star_certificate_never_certifies(client):
    product = certified_product(stars=2, title="Sản phẩm hai sao")
    assert not product.is_on_sale()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "chưa đạt 3 sao OCOP" in page


def test_basket_line_goes_unavailable_and_checkout_refuses_until_removed(client, vietnam):
    keep = certified_product(title="Mật ong Thanh Thịnh")
    lose = certified_product(title="Bánh trời")
    add_to_basket(client, keep, 2)
    add_to_basket(client, lose, 1)
    services.certificate_revoke(certificate=lose.ocop_certificates.get(), reason="Sai quy trình", by=None)

    basket_page = client.get(reverse("basket:summary"))
    html = basket_page.content.decode()
    assert "Mật ong Thanh Thịnh" in html and "Bánh trời" in html  # nothing else lost
    assert "Tạm ngừng bán" in html

    response = client.get(reverse("checkout:index"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("basket:summary")
    assert "Bánh trời" in response.content.decode()
    assert "tạm ngừng bán" in response.content.decode().lower()

    basket = basket_page.context["request"].basket
    basket.lines.filter(product=lose).delete()
    response = client.get(reverse("checkout:index"), follow=True)
    assert response.status_code == 200
    assert reverse("basket:summary") not in [url for url, _status in response.redirect_chain]
    assert basket.lines.get().product == keep and basket.lines.get().quantity == 2


def test_certified_product_out_of_stock_stays_listed_but_cannot_be_bought(client):
    product = certified_product(title="Hạt dẻ hết hàng", stock=0)
    assert product.is_on_sale()
    listing = client.get(reverse("catalogue:index"))
    assert product in listing.context["products"]
    assert "Hết hàng" in listing.content.decode()
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Hết hàng" in page
    assert "Tạm ngừng bán" not in page
    assert reverse("basket:add", kwargs={"pk": product.pk}) not in page
    assert reverse("customer:alert-create", kwargs={"pk": product.pk}) in page  # Oscar's stock alert
    assert add_to_basket(client, product).context["request"].basket.num_items == 0


def test_renewal_puts_an_expired_product_back_on_sale(client):
    officer = certification_officer()
    product = ending_on(timezone.localdate() - datetime.timedelta(days=3), title="Miến dong tái đánh giá")
    assert not product.is_on_sale()
    services.certificate_renew(
        previous=product.ocop_certificates.get(),
        stars=4,
        decision_number="15/QĐ-UBND",
        decision_date=timezone.localdate(),
        by=officer,
    )
    assert product.is_on_sale()
    assert "Miến dong tái đánh giá" in client.get(reverse("catalogue:index")).content.decode()


def test_category_page_lists_only_products_on_sale_in_subgroups():
    # covered in test_listing.py with query counts; here the sub-group rollup
    drinks = category("Đồ uống > Đồ uống có cồn")
    on = certified_product(title="Rượu mơ Asuka", categories=[drinks])
    off = ending_on(timezone.localdate() - datetime.timedelta(days=1), title="Rượu chuối hết hạn", categories=[drinks])
    from django.test import Client

    top = drinks.get_parent()
    html = Client().get(top.get_absolute_url()).content.decode()
    assert on.title in html and off.title not in html
