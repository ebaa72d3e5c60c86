"""Vietnamese folding: the one definition of "the same text without accents".

Both backends use it: the database backend stores folded text and folds queries with
it; the Elasticsearch backend indexes the folded field with it (the index is fed
pre-folded text, so Python and the index agree on "đ" → "d" and every tone mark).
"""
import re
import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text):
    """Lower-case, strip Vietnamese diacritics (đ → d), collapse punctuation and spaces.

    >>> fold("Miến dong Tài Hoan")
    'mien dong tai hoan'
    >>> fold("Bánh trôi chợ Đồn")
    'banh troi cho don'
    """
    if not text:
        return ""
    text = str(text).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(_NON_WORD.sub(" ", stripped.lower()).replace("_", " ").split())


def normalise(text):
    """Lower-case, NFC, single spaces, accents kept (for exact-accent boosts)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).lower()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def tokens(text):
    return fold(text).split()
