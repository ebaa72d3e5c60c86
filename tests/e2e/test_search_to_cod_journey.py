"""A shopper types a product's name without accents into the site's search box, picks it
from the suggestions, reads its OCOP certificate, and buys it as a guest paying cash on delivery."""
import re

import pytest

from tests.e2e.checkout_steps import fill_shipping_address, place_cod_order, start_guest_checkout

pytestmark = pytest.mark.e2e

QUERY = "mien dong tai hoan"
PRODUCT = "Miến dong Tài Hoan"


def search_from_header(page, live_site, text):
    page.goto(live_site + "/")
    box = page.locator("#site-search-q")  # the header's field, visible on a phone too
    box.wait_for(state="visible")
    box.fill(text)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def test_shopper_finds_by_typing_without_accents_and_buys_with_cod(live_site, page):
    search_from_header(page, live_site, QUERY)
    assert page.get_by_text(f"«{QUERY}»").first.is_visible()
    assert page.get_by_role("link", name=PRODUCT).first.is_visible()

    # The header's field suggests as the shopper types (still without accents), on every page.
    box = page.locator("#site-search-q")
    assert box.input_value() == QUERY
    box.fill("")
    box.press_sequentially("mien dong tai", delay=60)
    suggestion = page.locator("#site-search-q-suggestions [role=option]", has_text=PRODUCT).first
    suggestion.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
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

    start_guest_checkout(page, live_site, f"khach.timkiem{page.viewport_size['width']}@example.vn")
    fill_shipping_address(page, name="Lường Thị Mai", phone="0987654321", street="Số 12, tổ 3")
    place_cod_order(page)
    assert page.locator(".order-parcels .parcel").count() == 1
    assert page.locator(".order-parcels").get_by_text(PRODUCT).first.is_visible()
    payment = page.locator(".order-payment")
    assert "(COD)" in payment.inner_text()
    assert "bằng tiền mặt khi nhận hàng" in payment.inner_text()
