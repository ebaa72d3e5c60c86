"""The checkout steps several browser journeys walk through (Oscar's checkout, our forms)."""
import re


def start_guest_checkout(page, live_site, email):
    """From a filled basket to the shipping-address step, as a guest giving an e-mail."""
    page.goto(live_site + "/checkout/")
    page.get_by_label("Địa chỉ email").fill(email)
    page.locator("form").filter(has=page.get_by_label("Địa chỉ email")).locator("button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/checkout/shipping-address/"))


def fill_shipping_address(page, *, name="Hoàng Thị Lan", phone="0912345678", street="Số 5, tổ 7"):
    """A Vietnamese two-level address (Thái Nguyên, Phường Đức Xuân); ends on the payment step."""
    page.get_by_label("Họ và tên người nhận").fill(name)
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Tỉnh/Thành phố").select_option(label="Thái Nguyên")
    page.get_by_label("Xã/Phường").fill("Phường Đức Xuân")
    page.get_by_label("Số nhà, đường, thôn/tổ").fill(street)
    page.locator("#new_shipping_address button[type=submit]").click()
    page.wait_for_url(re.compile(r"/checkout/payment-method/"))


def place_cod_order(page):
    """From the payment step (COD preselected) to the thank-you page; returns the order number."""
    assert page.get_by_label("Thanh toán khi nhận hàng (COD)").is_checked()
    page.get_by_role("button", name="Tiếp tục: xem lại đơn hàng").click()
    page.wait_for_url(re.compile(r"/checkout/preview/"))
    page.locator("#place-order").click()
    page.wait_for_url(re.compile(r"/checkout/thank-you/"))
    return re.search(r"\d{6}", page.locator("h1").first.inner_text()).group(0)
