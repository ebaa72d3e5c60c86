"""The national OCOP star rules (Decision 148/QĐ-TTg), in one place."""
from datetime import date

from django.utils.translation import gettext_lazy as _

CERTIFIED_MIN_STARS = 3
VALIDITY_MONTHS = 36
EXPIRY_WARNING_DAYS = 30

# (stars, lowest score, highest score) on the 100-point scale.
STAR_BANDS = [
    (5, 90, 100),
    (4, 70, 89.99),
    (3, 50, 69.99),
    (2, 30, 49.99),
    (1, 0, 29.99),
]

STAR_CHOICES = [(stars, _("%(n)s sao") % {"n": stars}) for stars in range(1, 6)]


def stars_for_score(score):
    """The star rank a score on the 100-point scale earns."""
    for stars, low, _high in STAR_BANDS:
        if score >= low:
            return stars
    return 1


def is_certified_rank(stars):
    return stars >= CERTIFIED_MIN_STARS


def issuing_level(stars):
    """3–4★ are recognised by the province, 5★ by the ministry."""
    return "ministry" if stars >= 5 else "province"


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    # Clamp the day for shorter months (29/02 + 36 months -> 28/02).
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise ValueError(start)


def default_valid_until(decision_date: date) -> date:
    return add_months(decision_date, VALIDITY_MONTHS)


def valid_until_for(decision_date: date, typed=None) -> date:
    """A certificate is valid 36 months from its decision: computed, and a typed date is never later."""
    if isinstance(decision_date, str):
        decision_date = date.fromisoformat(decision_date)
    if isinstance(typed, str):
        typed = date.fromisoformat(typed)
    latest = default_valid_until(decision_date)
    return min(typed, latest) if typed else latest


def certificate_errors(stars, decision_date, valid_until):
    """Field errors of a certificate decision: only 3★+ is certified (Decision 148), and it is
    valid at most 36 months from the decision."""
    errors = {}
    if stars and not is_certified_rank(stars):
        errors["stars"] = _("Sản phẩm 1–2 sao không được chứng nhận OCOP (Quyết định 148/QĐ-TTg): không ghi nhận giấy chứng nhận.")
    if valid_until and decision_date:
        if valid_until < decision_date:
            errors["valid_until"] = _("Ngày hết hiệu lực phải sau ngày quyết định.")
        elif valid_until > default_valid_until(decision_date):
            errors["valid_until"] = _("Giấy chứng nhận có hiệu lực tối đa 36 tháng kể từ ngày quyết định (đến %(date)s).") % {
                "date": default_valid_until(decision_date).strftime("%d/%m/%Y")
            }
    return errors


def group_choices():
    """The six product groups of Decision 148/QĐ-TTg (project data file)."""
    from ocop.reference_data import ocop_facts

    return [(group["code"], group["name_vi"]) for group in ocop_facts()["product_groups"]["groups"]]


GROUP_CHOICES = group_choices


PROVINCE_MERGER = date(2025, 7, 1)  # Bắc Kạn joined Thái Nguyên (NQ 202/2025/QH15)
MINISTRY_MERGER = date(2025, 3, 1)  # Bộ NN&PTNT became Bộ Nông nghiệp và Môi trường


def authority_name(level, decision_date):
    """The issuing body's name on the decision date."""
    if level == "ministry":
        if decision_date and decision_date < MINISTRY_MERGER:
            return _("Bộ Nông nghiệp và Phát triển nông thôn")
        return _("Bộ Nông nghiệp và Môi trường")
    if decision_date and decision_date >= PROVINCE_MERGER:
        return _("UBND tỉnh Thái Nguyên")
    return _("UBND tỉnh Bắc Kạn")


def place_label(commune, district):
    """'xã Nam Mẫu, Ba Bể, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên' (2025 two-level reform); the
    commune keeps its kind ('thị trấn Bằng Lũng', 'phường Sông Cầu') from the communes file."""
    from ocop import places

    parts = [places.commune_with_kind(commune, district) if commune else "", district or ""]
    old = ", ".join(part for part in parts if part)
    if not old:
        return ""
    return _("%(old)s, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên") % {"old": old}
