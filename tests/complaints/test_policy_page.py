"""The complaints policy page prints the rules the services enforce (from rules.py)."""
import pytest

from marketplace.complaints import rules

pytestmark = pytest.mark.django_db


def test_policy_page_states_the_enforced_rules(client):
    from cms.bootstrap import ensure_home_page
    from cms.demo import load_policy_pages

    load_policy_pages(ensure_home_page())
    page = client.get("/chinh-sach/khieu-nai-doi-tra/").content.decode()
    assert f"trong vòng {rules.WINDOW_DAYS} ngày kể từ khi kiện hàng" in page
    assert f"từ {rules.MIN_PHOTOS} đến {rules.MAX_PHOTOS} ảnh" in page
    assert f"không trả lời sau {rules.PRODUCER_ANSWER_DAYS} ngày" in page
    assert f"trong vòng {rules.TRANSFER_REFUND_DAYS} ngày kể từ khi chấp nhận" in page
    for _code, label in rules.Reason.CHOICES:
        assert str(label) in page
    assert "cuối cùng" not in page.replace("không phải là cuối cùng", "")  # Consumer Protection Law 2023
    assert "hòa giải" in page and "Tòa án" in page
    assert "Đơn đặt không đăng nhập: mở liên kết xem trạng thái đơn trong email xác nhận đơn hàng" in page
