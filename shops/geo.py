"""Where producers are: Bắc Kạn's communes before 07/2025 (official codes from the project's
data file) and approximate district centres for the map.

The commune data carries no coordinates, so a producer is placed at its district's centre
(approximate, demo): the map and the storefront say so.
"""
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from ocop.places import fold  # the place-name key (search.folding.fold without the unit prefix)
from ocop.reference_data import communes_2020_2025

# Approximate centres (district seats) of the 8 districts of old Bắc Kạn: demo positions,
# read off a map at district level; not surveyed points.
DISTRICT_CENTRES = {
    "bac kan": (22.1470, 105.8348),
    "pac nam": (22.5900, 105.6700),
    "ba be": (22.4030, 105.7270),
    "ngan son": (22.4300, 105.9900),
    "bach thong": (22.2600, 105.8500),
    "cho don": (22.1500, 105.6000),
    "cho moi": (21.8800, 105.7800),
    "na ri": (22.2500, 106.1000),
}
APPROXIMATE_NOTE = _("Vị trí gần đúng theo trung tâm huyện (dữ liệu mẫu)")


def _short(name):
    """'Huyện Ba Bể' → 'Ba Bể'; 'Thành Phố Bắc Kạn' → 'TP Bắc Kạn'; 'Xã Nam Mẫu' → 'Nam Mẫu'."""
    for prefix in ("Thành Phố ", "Thành phố "):
        if name.startswith(prefix):
            return "TP " + name[len(prefix):]
    for prefix in ("Huyện ", "Thị trấn ", "Thị Trấn ", "Phường ", "Xã "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


@lru_cache(maxsize=1)
def districts():
    """[{'code', 'name', 'short', 'key', 'communes': [{'code', 'name', 'short'}]}] for the 8 districts."""
    result = []
    for district in communes_2020_2025()["districts"]:
        result.append(
            {
                "code": district["code"],
                "name": district["name"],
                "short": _short(district["name"]),
                "key": fold(district["name"]),
                "communes": [
                    {"code": c["code"], "name": c["name"], "short": _short(c["name"])} for c in district["communes"]
                ],
            }
        )
    return result


@lru_cache(maxsize=1)
def communes_by_code():
    return {c["code"]: (d, c) for d in districts() for c in d["communes"]}


def commune(code):
    """(district, commune) dicts for an official commune code, or None."""
    return communes_by_code().get(code)


def find_commune_code(district_name, commune_name):
    """The official code of a commune given by (short) names, or None when not found."""
    if not commune_name:
        return None
    district_key = fold(district_name)
    commune_key = fold(commune_name)
    for district in districts():
        if district_key and district["key"] != district_key:
            continue
        for c in district["communes"]:
            if fold(c["name"]) == commune_key:
                return c["code"]
    return None


def district_centre(district_name):
    return DISTRICT_CENTRES.get(fold(district_name))


def commune_choices():
    """Grouped choices for a form select: [(district, [(code, commune), ...]), ...]."""
    return [(d["name"], [(c["code"], c["name"]) for c in d["communes"]]) for d in districts()]
