"""The project's copy of the Bắc Kạn OCOP facts (from shared/data, copied into the repo)."""
import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
UNCONFIRMED = "unconfirmed"


@lru_cache(maxsize=None)
def ocop_facts():
    with open(DATA_DIR / "ocop_backan.json", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def communes_2020_2025():
    with open(DATA_DIR / "backan_communes_2020_2025.json", encoding="utf-8") as fh:
        return json.load(fh)


def confirmed(value):
    """None for facts the data marks as unconfirmed: they are never shown as fact."""
    return None if value in (None, "", UNCONFIRMED) else value
