"""The Decision 736/QĐ-UBND (Bắc Kạn, 26/05/2021) criteria for an OCOP sales point.

Only the facts the data file marks `confirmed` are hard rules (`check_736`); the rest is
shown as guidance (`guidance_736`), never enforced.
"""
import re
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from ocop.reference_data import ocop_facts


def _rules():
    return ocop_facts()["sales_point_rules_736"]


def min_product_kinds():
    return int(_rules()["confirmed"]["min_ocop_product_kinds"])


def min_stars():
    return int(_rules()["confirmed"]["min_stars"])


def share_threshold():
    """('>', Fraction(60, 100)) from '> 60%': the share must be strictly above 60 %."""
    text = _rules()["confirmed"]["ocop_and_local_products_share_of_items"]
    match = re.fullmatch(r"\s*(>=|>)\s*(\d+(?:\.\d+)?)\s*%\s*", text)
    if not match:  # pragma: no cover - the data file is part of the project
        raise ValueError(f"Unreadable share rule: {text!r}")
    return match.group(1), Fraction(match.group(2)) / 100


def decision_label():
    return "736/QĐ-UBND"


@dataclass(frozen=True)
class Criterion:
    code: str
    met: bool
    label: str
    detail: str


@dataclass(frozen=True)
class CriteriaReport:
    criteria: list = field(default_factory=list)

    @property
    def is_met(self):
        return all(criterion.met for criterion in self.criteria)

    @property
    def unmet(self):
        return [criterion for criterion in self.criteria if not criterion.met]

    def as_dict(self):
        return {
            "is_met": self.is_met,
            "criteria": [
                {"code": c.code, "met": c.met, "label": c.label, "detail": c.detail} for c in self.criteria
            ],
        }


def ocop_share(*, ocop_kinds, local_item_kinds, other_item_kinds):
    """Share of OCOP + local products among all the point's items, as an exact fraction (None if no items)."""
    total = ocop_kinds + local_item_kinds + other_item_kinds
    if total <= 0:
        return None
    return Fraction(ocop_kinds + local_item_kinds, total)


def format_percent(share):
    value = float(share * 100)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


def check_736(*, ocop_kinds, local_item_kinds, other_item_kinds, stamps_confirmed):
    """The confirmed criteria of Decision 736, each met or not, with a plain Vietnamese explanation.

    ocop_kinds: distinct Bắc Kạn OCOP products of `min_stars()`★+ the point carries that are
    certified today; local_item_kinds: other local (non-OCOP) items; other_item_kinds: everything
    else on its shelves; stamps_confirmed: the operator confirms each OCOP product carries the
    OCOP stamp and the traceability stamp.
    """
    needed = min_product_kinds()
    criteria = [
        Criterion(
            code="ocop_kinds",
            met=ocop_kinds >= needed,
            label=_("Ít nhất %(n)s loại sản phẩm OCOP %(stars)s sao trở lên của Bắc Kạn, đang được chứng nhận")
            % {"n": needed, "stars": min_stars()},
            detail=(
                _("Đã có %(have)s loại sản phẩm OCOP đạt chuẩn.") % {"have": ocop_kinds}
                if ocop_kinds >= needed
                else _("Mới có %(have)s loại sản phẩm OCOP đạt chuẩn, còn thiếu %(missing)s loại.")
                % {"have": ocop_kinds, "missing": needed - ocop_kinds}
            ),
        )
    ]

    operator, threshold = share_threshold()
    share = ocop_share(ocop_kinds=ocop_kinds, local_item_kinds=local_item_kinds, other_item_kinds=other_item_kinds)
    share_met = share is not None and (share > threshold if operator == ">" else share >= threshold)
    threshold_text = format_percent(threshold)
    if share is None:
        share_detail = _("Chưa khai báo mặt hàng nào.")
    elif share_met:
        share_detail = _("Sản phẩm OCOP và sản phẩm địa phương chiếm %(share)s số mặt hàng.") % {
            "share": format_percent(share)
        }
    else:
        share_detail = _(
            "Sản phẩm OCOP và sản phẩm địa phương mới chiếm %(share)s số mặt hàng; cần trên %(threshold)s."
        ) % {"share": format_percent(share), "threshold": threshold_text}
    criteria.append(
        Criterion(
            code="ocop_share",
            met=share_met,
            label=_("Sản phẩm OCOP và sản phẩm địa phương chiếm trên %(threshold)s số mặt hàng")
            % {"threshold": threshold_text},
            detail=share_detail,
        )
    )

    stamps = " và ".join(_rules()["confirmed"]["stamps_required_on_each_product"])
    criteria.append(
        Criterion(
            code="stamps",
            met=bool(stamps_confirmed),
            label=_("Mỗi sản phẩm OCOP có %(stamps)s") % {"stamps": stamps},
            detail=(
                _("Đã cam kết.")
                if stamps_confirmed
                else _("Chưa cam kết mỗi sản phẩm đều dán %(stamps)s.") % {"stamps": stamps}
            ),
        )
    )
    return CriteriaReport(criteria=criteria)


# Vietnamese guidance for the points the data marks unconfirmed: shown, never enforced.
_GUIDANCE = {
    "minimum area": lambda: _(
        "Diện tích tối thiểu: chưa xác minh được nội dung của Quyết định 736. Để tham khảo, Quảng Ninh "
        "(45/2021/QĐ-UBND) yêu cầu trung tâm 100 m², cửa hàng 50 m², ki-ốt hoặc gian hội chợ 9 m², "
        "góc siêu thị 5 m²."
    ),
    "signage": lambda: _(
        "Biển hiệu: nên theo mẫu nhận diện thương hiệu OCOP (Quyết định 3041/QĐ-BCT năm 2019 của Bộ Công Thương)."
    ),
    "registration dossier contents": lambda: _(
        "Thành phần hồ sơ đăng ký: chưa xác minh; Sở Công Thương có thể yêu cầu bổ sung giấy tờ."
    ),
    "appraisal body": lambda: _(
        "Cơ quan thẩm định: thực tế do UBND huyện/thành phố phối hợp Sở Công Thương và Văn phòng Điều phối "
        "nông thôn mới khảo sát; chưa xác minh văn bản."
    ),
    "duration of recognition": lambda: _("Thời hạn công nhận: chưa xác minh."),
}


def guidance_736():
    """Unconfirmed points of the rules, in Vietnamese, for display only."""
    items = []
    for key in _rules().get("unconfirmed", []):
        text = _GUIDANCE.get(key)
        items.append(text() if text else key)
    items.append(
        _(
            "Địa điểm (tham khảo tiêu chí quốc gia 950/QĐ-BCT năm 2023): nhà ga, bến xe, trạm dừng nghỉ, "
            "trung tâm thương mại, siêu thị, chợ, cửa hàng tại điểm du lịch, nhà hàng, khách sạn, làng nghề, "
            "hội chợ, bưu điện."
        )
    )
    return items
