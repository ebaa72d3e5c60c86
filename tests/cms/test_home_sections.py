"""The home page's StreamField sections: each renders, including when it has nothing to show."""
import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from catalogue.models import OcopCertificate
from cms import blocks
from cms.bootstrap import ensure_home_page
from tests.factories import category, product_on_sale
from tests.factories.cms import event_page, news_page

pytestmark = pytest.mark.django_db


def shop_request():
    """A shopper's request as the middleware leaves it (session, basket, Oscar strategy)."""
    return Client().get("/catalogue/").wsgi_request


def render_block(name, raw_value, **context):
    """Render one section as the home page does (with a shopper's request for prices)."""
    block = blocks.HomeSectionsBlock().child_blocks[name]
    return block.render(block.to_python(raw_value), context={"request": shop_request(), **context})


def set_sections(home, sections):
    home.sections = json.dumps(sections)
    home.save_revision().publish()


def test_default_sections_when_the_editor_arranged_none(client):
    html = client.get("/").content.decode()
    for heading in (
        "Đặc sản OCOP Bắc Kạn",  # hero from the page's fields
        "Sáu nhóm sản phẩm OCOP",
        "Sản phẩm OCOP nổi bật",
        "Tin tức OCOP",
        "Sự kiện sắp diễn ra",
        "Chương trình OCOP Bắc Kạn",
        "Bản đồ sản phẩm, nhà sản xuất và điểm bán",
    ):
        assert heading in html
    assert "Đang live và sắp live" not in html  # the live strip shows only when a session is live or upcoming
    assert "Chưa có tin tức nào." in html
    assert "Chưa có sự kiện nào sắp diễn ra." in html
    assert "Chưa có sản phẩm OCOP nào được chứng nhận trên sàn." in html


@pytest.mark.parametrize(
    "name, empty_text",
    [
        ("product_groups", "Chưa có nhóm sản phẩm nào."),
        ("featured_products", "Chưa có sản phẩm nào đang bán"),
        ("latest_news", "Chưa có tin tức nào."),
        ("upcoming_events", "Chưa có sự kiện nào sắp diễn ra."),
        ("programme_figures", "Chưa có sản phẩm OCOP nào được chứng nhận trên sàn."),
    ],
)
def test_each_shop_block_has_an_empty_state(name, empty_text):
    assert empty_text in render_block(name, {})


def test_hero_block_renders_its_own_text_and_link():
    html = render_block("hero", {"title": "Chợ phiên Ba Bể", "text": "Đặc sản hồ Ba Bể", "button_text": "Mua ngay"})
    assert "Chợ phiên Ba Bể" in html and "Đặc sản hồ Ba Bể" in html
    assert 'href="/catalogue/"' in html and "Mua ngay" in html


def test_hero_block_falls_back_to_the_page_fields():
    home = ensure_home_page()
    html = render_block("hero", {}, page=home)
    assert home.hero_title in html


def test_text_and_map_blocks_render():
    assert "<b>Chào mừng</b>" in render_block("text", "<p><b>Chào mừng</b></p>")
    html = render_block("map_teaser", {})
    assert "Bản đồ sản phẩm, nhà sản xuất và điểm bán" in html
    assert 'href="/catalogue/"' in html


def test_form_link_block_explains_a_form_that_is_not_served_yet():
    html = render_block("form_link", {"target": "catalogue:index", "label": "Xem sản phẩm"})
    assert 'href="/catalogue/"' in html and "Xem sản phẩm" in html


def test_blocks_with_content():
    product_on_sale(title="Mật ong Thanh Thịnh", categories=[category("Thực phẩm")])
    news_page(title="Hội nghị đánh giá sản phẩm OCOP năm 2024")
    event_page(title="Hội chợ OCOP Bắc Kạn mùa thu")
    assert "Thực phẩm" in render_block("product_groups", {})
    assert "Mật ong Thanh Thịnh" in render_block("featured_products", {})
    assert "Hội nghị đánh giá sản phẩm OCOP năm 2024" in render_block("latest_news", {})
    assert "Hội chợ OCOP Bắc Kạn mùa thu" in render_block("upcoming_events", {})
    figures = render_block("programme_figures", {})
    assert "sản phẩm OCOP đang bán trên sàn" in figures
    assert "<strong>1</strong> sản phẩm 3 sao" in figures


def test_featured_products_show_the_chosen_ones_in_order_and_only_on_sale():
    first = product_on_sale(title="Trà Shan tuyết Ngọc Thắng")
    second = product_on_sale(title="Rượu men lá Bằng Phúc")
    product_on_sale(title="Bánh gio Pắc San")  # not chosen
    html = render_block(
        "featured_products", {"heading": "Chọn lọc", "products": [second.pk, first.pk], "fill_with_latest": False}
    )
    assert html.index("Rượu men lá Bằng Phúc") < html.index("Trà Shan tuyết Ngọc Thắng")
    assert "Bánh gio Pắc San" not in html


def test_a_revoked_product_disappears_from_the_home_page_product_block(client):
    kept = product_on_sale(title="Trà hoa vàng Bắc Kạn")
    revoked = product_on_sale(title="Rượu mơ Asuka")
    home = ensure_home_page()
    set_sections(
        home,
        [{"type": "featured_products", "value": {"heading": "Sản phẩm nổi bật", "products": [revoked.pk, kept.pk], "fill_with_latest": False, "count": 8}}],
    )
    html = client.get("/").content.decode()
    assert "Rượu mơ Asuka" in html and "Trà hoa vàng Bắc Kạn" in html

    OcopCertificate.objects.filter(product=revoked).update(
        status=OcopCertificate.Status.REVOKED, revoked_at=timezone.now(), revocation_reason="Vi phạm an toàn thực phẩm"
    )
    html = client.get("/").content.decode()
    assert "Rượu mơ Asuka" not in html
    assert "Trà hoa vàng Bắc Kạn" in html


def test_an_expired_product_is_not_shown_and_the_section_fills_with_products_on_sale():
    expired = product_on_sale(title="Gạo nếp Tân Sơn")
    OcopCertificate.objects.filter(product=expired).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    product_on_sale(title="Cam ngọt Thanh Mai")
    html = render_block("featured_products", {"products": [expired.pk]})
    assert "Gạo nếp Tân Sơn" not in html
    assert "Cam ngọt Thanh Mai" in html


def test_editor_arranged_sections_replace_the_defaults(client):
    home = ensure_home_page()
    set_sections(home, [{"type": "hero", "value": {"title": "Tết của người Tày", "text": ""}}])
    html = client.get("/").content.decode()
    assert "Tết của người Tày" in html
    assert "Sáu nhóm sản phẩm OCOP" not in html
