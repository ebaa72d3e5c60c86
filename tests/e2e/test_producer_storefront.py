"""Browser journeys: a producer edits a price in the back office and the storefront shows it;
the producer directory's map degrades to the list when tiles fail."""
import re

import pytest

from shops.demo import DEMO_PRODUCER_EMAIL, DEMO_PRODUCER_PASSWORD, DEMO_PRODUCER_SLUG

pytestmark = pytest.mark.e2e


def test_producer_edits_a_price_and_the_storefront_shows_it(live_site, page):
    page.goto(live_site + "/accounts/login/")
    page.fill("#id_login-username", DEMO_PRODUCER_EMAIL)
    page.fill("#id_login-password", DEMO_PRODUCER_PASSWORD)
    page.locator("button[name=login_submit]").click()
    page.wait_for_load_state()

    page.goto(live_site + f"/dashboard/producer/{DEMO_PRODUCER_SLUG}/")
    assert "HTX Tài Hoan" in page.inner_text("h1")
    page.goto(live_site + "/dashboard/catalogue/")
    page.get_by_role("link", name="Miến dong Tài Hoan").first.click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/products/\d+/"))
    page.locator("a[href='#product_stock']").first.click()
    price = "87654" if page.input_value("#id_stockrecords-0-price").split(".")[0] != "87654" else "87655"
    page.fill("#id_stockrecords-0-price", price)
    page.locator("button[name=action][value=save]").click()
    page.wait_for_url(re.compile(r"/dashboard/catalogue/"))

    page.goto(live_site + f"/shops/{DEMO_PRODUCER_SLUG}/")
    shown = f"{price[:2]}.{price[2:]}\u00a0₫"
    assert shown in page.inner_text("#content_inner")

    page.goto(live_site + f"/dashboard/producer/{DEMO_PRODUCER_SLUG}/changes/")
    assert price in page.inner_text("table")


def test_directory_map_and_list_without_tiles(live_site, page):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(live_site + "/shops/")
    page.wait_for_selector("[data-shops-map][data-markers-rendered]")
    assert int(page.get_attribute("[data-shops-map]", "data-markers-rendered")) > 5
    assert page.locator(".shops-list .shop-card").count() == 12
    page.wait_for_selector(".shops-map-failed", timeout=12000)
    page.select_option("#id_district", "Na Rì")
    page.locator(".shops-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"district="))
    assert "HTX Tài Hoan" in page.inner_text(".shops-list")
