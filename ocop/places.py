"""Bắc Kạn's 108 commune-level units before the 07/2025 reform (project data), matched by folded name."""
import unicodedata
from functools import lru_cache

from ocop.reference_data import communes_2020_2025

UNIT_PREFIXES = ("thanh pho ", "tp ", "huyen ", "thi tran ", "phuong ", "xa ")


def fold(name):
    """Lower case, no diacritics, no unit prefix: 'Xã Hòa Mục' and 'Hoà Mục' match."""
    text = unicodedata.normalize("NFD", (name or "").strip().lower()).replace("đ", "d").replace("\u0111", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("đ", "d")
    text = " ".join(text.replace(".", " ").split())
    for prefix in UNIT_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
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
