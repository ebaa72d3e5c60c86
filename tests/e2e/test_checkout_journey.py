"""A guest buys two products from two producers with COD, sees two parcels on the
confirmation, and each producer sees only its own line in the order dashboard."""
import re

import pytest

from tests.e2e.checkout_steps import fill_shipping_address, place_cod_order, start_guest_checkout

pytestmark = pytest.mark.e2e

SHOPS = {
    "htx-ruou-men-la-bang-phuc": ("Rượu men lá Bằng Phúc", "bangphuc@demo.ocopbackan.vn"),
    "htx-tai-hoan": ("Miến dong Tài Hoan", "taihoan@demo.ocopbackan.vn"),
}


def add_from_storefront(page, live_site, slug, title):
    page.goto(f"{live_site}/shops/{slug}/")
    page.get_by_role("link", name=re.compile(title)).first.click()
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()


def test_guest_cod_two_producers_two_parcels(live_site, page):
    for slug, (title, _email) in SHOPS.items():
        add_from_storefront(page, live_site, slug, title)

    start_guest_checkout(page, live_site, "khach.e2e@example.vn")
    fill_shipping_address(page, name="Hoàng Văn Nam")
    parcels = page.locator(".parcel-quote")
    assert parcels.count() == 2
    assert page.get_by_text("Phí giao hàng").first.is_visible()
    number = place_cod_order(page)
    assert page.locator(".order-parcels .parcel").count() == 2
    for slug, (title, _email) in SHOPS.items():
        assert page.locator(".order-parcels").get_by_text(re.compile(title)).first.is_visible()

    for slug, (title, email) in SHOPS.items():
        other_title = next(t for s, (t, _e) in SHOPS.items() if s != slug)
        context = page.context.browser.new_context(viewport=page.viewport_size, locale="vi-VN")
        producer = context.new_page()
        producer.goto(live_site + "/accounts/login/")
        producer.locator("#id_login-username").fill(email)
        producer.locator("#id_login-password").fill("ocop-demo-2026")
        producer.locator("button[name=login_submit]").click()
        producer.goto(f"{live_site}/dashboard/orders/{number}/")
        lines = producer.locator(".producer-lines .order-line")
        assert lines.count() == 1
        assert title in lines.first.inner_text()
        assert other_title not in producer.content()
        context.close()
