"""Decision 736 confirmed criteria at their boundaries."""
import pytest

from sales_points.criteria import check_736, guidance_736


def report(ocop, local=0, other=0, stamps=True):
    return check_736(ocop_kinds=ocop, local_item_kinds=local, other_item_kinds=other, stamps_confirmed=stamps)


def by_code(rep, code):
    return next(c for c in rep.criteria if c.code == code)


def test_29_kinds_is_not_enough_30_is():
    short = report(29)
    assert not by_code(short, "ocop_kinds").met
    assert "còn thiếu 1 loại" in by_code(short, "ocop_kinds").detail
    assert not short.is_met
    assert by_code(report(30), "ocop_kinds").met
    assert report(30).is_met


@pytest.mark.parametrize(
    "ocop, local, other, met",
    [
        (30, 0, 20, False),  # exactly 60 %: the rule says over 60 %
        (30, 571, 399, True),  # 60.1 %
        (30, 31, 39, True),  # 61 %
        (30, 30, 40, False),  # exactly 60 % again with local products
    ],
)
def test_share_must_be_over_60_percent(ocop, local, other, met):
    criterion = by_code(report(ocop, local, other), "ocop_share")
    assert criterion.met is met


def test_unmet_share_is_explained_in_vietnamese():
    criterion = by_code(report(30, 0, 20), "ocop_share")
    assert criterion.detail == "Sản phẩm OCOP và sản phẩm địa phương mới chiếm 60 % số mặt hàng; cần trên 60 %."
    assert "60,1 %" in by_code(report(30, 571, 399), "ocop_share").detail


def test_stamps_must_be_confirmed():
    rep = report(30, stamps=False)
    assert [c.code for c in rep.unmet] == ["stamps"]
    assert "tem OCOP và tem truy xuất nguồn gốc" in rep.unmet[0].detail


def test_no_items_declared_fails_share():
    assert not by_code(report(0), "ocop_share").met


def test_unconfirmed_points_are_guidance_only():
    texts = guidance_736()
    assert any("Diện tích tối thiểu" in text for text in texts)
    # guidance never appears among the enforced criteria
    assert {c.code for c in report(30).criteria} == {"ocop_kinds", "ocop_share", "stamps"}
