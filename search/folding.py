"""Vietnamese folding: the one definition of "the same text without accents".

Everyone imports it: search backends, place names (ocop/places.py), provinces and wards at
checkout (marketplace/checkout/vietnam.py), the ASCII VietQR transfer message, slugs.

Both backends use it: the database backend stores folded text and folds queries with
it; the Elasticsearch backend indexes the folded field with it (the index is fed
pre-folded text, so Python and the index agree on "đ" → "d" and every tone mark).
"""
import re
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def strip_accents(text):
    """Vietnamese without tone marks or diacritics, case kept: 'Chè Đà Nẵng' → 'Che Da Nang'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_SPECIAL))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn"))


def fold(text):
    """Lower-case, strip Vietnamese diacritics (đ → d), collapse punctuation and spaces.

    >>> fold("Miến dong Tài Hoan")
    'mien dong tai hoan'
    >>> fold("Bánh trôi chợ Đồn")
    'banh troi cho don'
    """
    if not text:
        return ""
    return " ".join(_NON_WORD.sub(" ", strip_accents(text).lower()).replace("_", " ").split())


def normalise(text):
    """Lower-case, NFC, single spaces, accents kept (for exact-accent boosts)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).lower()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def tokens(text):
    return fold(text).split()


def slug(text):
    """An ASCII slug of Vietnamese text: folded first, so 'Điểm bán Đồn' → 'diem-ban-don'
    (Django's slugify alone drops 'Đ')."""
    from django.utils.text import slugify

    return slugify(strip_accents(text))


def slugify(value, allow_unicode=False):
    """slug() with the signature of Oscar's OSCAR_SLUG_FUNCTION (product and category slugs):
    'HTX Thành Đạt' → 'htx-thanh-dat'. `allow_unicode` is ignored on purpose."""
    return slug(value)
