"""Bắc Kạn's 108 commune-level units before the 07/2025 reform (project data), matched by folded name."""
from functools import lru_cache

from ocop.reference_data import communes_2020_2025
from search.folding import fold as fold_text

UNIT_PREFIXES = ("thanh pho ", "tp ", "huyen ", "thi tran ", "phuong ", "xa ")


def fold(name):
    """The key of a place name: folded (search.folding.fold), no unit prefix: 'Xã Hòa Mục' and 'Hoà Mục' match,
    'Huyện Na Rì' → 'na ri'."""
    text = fold_text(name)
    for prefix in UNIT_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


@lru_cache(maxsize=1)
def communes():
    """{(folded district, folded commune): (district name, commune name)} for the 108 units."""
    units = {}
    for district in communes_2020_2025()["districts"]:
        for commune in district["communes"]:
            units[(fold(district["name"]), fold(commune["name"]))] = (district["name"], commune["name"])
    return units


def districts():
    return [district["name"] for district in communes_2020_2025()["districts"]]


def district_key(name):
    return fold(name)


@lru_cache(maxsize=1)
def _kinds():
    """{(folded district, folded commune): (kind, short name)} and {folded commune: [(kind, short)]}."""
    by_pair, by_name = {}, {}
    for district in communes_2020_2025()["districts"]:
        for commune in district["communes"]:
            value = (commune.get("kind", "xã"), commune.get("short_name") or commune["name"])
            by_pair[(fold(district["name"]), fold(commune["name"]))] = value
            by_name.setdefault(fold(commune["name"]), []).append(value)
    return by_pair, by_name


def commune_with_kind(commune, district=""):
    """'thị trấn Bằng Lũng', 'phường Sông Cầu', 'xã Nam Mẫu': the unit's kind from the communes file
    ('xã' only when the file says so, or the commune is not in it)."""
    if not commune:
        return ""
    by_pair, by_name = _kinds()
    found = by_pair.get((fold(district), fold(commune)))
    if found is None:
        candidates = by_name.get(fold(commune), [])
        found = candidates[0] if len(candidates) == 1 else None
    if found is None:
        return f"xã {commune}"
    return f"{found[0]} {found[1]}"


@lru_cache(maxsize=1)
def by_code():
    """{official code: {'code', 'name', 'kind', 'short_name', 'district', 'district_code'}} for the 108 units."""
    units = {}
    for district in communes_2020_2025()["districts"]:
        for commune in district["communes"]:
            units[commune["code"]] = {
                **commune,
                "label": f"{commune.get('kind', 'xã')} {commune.get('short_name') or commune['name']}",
                "district": district["name"],
                "district_code": district["code"],
                "district_label": district_label(district["name"]),
            }
    return units


def district_label(name):
    """'Huyện Chợ Đồn' → 'huyện Chợ Đồn'; 'Thành phố Bắc Kạn' → 'thành phố Bắc Kạn' (in running text)."""
    for prefix in ("Huyện ", "Thành phố ", "Thành Phố "):
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix):]
    return name


def find_code(district, commune):
    """The official code of a commune given by (short) names, or None."""
    if not commune:
        return None
    for code, unit in by_code().items():
        if fold(unit["name"]) == fold(commune) and (not district or fold(unit["district"]) == fold(district)):
            return code
    return None


def district_name(name):
    """The file's district name for a short one ('TP Bắc Kạn' → 'Thành phố Bắc Kạn'), else ''."""
    key = fold(name)
    for district in communes_2020_2025()["districts"]:
        if fold(district["name"]) == key:
            return district["name"]
    return ""
