"""Click & collect on a phone: a shopper reserves a product at a recognised sales point (its own
stock and price, no shipping fee, pay at the counter) and gets a pickup code with a QR; the point's
staff see the reservation, mark it ready, then collected by typing the code; a reused code is refused."""
import re

import pytest

from marketplace.demo_steps import DEMO_ADMIN_PASSWORD
from sales_points.demo import DEMO_MANAGER_EMAIL
from tests.e2e.checkout_steps import fill_shipping_address, place_cod_order, start_guest_checkout
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

POINT = "Điểm bán sản phẩm OCOP trung tâm TP Bắc Kạn (mẫu)"
POINT_SLUG = "mau-diem-ocop-trung-tam-bac-kan"


def test_shopper_reserves_for_pickup_and_staff_hand_it_over(live_site, browser):
    shopper_context = browser.new_context(viewport=PHONE, locale="vi-VN")
    shopper = shopper_context.new_page()
    shopper.set_default_timeout(15000)

    # A product the point has in stock, from the point's own page.
    shopper.goto(f"{live_site}/sales-points/{POINT_SLUG}/")
    listing = shopper.locator(".sp-stock li", has=shopper.locator(".sp-pickup-badge")).first
    product = listing.locator("a").first.inner_text().strip()
    listing.locator("a").first.click()
    shopper.locator("#add_to_basket_form button[type=submit]").click()
    shopper.wait_for_load_state()

    start_guest_checkout(shopper, live_site, "khach.nhantaidiem@example.vn")
    fill_shipping_address(shopper, name="Nông Văn Dũng", phone="0911222333", street="Số 3, tổ 1")
    shopper.get_by_role("link", name="Nhận tại điểm bán (không mất phí giao)?").click()
    shopper.wait_for_url(re.compile(r"/sales-points/collect/"))
    option = shopper.locator(".sp-collect-option", has_text=POINT)
    assert "Giờ mở cửa" in option.inner_text() and product in option.inner_text()
    option.locator("input[type=radio]").check()
    shopper.get_by_role("button", name="Xác nhận cách nhận hàng").click()
    shopper.wait_for_url(re.compile(r"/checkout/payment-method/"))
    quote = shopper.locator(".parcel-quote", has_text=product)
    assert f"Nhận tại điểm bán: {POINT}" in quote.inner_text()

    number = place_cod_order(shopper)
    pickup = shopper.locator(".sp-order-pickup")
    assert POINT in pickup.inner_text()
    code = pickup.locator(".sp-pickup-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{10}", code)
    assert pickup.locator(".sp-pickup-qr svg").count() == 1

    # The point's staff: the reservation is listed; ready, then collected by typing the code.
    staff_context = browser.new_context(viewport=PHONE, locale="vi-VN")
    staff = staff_context.new_page()
    staff.set_default_timeout(15000)
    staff.goto(live_site + "/accounts/login/")
    staff.fill("#id_login-username", DEMO_MANAGER_EMAIL)
    staff.fill("#id_login-password", DEMO_ADMIN_PASSWORD)
    staff.locator("button[name=login_submit]").click()
    staff.wait_for_load_state()
    staff.goto(live_site + "/sales-points/mine/")
    staff.locator(".card", has_text=POINT).get_by_role("link", name="Đơn nhận tại điểm").click()
    staff.wait_for_url(re.compile(r"/pickups/$"))
    card = staff.locator(f".sp-pickup[data-order='{number}']")
    assert product in card.inner_text()
    card.get_by_role("button", name="Đã sẵn sàng").click()
    staff.wait_for_selector(f".sp-pickup[data-order='{number}'][data-status='ready']")
    assert staff.get_by_text("đã sẵn sàng; khách đã được báo").is_visible()

    staff.fill("#sp-collect-code", code.lower())
    staff.get_by_role("button", name="Xác nhận đã nhận").click()
    staff.wait_for_load_state()
    assert staff.get_by_text(f"Đã giao đơn {number} cho khách").is_visible()
    assert staff.locator(f".sp-pickup[data-order='{number}']").count() == 0

    staff.fill("#sp-collect-code", code)
    staff.get_by_role("button", name="Xác nhận đã nhận").click()
    staff.wait_for_load_state()
    assert staff.get_by_text("Mã đã được dùng").is_visible()

    # The shopper's code page now says collected.
    shopper.goto(f"{live_site}/sales-points/pickup/{code}/")
    assert shopper.locator(".sp-order-pickup[data-pickup-status='collected']").count() == 1
    staff_context.close()
    shopper_context.close()
