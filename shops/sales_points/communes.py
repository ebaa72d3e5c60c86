"""Bắc Kạn's commune-level units before the 07/2025 reform (project data file), for addresses.

Since 07/2025 these places belong to Thái Nguyên province (two-level system); addresses show both.
"""
from functools import lru_cache

from django.utils.translation import gettext as _

from marketplace.demo_data import communes_2020_2025


@lru_cache(maxsize=1)
def _index():
    index = {}
    for district in communes_2020_2025()["districts"]:
        for commune in district["communes"]:
            index[commune["code"]] = (commune["name"], district["name"])
    return index


def commune_choices():
    """Grouped choices for a <select>: one optgroup per old district."""
    groups = []
    for district in communes_2020_2025()["districts"]:
        groups.append(
            (district["name"], [(commune["code"], commune["name"]) for commune in district["communes"]])
        )
    return groups


def commune_name(code):
    entry = _index().get(code)
    return entry[0] if entry else ""


def district_name(code):
    entry = _index().get(code)
    return entry[1] if entry else ""


def is_known(code):
    return code in _index()


def place_label(code):
    """'Xã Nam Mẫu, Huyện Ba Bể, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên'."""
    entry = _index().get(code)
    if not entry:
        return ""
    return _("%(commune)s, %(district)s, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên") % {
        "commune": entry[0],
        "district": entry[1],
    }
