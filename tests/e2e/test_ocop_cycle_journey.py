"""A producer files a dossier, the commune forwards it, two council members score it, the
chair recognises it, and the product goes on sale with its stars (demo logins of load_demo)."""
import re

import pytest

pytestmark = pytest.mark.e2e

PASSWORD = "ocop-demo-2026"
PRODUCT = "Miến dong tỏi đen (sản phẩm mới – dữ liệu mẫu)"
from tests.factories.shops import pdf_bytes  # noqa: E402

PDF = pdf_bytes()


def login(page, live_site, email):
    page.context.clear_cookies()
    page.goto(live_site + "/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def score_all(page, fraction):
    for field in page.locator("input[type=number]").all():
        maximum = float(field.get_attribute("max"))
        field.fill(f"{maximum * fraction:.2f}")
    page.get_by_role("button", name="Nộp phiếu chấm").click()
    page.wait_for_url(re.compile(r"/dashboard/ocop-cycle/ho-so/\d+/$"))


def test_dossier_to_certificate(live_site, page, tmp_path):
    width = page.viewport_size["width"]
    login(page, live_site, "nhasanxuat@ocopbackan.vn")
    page.goto(live_site + "/ocop/ho-so/moi/")
    page.select_option("#id_product", label=PRODUCT)
    page.select_option("#id_group", "thuc-pham")
    page.fill("#id_summary", "Sản xuất miến dong tỏi đen tại Côn Minh.")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.wait_for_url(re.compile(r"/ocop/ho-so/\d+/$"))
    dossier_url = page.url
    assert page.locator(".missing-documents").is_visible()

    document = tmp_path / "tai-lieu.pdf"
    document.write_bytes(PDF)
    kinds = [option.get_attribute("value") for option in page.locator("#id_kind option").all()]
    for kind in kinds:
        if kind == "other":
            continue
        page.select_option("#id_kind", kind)
        page.set_input_files("#id_file", str(document))
        page.get_by_role("button", name="Tải lên").click()
        page.wait_for_url(dossier_url)
    assert page.get_by_text("Đã đủ các tài liệu bắt buộc.").is_visible()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    assert page.locator(".dossier-status").inner_text() == "Đang thẩm định"
    dossier_id = re.search(r"/ho-so/(\d+)/", dossier_url).group(1)
    review_url = f"{live_site}/dashboard/ocop-cycle/ho-so/{dossier_id}/"

    login(page, live_site, "canbo.xa@ocopbackan.vn")
    page.goto(review_url)
    page.get_by_role("button", name="Chuyển tiếp").click()
    assert page.locator(".dossier-status").inner_text() == "Hội đồng tỉnh đánh giá"

    for email, fraction in (("hoidong1@ocopbackan.vn", 0.8), ("hoidong2@ocopbackan.vn", 0.7)):
        login(page, live_site, email)
        page.goto(review_url + "cham-diem/")
        score_all(page, fraction)
    assert page.locator("#side-by-side .member-total").count() == 2

    login(page, live_site, "chutich.hoidong@ocopbackan.vn")
    page.goto(review_url)
    assert page.locator("#id_agreed_score").input_value() == "75.00"
    page.fill("#id_decision_number", f"{width}/QĐ-UBND")
    page.fill("#id_decision_date", "01/11/2026")
    page.get_by_role("button", name="Ghi kết quả").click()
    assert page.locator(".dossier-status").inner_text() == "Đã công nhận"

    page.locator("#product-link").click()
    assert page.locator("#add_to_basket_form button[type=submit]").is_visible()
    assert page.get_by_role("img", name=re.compile("4 sao OCOP")).first.is_visible()
