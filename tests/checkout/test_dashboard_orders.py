"""The order dashboard never shows a producer another producer's lines; staff roles come
from permissions, not from is_staff."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PartnerFactory
from tests.factories.checkout import guest_order, producer_product, producer_user, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_order(client, vietnam):
    honey_maker = PartnerFactory(name="HTX Mật ong Ba Bể")
    tea_maker = PartnerFactory(name="HTX Chè Shan Phja Đăm")
    honey = producer_product(honey_maker, title="Mật ong bạc hà Ba Bể")
    tea = producer_product(tea_maker, title="Chè Shan tuyết Phja Đăm")
    order = guest_order(client, [honey, tea])
    return order, honey_maker, tea_maker


def logged_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_producer_sees_only_its_own_line_and_parcel(shared_order):
    order, honey_maker, _tea_maker = shared_order
    browser = logged_in(producer_user(honey_maker))

    listing = browser.get(reverse("dashboard:order-list"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert order.number in page
    assert "150.000\xa0₫" in page  # 120.000 honey + 30.000 parcel fee, not the 300.000 order total
    assert "300.000\xa0₫" not in page

    detail = browser.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "Mật ong bạc hà Ba Bể" in detail
    assert "Chè Shan tuyết Phja Đăm" not in detail
    assert "HTX Chè Shan Phja Đăm" not in detail
    assert "300.000\xa0₫" not in detail

    other_line = order.lines.get(partner__name="HTX Chè Shan Phja Đăm")
    url = reverse("dashboard:order-line-detail", kwargs={"number": order.number, "line_id": other_line.pk})
    assert browser.get(url).status_code == 404
    assert browser.get(reverse("dashboard:order-stats")).status_code == 403


def test_producer_cannot_touch_another_producers_parcel(shared_order):
    order, honey_maker, tea_maker = shared_order
    browser = logged_in(producer_user(honey_maker))
    theirs = order.parcels.get(partner=tea_maker)
    url = reverse("dashboard:order-parcel-status", kwargs={"number": order.number, "parcel_id": theirs.pk})
    assert browser.post(url, {"status": "confirmed"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "pending"
    # Order-wide actions are staff work.
    response = browser.post(
        reverse("dashboard:order-detail", kwargs={"number": order.number}),
        {"order_action": "change_order_status", "new_status": "cancelled"},
    )
    assert response.status_code == 403


def test_producer_moves_its_parcel_and_cod_is_collected_on_delivery(shared_order):
    order, honey_maker, tea_maker = shared_order
    honey_browser = logged_in(producer_user(honey_maker))
    tea_browser = logged_in(producer_user(tea_maker))
    for browser, maker in ((honey_browser, honey_maker), (tea_browser, tea_maker)):
        parcel = order.parcels.get(partner=maker)
        url = reverse("dashboard:order-parcel-status", kwargs={"number": order.number, "parcel_id": parcel.pk})
        for status in ("confirmed", "shipped", "delivered"):
            browser.post(url, {"status": status, "tracking_code": "GHN123"})
        parcel.refresh_from_db()
        assert parcel.status == "delivered" and parcel.tracking_code == "GHN123"
    order.refresh_from_db()
    order.payment.refresh_from_db()
    assert order.payment.status == "paid"
    assert order.status == "completed" and order.get_status_display() == "Hoàn tất"
    record = order.lines.get(partner=honey_maker).stockrecord
    record.refresh_from_db()
    assert record.num_in_stock == 19 and record.num_allocated == 0


def test_skipping_a_parcel_step_is_refused_with_a_message(shared_order):
    order, honey_maker, _ = shared_order
    browser = logged_in(producer_user(honey_maker))
    parcel = order.parcels.get(partner=honey_maker)
    url = reverse("dashboard:order-parcel-status", kwargs={"number": order.number, "parcel_id": parcel.pk})
    page = browser.post(url, {"status": "delivered"}, follow=True).content.decode()
    assert "Không thể chuyển kiện hàng" in page
    parcel.refresh_from_db()
    assert parcel.status == "pending"


def test_staff_role_comes_from_permissions_not_is_staff(shared_order):
    order, _honey, _tea = shared_order
    bare_staff = logged_in(staff_user())
    assert bare_staff.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).status_code in (403, 404)

    order_staff = logged_in(staff_user("order.view_order"))
    detail = order_staff.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "Mật ong bạc hà Ba Bể" in detail and "Chè Shan tuyết Phja Đăm" in detail
