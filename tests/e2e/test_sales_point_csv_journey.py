"""A sales point's staff member uploads a stock CSV (one good row, one bad), reads the result
line by line, and the point then shows on the /sales-points/ map filtered by that product, with
the product and its new price on the point's page (demo login of load_demo)."""
import re

import pytest

from marketplace.demo_steps import DEMO_ADMIN_PASSWORD
from sales_points.demo import DEMO_MANAGER_EMAIL

pytestmark = pytest.mark.e2e

POINT = "Gian hàng OCOP chợ Chợ Rã (mẫu)"  # its demo stock leaves this product out
PRODUCT = "Miến dong Tài Hoan"


def product_upc(page, live_site):
    page.goto(live_site + "/search/?q=mien+dong+tai+hoan")
    page.get_by_role("link", name=PRODUCT).first.click()
    page.wait_for_url(re.compile(r"/catalogue/[\w-]+_\d+/$"))
    return page.locator(".product-facts .product-code").first.inner_text().strip()


def test_sales_point_updates_stock_by_csv_and_shows_on_the_map(live_site, page):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # no tiles in tests
    upc = product_upc(page, live_site)
    assert upc
    price = 90000 if page.viewport_size["width"] < 768 else 91000  # each viewport's run leaves its own

    page.goto(live_site + "/accounts/login/")
    page.fill("#id_login-username", DEMO_MANAGER_EMAIL)
    page.fill("#id_login-password", DEMO_ADMIN_PASSWORD)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()

    page.goto(live_site + "/sales-points/mine/")
    page.locator(".card", has_text=POINT).get_by_role("link", name="Cập nhật hàng").click()
    page.wait_for_url(re.compile(r"/sales-points/[\w-]+/stock/$"))
    page.get_by_role("link", name="Cập nhật hàng loạt bằng tệp CSV").click()
    page.wait_for_url(re.compile(r"/stock/import/$"))

    csv_text = f"upc,price,quantity,in_stock\n{upc},{price},15,1\nKHONG-CO-MA,50000,3,1\n"
    page.set_input_files("#id_file", {"name": "hang-cho-ra.csv", "mimeType": "text/csv", "buffer": csv_text.encode()})
    page.get_by_role("button", name="Tải lên").click()
    page.wait_for_load_state()
    assert page.locator("#content_inner p.alert-success", has_text="Đã lưu 1 dòng.").is_visible()
    errors = page.locator(".sp-import-errors li")
    assert errors.count() == 1
    assert errors.first.inner_text() == "Dòng 3: Không tìm thấy sản phẩm có mã “KHONG-CO-MA”."

    # The point's public page lists the product at its new price.
    page.get_by_role("link", name="Quay lại danh sách hàng").click()
    page.get_by_role("link", name="Xem trang công khai").click()
    page.wait_for_selector("text=Sản phẩm OCOP tại điểm bán")
    listing = page.locator(".sp-stock li", has_text=PRODUCT)
    shown = f"{price // 1000}.000\u00a0₫"
    assert shown in listing.inner_text()
    assert listing.get_by_text("Còn hàng").is_visible()

    # The public map, filtered by the product: the point is on it (markers drawn even without tiles).
    page.goto(live_site + "/sales-points/")
    page.select_option("#id_product", label=PRODUCT)
    page.locator(".sp-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"product=\d+"))
    page.wait_for_selector("#sp-map[data-markers-rendered]")
    cards = page.locator("#sp-list .sp-card")
    assert cards.filter(has_text=POINT).count() == 1
    assert int(page.get_attribute("#sp-map", "data-markers-rendered")) == cards.count()
    assert page.locator(".leaflet-marker-icon").count() == cards.count()
