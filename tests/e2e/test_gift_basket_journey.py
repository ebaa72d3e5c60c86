"""A guest builds a gift basket of 4 items with a card message on /gift-baskets/ (the price and
availability update without a reload), puts it in the basket as one line with its contents,
checks out with COD and sees the components and the card message on the confirmation."""
import re

import pytest

from tests.e2e.checkout_steps import fill_shipping_address, place_cod_order, start_guest_checkout

pytestmark = pytest.mark.e2e

CARD = "Chúc bà năm mới an khang, thịnh vượng!"
BOX = 4


def vnd(amount):
    return f"{amount:,}".replace(",", ".") + "\u00a0₫"  # as Oscar's currency filter and static/js/money.js print it


def open_theme_with_enough_items(page, live_site):
    """The first demo theme whose range has at least BOX products on sale and in stock."""
    page.goto(live_site + "/gift-baskets/")
    hrefs = page.locator(".gift-themes a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, "no culture theme in the demo data"
    for href in hrefs:
        page.goto(live_site + "/gift-baskets/" + href)
        if page.locator(".gift-picks input[name=items]:enabled").count() >= BOX and page.locator(
            f"#id_box_size option[value='{BOX}']"
        ).count():
            return
    pytest.fail(f"no demo theme offers {BOX} products on sale")


def test_guest_builds_a_basket_of_four_and_pays_cod(live_site, page):
    open_theme_with_enough_items(page, live_site)
    page.evaluate("window.__giftBuilderLoaded = true")  # gone if the page reloads

    page.locator("#id_box_size").select_option(str(BOX))
    picks = page.locator(".gift-picks input[name=items]:enabled")
    chosen = []
    for index in range(BOX):
        box = picks.nth(index)
        box.check()
        chosen.append(
            {
                "title": page.locator(f"label[for='{box.get_attribute('id')}']").inner_text().split("\n")[0].strip(),
                "price": int(box.get_attribute("data-price")),
            }
        )
    parts = sum(item["price"] for item in chosen)
    quote = page.locator("#gift-quote")
    page.wait_for_function(
        "([text]) => document.getElementById('gift-quote').textContent.startsWith(text)", arg=[f"{BOX} món · Tổng cộng {vnd(parts)}"]
    )
    availability = quote.inner_text().split(" · ", 2)[2]  # the built basket's availability from its components
    assert availability and "Hết hàng" not in availability and "Tạm ngừng" not in availability

    packaging = page.locator("#id_packaging option").nth(2)  # a paid wrap of the demo (e.g. indigo cloth)
    page.locator("#id_packaging").select_option(packaging.get_attribute("value"))
    page.wait_for_function(
        "([parts]) => !document.getElementById('gift-quote').textContent.startsWith(parts)",
        arg=[f"{BOX} món · Tổng cộng {vnd(parts)}"],
    )
    assert re.match(rf"{BOX} món · Tổng cộng [\d.]+\s₫", quote.inner_text())
    page.get_by_label("Lời chúc trên thiệp (không bắt buộc)").fill(CARD)
    assert page.evaluate("window.__giftBuilderLoaded === true"), "the builder page reloaded"

    page.get_by_role("button", name="Thêm giỏ quà vào giỏ hàng").click()
    page.wait_for_url(re.compile(r"/basket/$"))
    lines = page.locator("#basket_formset .basket-items")
    assert lines.count() == 1
    for item in chosen:
        assert item["title"] in lines.first.inner_text()
    assert CARD in lines.first.inner_text()

    start_guest_checkout(page, live_site, "qua.tang.e2e@example.vn")
    fill_shipping_address(page)
    place_cod_order(page)

    panel = page.locator(".order-gift-baskets")
    assert panel.is_visible()
    components = panel.locator(".gift-component")
    assert components.count() == BOX
    for item in chosen:
        row = components.filter(has_text=item["title"])
        assert row.count() == 1 and "× 1" in row.inner_text()
        assert row.locator(".gift-stars").count() == 1 and row.locator(".gift-producer").count() == 1
    assert CARD in panel.locator(".gift-card-message").inner_text()
    assert panel.locator(".gift-packaging").inner_text() != ""
    panel.scroll_into_view_if_needed()
