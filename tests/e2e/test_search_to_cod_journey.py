"""A shopper types a product's name without accents into the site's search box, picks it
from the suggestions, reads its OCOP certificate, and buys it as a guest paying cash on delivery."""
import re

import pytest

pytestmark = pytest.mark.e2e

QUERY = "mien dong tai hoan"
PRODUCT = "Miến dong Tài Hoan"


def search_from_header(page, live_site, text):
    page.goto(live_site + "/")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # phone: the search box sits in the collapsed menu
        toggler.click()
    box = page.locator("form[role=search] input[name=q], nav input[name=q]").first
    box.wait_for(state="visible")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def test_shopper_finds_by_typing_without_accents_and_buys_with_cod(live_site, page):
    search_from_header(page, live_site, QUERY)
    assert page.get_by_text(f"«{QUERY}»").first.is_visible()
    assert page.get_by_role("link", name=PRODUCT).first.is_visible()

    # The page's own box suggests as the shopper types (still without accents).
    box = page.locator("#search-page-q")
    box.fill("")
    box.press_sequentially("mien dong tai", delay=60)
    suggestion = page.locator("#search-page-q-suggestions [role=option]", has_text=PRODUCT).first
    suggestion.wait_for()
    suggestion.locator("a").click()
    page.wait_for_url(re.compile(r"/catalogue/[\w-]+_\d+/$"))
    assert PRODUCT in page.locator("h1").first.inner_text()

    # The certificate panel: stars, decision number, valid-until date.
    panel = page.locator("#ocop-certificate")
    panel.scroll_into_view_if_needed()
    assert panel.get_by_role("heading", name="Chứng nhận OCOP").is_visible()
    assert panel.get_by_role("img", name=re.compile(r"[3-5] sao OCOP")).first.is_visible()
    decision = panel.locator("dt", has_text="Quyết định").locator("xpath=following-sibling::dd[1]")
    assert re.search(r"Số \S+/QĐ-\S+ ngày \d{2}/\d{2}/\d{4}", decision.inner_text()), decision.inner_text()
    assert panel.get_by_text("Hiệu lực đến").is_visible()
    valid_until = panel.locator("dt", has_text="Hiệu lực đến").locator("xpath=following-sibling::dd[1]")
    assert valid_until.is_visible()
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", valid_until.inner_text().strip())

    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(live_site + "/basket/")
    assert page.get_by_text(PRODUCT).first.is_visible()

    page.goto(live_site + "/checkout/")
    page.get_by_label("Địa chỉ email").fill(f"khach.timkiem{page.viewport_size['width']}@example.vn")
    page.locator("form").filter(has=page.get_by_label("Địa chỉ email")).locator("button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/checkout/shipping-address/"))
    page.get_by_label("Họ và tên người nhận").fill("Lường Thị Mai")
    page.get_by_label("Số điện thoại").fill("0987654321")
    page.get_by_label("Tỉnh/Thành phố").select_option(label="Thái Nguyên")
    page.get_by_label("Xã/Phường").fill("Phường Đức Xuân")
    page.get_by_label("Số nhà, đường, thôn/tổ").fill("Số 12, tổ 3")
    page.locator("#new_shipping_address button[type=submit]").click()

    page.wait_for_url(re.compile(r"/checkout/payment-method/"))
    assert page.get_by_label("Thanh toán khi nhận hàng (COD)").is_checked()
    page.get_by_role("button", name="Tiếp tục: xem lại đơn hàng").click()

    page.wait_for_url(re.compile(r"/checkout/preview/"))
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    assert re.search(r"\d{6}", page.locator("h1").first.inner_text())
    assert page.locator(".order-parcels .parcel").count() == 1
    assert page.locator(".order-parcels").get_by_text(PRODUCT).first.is_visible()
    payment = page.locator(".order-payment")
    assert "(COD)" in payment.inner_text()
    assert "bằng tiền mặt khi nhận hàng" in payment.inner_text()
