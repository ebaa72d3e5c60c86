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
