"""A return from start to refund: a signed-in shopper (phone) buys with COD, the producer delivers;
the shopper files a request with a photo; the producer rejects; the shopper escalates; staff
accept and record the bank transfer; the shopper sees "Đã hoàn tiền"."""
import io
import re

import pytest

from tests.e2e.conftest import ARTEFACTS, DESKTOP, PHONE
from tests.e2e.checkout_steps import fill_shipping_address, place_cod_order
from tests.e2e.test_live_journey import login, register

pytestmark = pytest.mark.e2e

PRODUCER_EMAIL, PASSWORD = "taihoan@demo.ocopbackan.vn", "ocop-demo-2026"
PRODUCER_SLUG = "htx-tai-hoan"


def jpeg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "#8a3b12").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_shopper_producer_and_staff_settle_a_return(live_site, browser):
    contexts = [browser.new_context(viewport=size, locale="vi-VN") for size in (PHONE, DESKTOP, DESKTOP)]
    shopper, producer, staff = (context.new_page() for context in contexts)
    try:
        for page in (shopper, producer, staff):
            page.set_default_timeout(20000)
        register(shopper, live_site)
        shopper.goto(f"{live_site}/shops/{PRODUCER_SLUG}/")
        shopper.get_by_role("link", name=re.compile("Miến dong")).first.click()
        shopper.locator("#add_to_basket_form button[type=submit]").click()
        shopper.wait_for_load_state()
        shopper.goto(live_site + "/checkout/")
        shopper.wait_for_url(re.compile(r"/checkout/shipping-address/"))
        fill_shipping_address(shopper)
        number = place_cod_order(shopper)

        login(producer, live_site, PRODUCER_EMAIL, PASSWORD)
        for status in ("confirmed", "shipped", "delivered"):
            producer.goto(f"{live_site}/dashboard/orders/{number}/")
            row = producer.locator(".parcel-row").first
            row.locator("select[name=status]").select_option(status)
            row.get_by_role("button", name="Cập nhật").click()
            producer.wait_for_load_state()

        shopper.goto(f"{live_site}/accounts/orders/{number}/")
        shopper.get_by_role("link", name="Yêu cầu đổi trả / khiếu nại").click()
        shopper.get_by_label("Lý do").select_option(label="Hàng bị hư hỏng, dập vỡ khi nhận")
        shopper.get_by_label("Mô tả vấn đề").fill("Gói miến bị rách, ẩm.")
        shopper.get_by_label("Ảnh chụp sản phẩm").set_input_files(
            files=[{"name": "goi-mien.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
        )
        shopper.get_by_label("Ngân hàng nhận hoàn tiền").fill("Vietcombank")
        shopper.get_by_label("Số tài khoản").fill("0123456789")
        shopper.get_by_label("Chủ tài khoản").fill("HOANG THI LAN")
        shopper.get_by_role("button", name="Gửi yêu cầu").click()
        shopper.wait_for_url(re.compile(r"/accounts/returns/\d+/$"))
        assert shopper.get_by_text("Chờ nhà sản xuất trả lời").first.is_visible()
        assert shopper.locator(".complaint-photos img").count() == 1
        request_url = shopper.url

        producer.goto(f"{live_site}/dashboard/producer/{PRODUCER_SLUG}/returns/")
        producer.locator("table a").first.click()
        producer.get_by_label("Từ chối").check()
        producer.get_by_label("Lời nhắn cho người mua").fill("Gói miến còn nguyên khi giao.")
        producer.get_by_role("button", name="Gửi trả lời").click()
        assert producer.get_by_text("Nhà sản xuất từ chối").first.is_visible()

        shopper.goto(request_url)
        shopper.get_by_label("Vì sao bạn không đồng ý? (gửi Ban quản lý sàn)").fill("Ảnh cho thấy gói bị rách.")
        shopper.get_by_role("button", name="Chuyển Ban quản lý sàn quyết định").click()
        assert shopper.get_by_text("Chờ Ban quản lý sàn quyết định").first.is_visible()

        login(staff, live_site, "admin@ocopbackan.vn", PASSWORD)
        staff.goto(live_site + "/dashboard/returns/")
        staff.locator("table a").first.click()
        staff.get_by_label("Chấp nhận, hoàn tiền").check()
        staff.get_by_label("Lý do quyết định").fill("Ảnh chứng minh bao bì hỏng.")
        staff.get_by_role("button", name="Ghi quyết định").click()
        assert staff.get_by_text("0123456789").first.is_visible()
        staff.get_by_label("Mã giao dịch chuyển khoản hoàn tiền").fill("FT26333000111")
        staff.get_by_role("button", name="Ghi nhận đã chuyển khoản hoàn tiền").click()
        assert staff.get_by_text("Đã hoàn tiền").first.is_visible()

        shopper.goto(request_url)
        assert shopper.get_by_text("Đã hoàn tiền").first.is_visible()
        assert shopper.get_by_text("FT26333000111").first.is_visible()
    finally:
        try:
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            shopper.screenshot(path=str(ARTEFACTS / "complaint_journey_shopper_phone.png"), full_page=True)
        except Exception as exc:  # noqa: BLE001 - artefacts must not hide the result
            print(f"could not save the screenshot: {exc}")
        for context in contexts:
            context.close()
