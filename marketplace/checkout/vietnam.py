"""Vietnam's two-level administrative units since 07/2025 (province → commune/ward).

The lists come from the maintained `vietnam-provinces` package (2025.x data), never
from hand-typed lists.
"""
from functools import lru_cache

from vietnam_provinces import Province, Ward

from search.folding import fold


@lru_cache(maxsize=1)
def provinces():
    return sorted(Province.iter_all(), key=lambda p: fold(p.name.removeprefix("Thành phố ")))


def province_choices():
    return [(str(int(p.code)), p.name) for p in provinces()]


def province_by_code(code):
    for province in provinces():
        if str(int(province.code)) == str(code):
            return province
    return None


def province_by_name(name):
    wanted = fold(name)
    for province in provinces():
        if fold(province.name) == wanted:
            return province
    return None


@lru_cache(maxsize=64)
def wards_of(province_code):
    code = int(province_code)
    return sorted((w for w in Ward.iter_all() if int(w.province_code) == code), key=lambda w: fold(w.name))


def find_ward(province_code, name):
    """The ward of that province whose name matches, ignoring case, accents and the
    'xã'/'phường' prefix; None when there is no such ward."""
    wanted = fold(name)
    for ward in wards_of(province_code):
        full = fold(ward.name)
        bare = full.split(" ", 1)[1] if full.startswith(("xa ", "phuong ")) else full
        if wanted in (full, bare) or wanted == f"dac khu {bare}":
            return ward
    return None
