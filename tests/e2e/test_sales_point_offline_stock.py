"""A sales point's staff member loses the connection on the stock page (Playwright offline mode):
edits two lines, reloads the page offline (served by the service worker), comes back online, and
the server has both edits exactly once; a colleague's online change to one of the lines made
meanwhile is kept (the offline edit is applied as a change relative to what was seen)."""
import re

import pytest

from marketplace.demo_steps import DEMO_ADMIN_PASSWORD
from sales_points.demo import DEMO_MANAGER_EMAIL
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e

POINT = "Điểm giới thiệu sản phẩm OCOP Hồ Ba Bể (mẫu)"


def staff_page(browser, live_site):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_site + "/accounts/login/")
    page.fill("#id_login-username", DEMO_MANAGER_EMAIL)
    page.fill("#id_login-password", DEMO_ADMIN_PASSWORD)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()
    page.goto(live_site + "/sales-points/mine/")
    page.locator(".card", has_text=POINT).get_by_role("link", name="Cập nhật hàng").click()
    page.wait_for_url(re.compile(r"/sales-points/[\w-]+/stock/$"))
    return context, page


def quantity_box(page, product):
    return page.locator(f"form[data-product='{product}'] input[name$='-quantity']")


def save(page, product, quantity):
    form = page.locator(f"form[data-product='{product}']")
    form.locator("input[name$='-quantity']").fill(str(quantity))
    form.get_by_role("button", name="Lưu").click()


def test_stock_edits_made_offline_reach_the_server_once_and_keep_an_online_change(live_site, browser):
    context, page = staff_page(browser, live_site)
    page.wait_for_selector("[data-stock-offline][data-offline-ready='1']")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    stock_url = page.url

    # Two lines with enough stock to sell from.
    lines = page.locator("form[data-stock-line]")
    chosen = []
    for index in range(lines.count()):
        product = lines.nth(index).get_attribute("data-product")
        value = quantity_box(page, product).input_value()
        if value and int(value) >= 3:
            chosen.append((product, int(value)))
        if len(chosen) == 2:
            break
    assert len(chosen) == 2
    (first, first_qty), (second, second_qty) = chosen

    context.set_offline(True)
    page.wait_for_selector(".sp-sync-network:not([hidden])")
    save(page, first, first_qty - 2)  # two sold at the counter
    save(page, second, second_qty + 5)  # five delivered
    page.wait_for_selector(".sp-sync-pending[data-pending='2']")
    assert page.locator(".sp-sync-pending").inner_text() == "2 thay đổi chờ gửi"

    # Meanwhile a colleague, online, records one more sale of the first product.
    colleague_context, colleague = staff_page(browser, live_site)
    assert quantity_box(colleague, first).input_value() == str(first_qty)
    save(colleague, first, first_qty - 1)
    colleague.wait_for_selector(f"form[data-product='{first}'][data-sync-state='applied']")
    colleague_context.close()

    # The page reloads without a connection: the service worker serves it, the edits still wait.
    response = page.reload()
    assert response is not None and response.from_service_worker
    page.wait_for_selector(".sp-sync-pending[data-pending='2']")
    assert quantity_box(page, first).input_value() == str(first_qty - 2)
    assert quantity_box(page, second).input_value() == str(second_qty + 5)

    context.set_offline(False)
    page.wait_for_selector(".sp-sync-pending[data-pending='0']")
    assert page.locator(".sp-sync-pending").inner_text() == "Mọi thay đổi đã được gửi"
    # The colleague's sale is kept: 1 sold online + 2 sold offline.
    assert quantity_box(page, first).input_value() == str(first_qty - 3)
    status = page.locator(f"form[data-product='{first}'] .sp-line-status").inner_text()
    assert f"từ {first_qty} thành {first_qty - 1}" in status

    # What the server holds, read afresh (twice: a second open sends nothing again).
    for _ in range(2):
        page.goto(stock_url)
        page.wait_for_selector(".sp-sync-pending[data-pending='0']")
        assert quantity_box(page, first).input_value() == str(first_qty - 3)
        assert quantity_box(page, second).input_value() == str(second_qty + 5)
    context.close()
