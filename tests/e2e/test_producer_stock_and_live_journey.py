"""A producer updates a product's stock in the back office and the product page shows the new
availability; then schedules a live session, features the product, presses "Bắt đầu phát" on
the host console, and the public /live/ page lists the session as live."""
import datetime
import re
import uuid

import pytest

from shops.demo import DEMO_PRODUCER_EMAIL, DEMO_PRODUCER_PASSWORD, DEMO_PRODUCER_SLUG

pytestmark = pytest.mark.e2e

PRODUCT = "Miến dong Tài Hoan"
STREAM = "https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8"


def login(page, live_site):
    page.goto(live_site + "/accounts/login/")
    page.fill("#id_login-username", DEMO_PRODUCER_EMAIL)
    page.fill("#id_login-password", DEMO_PRODUCER_PASSWORD)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()


def update_stock(page, live_site, available):
    """Set the stock so that `available` units are free to sell; return the product page URL."""
    page.goto(live_site + f"/dashboard/producer/{DEMO_PRODUCER_SLUG}/")
    page.get_by_role("link", name="Sản phẩm, giá và tồn kho").click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/"))
    page.get_by_role("link", name=PRODUCT).first.click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/products/\d+/"))
    page.locator("a[href='#product_stock']").first.click()
    row = page.locator("#product_stock tbody tr").filter(has=page.locator("#id_stockrecords-0-num_in_stock"))
    # Units already ordered (by other journeys) stay allocated: the free stock is in stock − allocated.
    allocated_text = row.locator("td").nth(3).inner_text().strip()
    allocated = int(allocated_text) if allocated_text.isdigit() else 0
    page.fill("#id_stockrecords-0-num_in_stock", str(allocated + available))
    page.locator("button[name=action][value=save]").click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/"))
    assert page.locator(".alert-success").first.is_visible()


def test_producer_updates_stock_then_goes_live(live_site, page):
    available = 40 + page.viewport_size["width"] % 47  # differs between the phone and desktop runs
    login(page, live_site)
    update_stock(page, live_site, available)

    page.goto(live_site + f"/shops/{DEMO_PRODUCER_SLUG}/")
    page.get_by_role("link", name=re.compile(PRODUCT)).first.click()
    page.wait_for_url(re.compile(r"/catalogue/[\w-]+_\d+/$"))
    assert f"Còn hàng ({available} sản phẩm)" in page.locator(".product_main").inner_text()

    # Schedule a session for tomorrow evening and open the host console.
    title = f"Live thử: miến dong Côn Minh {uuid.uuid4().hex[:6]}"
    page.goto(live_site + "/live/")
    page.get_by_role("link", name="Lên lịch phiên live").click()
    page.wait_for_url(re.compile(r"/live/new/$"))
    start = (datetime.date.today() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT20:00")
    page.fill("#id_title", title)
    page.fill("#id_description", "Giới thiệu miến dong Tài Hoan, giá ưu đãi trong phiên.")
    page.fill("#id_scheduled_start", start)
    page.fill("#id_stream_url", STREAM)
    page.get_by_role("button", name="Lên lịch").click()
    page.wait_for_url(re.compile(r"/live/\d+/host/$"))
    host_url = page.url
    assert page.locator("#host-status").get_attribute("data-status") == "scheduled"

    option = page.locator("#id_product option", has_text=PRODUCT).first.get_attribute("value")
    page.select_option("#id_product", option)
    page.fill("#id_live_price", "85000")
    page.fill("#id_quantity_cap", "10")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.wait_for_url(host_url)
    assert page.locator(".live-host-products li", has_text=PRODUCT).is_visible()

    # "Bắt đầu phát" goes over the websocket; the console reloads with the live controls.
    page.get_by_role("button", name="Bắt đầu phát").click()
    page.locator("#host-status[data-status=live]").wait_for()
    assert page.get_by_role("button", name="Kết thúc phiên").is_visible()

    page.goto(live_site + "/live/")
    live_now = page.locator("section[aria-labelledby=live-now]")
    card = live_now.locator(".live-card", has_text=title)
    assert card.is_visible()
    assert card.get_by_text("Đang live").is_visible()
    assert "HTX Tài Hoan" in card.inner_text()
