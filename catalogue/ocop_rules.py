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
