"""Bắc Kạn's commune-level units before the 07/2025 reform (project data file), for addresses.

Since 07/2025 these places belong to Thái Nguyên province (two-level system); addresses show both.
"""
from functools import lru_cache

from django.utils.translation import gettext as _

from ocop.reference_data import communes_2020_2025


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


def place_label(code, new_ward_code=None):
    """'Xã Nam Mẫu, Huyện Ba Bể, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên' (with the current
    commune/ward when known: '… — nay là Phường Đức Xuân, tỉnh Thái Nguyên')."""
    entry = _index().get(code)
    if not entry:
        return ""
    ward = new_ward_name(new_ward_code)
    if ward:
        return _("%(commune)s, %(district)s, Bắc Kạn cũ — nay là %(ward)s, tỉnh %(province)s") % {
            "commune": entry[0],
            "district": entry[1],
            "ward": ward,
            "province": NEW_PROVINCE_NAME,
        }
    return _("%(commune)s, %(district)s, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên") % {
        "commune": entry[0],
        "district": entry[1],
    }


# --- Since 07/2025: Thái Nguyên province's communes and wards (vietnam-provinces 2025.x) ------------

NEW_PROVINCE_NAME = "Thái Nguyên"


@lru_cache(maxsize=1)
def _new_wards():
    from vietnam_provinces import Province, Ward

    province = next(p for p in Province.iter_all() if p.name.endswith(NEW_PROVINCE_NAME))
    wards = [w for w in Ward.iter_all() if w.province_code == province.code]
    return {int(w.code): w.name for w in sorted(wards, key=lambda w: w.name)}


def new_ward_choices():
    return list(_new_wards().items())


def new_ward_name(code):
    return _new_wards().get(code, "") if code else ""


def is_known_new_ward(code):
    return code in _new_wards()
