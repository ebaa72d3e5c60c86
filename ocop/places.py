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
