"""A live sale in two browsers: the viewer chats and the host sees it; the host pins a
product and starts a flash offer, the viewer's card updates; the viewer buys at the live price."""
import re
import uuid

import pytest

from tests.e2e.conftest import ARTEFACTS, CHROMIUM_ARGS, DESKTOP, PHONE  # noqa: F401

pytestmark = pytest.mark.e2e

HOST_EMAIL, HOST_PASSWORD = "live-host@ocopbackan.vn", "ocop-live-2026"


def login(page, base, email, password):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login-username").fill(email)
    page.locator("#id_login-password").fill(password)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()


def register(page, base):
    email = f"nguoi-xem-{uuid.uuid4().hex[:8]}@example.vn"
    page.goto(base + "/accounts/login/")
    page.locator("#id_registration-email").fill(email)
    page.locator("#id_registration-password1").fill("Mat-khau-xem-live-2026")
    page.locator("#id_registration-password2").fill("Mat-khau-xem-live-2026")
    page.locator("button[name=registration_submit]").click()
    page.wait_for_load_state()
    return email


def test_viewer_and_host_share_a_live_session(live_site, browser):
    host_context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    viewer_context = browser.new_context(viewport=PHONE, locale="vi-VN")
    try:
        host, viewer = host_context.new_page(), viewer_context.new_page()
        for page in (host, viewer):
            page.set_default_timeout(15000)
        login(host, live_site, HOST_EMAIL, HOST_PASSWORD)
        register(viewer, live_site)

        viewer.goto(live_site + "/live/")
        viewer.get_by_role("link", name=re.compile(r"\[Mẫu\] Phiên live")).first.click()
        viewer.wait_for_url(re.compile(r"/live/\d+/$"))
        session_url = viewer.url
        host.goto(session_url + "host/")
        assert host.get_by_role("heading", name=re.compile("Bảng điều khiển")).is_visible()

        # The viewer chats; the host's console shows it (HTML escaped).
        viewer.locator("#live-chat-input").fill("Cho mình hỏi <b>giá</b> sỉ?")
        viewer.get_by_role("button", name="Gửi").click()
        host.locator("#live-chat li", has_text="Cho mình hỏi <b>giá</b> sỉ?").wait_for()

        # The host pins the first product and opens a 10-minute offer with 5 units.
        first = host.locator(".live-host-products li").first
        title = first.locator("strong").inner_text()
        first.get_by_role("button", name="Ghim").click()
        viewer.locator("#live-pinned", has_text=title).wait_for()
        price_input = first.locator("input[name=live_price]")
        live_price = int(price_input.input_value() or "0")
        assert live_price > 0
        first.locator("input[name=cap]").fill("5")
        first.get_by_role("button", name="Mở ưu đãi").click()
        viewer.locator("#live-pinned .live-countdown").wait_for()
        shown = f"{live_price:,}".replace(",", ".") + "\u00a0₫"
        assert shown in viewer.locator("#live-pinned .live-price").inner_text()
        assert "Còn 5 suất" in viewer.locator("#live-pinned").inner_text()

        # The viewer buys without leaving the page, at the live price.
        viewer.get_by_role("button", name="Mua ngay").click()
        viewer.locator("#live-toast", has_text="Đã thêm").wait_for()
        viewer.locator("#live-pinned", has_text="Còn 4 suất").wait_for()
        host.locator(".live-host-products li").first.locator("[data-sold-for]", has_text="1").wait_for()
        viewer.goto(live_site + "/basket/")
        assert shown in viewer.locator("#basket_formset, .basket-items").first.inner_text()
        # Final states kept as CI artefacts (this journey drives its own two browser contexts).
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        for role, page in (("viewer", viewer), ("host", host)):
            page.screenshot(path=str(ARTEFACTS / f"test_viewer_and_host_share_a_live_session-{role}.png"), full_page=True)
    except Exception:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        for role, page in (("viewer", viewer), ("host", host)):
            page.screenshot(path=str(ARTEFACTS / f"live_journey_failed_{role}.png"), full_page=True)
            (ARTEFACTS / f"live_journey_failed_{role}.html").write_text(f"<!-- {page.url} -->\n" + page.content(), encoding="utf-8")
        raise
    finally:
        host_context.close()
        viewer_context.close()
