"""Browser journey: an editor publishes a news article with an embedded product in Wagtail's
admin; a visitor sees it on /news/ and the product's card inside the article."""
import re

import pytest

from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@ocopbackan.vn", "ocop-demo-2026"
PRODUCT = "Miến dong Tài Hoan"


def publish_article(browser, live_site, title):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    editor = context.new_page()
    editor.set_default_timeout(20000)
    editor.goto(live_site + "/cms/login/")
    editor.fill("#id_username", ADMIN_EMAIL)
    editor.fill("#id_password", ADMIN_PASSWORD)
    editor.locator("button[type=submit]").first.click()
    editor.wait_for_url(re.compile(r"/cms/$"))

    found = editor.request.get(live_site + "/cms/api/main/pages/?slug=news&type=cms.NewsIndexPage").json()
    news_index_id = found["items"][0]["id"]
    editor.goto(live_site + f"/cms/pages/add/cms/newspage/{news_index_id}/")
    editor.fill("#id_title", title)
    editor.fill("#id_intro", "Bài viết thử từ trình duyệt.")

    # StreamField: insert a "Sản phẩm" block and choose the product in the chooser modal
    editor.locator(".c-sf-add-button").first.click()
    editor.locator(".w-combobox__option-text", has_text=re.compile(r"^Sản phẩm$")).first.click()
    editor.get_by_role("button", name="Chọn sản phẩm").first.click()
    modal = editor.locator(".modal-dialog")
    choice = modal.get_by_role("link", name=PRODUCT)
    # The chooser is paginated (alphabetical): page on until the product shows.
    for _ in range(10):
        modal.locator("a, button").first.wait_for()
        if choice.count():
            break
        modal.get_by_role("link", name=re.compile(r"^(Next|Sau|Tiếp)")).first.click()
        editor.wait_for_timeout(500)
    choice.first.click()
    editor.wait_for_selector(".modal-dialog", state="detached")

    editor.locator("footer .w-dropdown__toggle").first.click()
    editor.locator("button[name=action-publish]").click()
    editor.wait_for_url(re.compile(r"/cms/pages/\d+/"))
    context.close()


def test_editor_publishes_news_with_a_product_and_a_visitor_sees_it(live_site, browser, page):
    title = f"Tin thử nghiệm {page.viewport_size['width']}"
    publish_article(browser, live_site, title)

    page.goto(live_site + "/news/")
    assert title in page.inner_text("#content_inner")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_load_state()
    article = page.inner_text("#content_inner")
    assert PRODUCT in article
    assert "₫" in article
