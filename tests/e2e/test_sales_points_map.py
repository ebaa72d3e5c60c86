"""Browser journey: the sales points map shows the demo points; the list works without tiles."""
import pytest

pytestmark = pytest.mark.e2e


def test_map_renders_markers_for_demo_points(live_site, page):
    # No network to OpenStreetMap in tests: tiles fail, markers and the list must not.
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(live_site + "/sales-points/")
    page.wait_for_selector("#sp-map[data-markers-rendered]")
    assert page.get_attribute("#sp-map", "data-markers-rendered") == "3"
    assert page.locator(".leaflet-marker-icon").count() == 3
    assert page.locator("#sp-list .sp-card").count() == 3
    assert "Hồ Ba Bể (mẫu)" in page.inner_text("#sp-list")
    page.wait_for_selector("#sp-map-fallback:not([hidden])", timeout=12000)
    assert "xem danh sách" in page.inner_text("#sp-map-fallback")
    page.locator("#sp-list a", has_text="Hồ Ba Bể").first.click()
    page.wait_for_selector("text=Sản phẩm OCOP tại điểm bán")
    assert page.locator(".sp-stock li").count() > 0


def test_list_works_without_leaflet(live_site, page):
    page.route("**/vendor/leaflet/leaflet.js", lambda route: route.abort())
    page.goto(live_site + "/sales-points/?kind=market")
    assert page.locator("#sp-list .sp-card").count() == 1
    assert "Chợ Rã" in page.inner_text("#sp-list")
    page.wait_for_selector("#sp-map-fallback:not([hidden])")


def test_near_me_sorts_after_the_user_allows_location(live_site, browser):
    from tests.e2e.conftest import PHONE

    # Standing in Bắc Kạn town centre: its demo point comes first, Ba Bể lake later.
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", geolocation={"latitude": 22.147, "longitude": 105.8348}, permissions=["geolocation"]
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
        page.goto(live_site + "/sales-points/")
        assert "lat=" not in page.url  # nothing asked before the click
        page.click("#sp-near-me")
        page.wait_for_url("**lat=*")
        cards = page.locator("#sp-list .sp-card")
        assert "trung tâm TP Bắc Kạn" in cards.first.inner_text()
        assert "km" in cards.first.inner_text()
    finally:
        context.close()
