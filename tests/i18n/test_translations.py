"""Every string of our apps has an English translation (locale/en), and the pages use them.

The msgids are Vietnamese (the site's language); an English msgstr left empty would show
Vietnamese on /en/. Strings still waiting for a translator are listed in
locale/en/untranslated.txt, which may only shrink: a new string must come with its English.
"""
import json
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def is_vietnamese(text):
    return any(ord(char) > 127 for char in text)


def waiting_list():
    lines = (LOCALE / "en" / "untranslated.txt").read_text(encoding="utf-8").splitlines()
    return {json.loads(line) for line in lines if line and not line.startswith("#")}


def test_every_vietnamese_string_has_an_english_translation_or_is_on_the_waiting_list():
    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    untranslated = {entry.msgid for entry in po if is_vietnamese(entry.msgid) and not entry.translated()}
    new = sorted(untranslated - waiting_list())
    assert not new, f"{len(new)} string(s) without English in locale/en/LC_MESSAGES/django.po: {new[:10]}"


def test_the_waiting_list_only_names_strings_still_untranslated():
    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid for entry in po if entry.translated()}
    stale = sorted(waiting_list() & translated)
    assert not stale, f"translated now, remove from locale/en/untranslated.txt: {stale[:10]}"


def test_placeholders_survive_translation():
    import re

    po = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    pattern = re.compile(r"%\(\w+\)[sd]")
    for entry in po.translated_entries():
        targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for target in targets:
            assert set(pattern.findall(entry.msgid)) == set(pattern.findall(target)), entry.msgid


@pytest.mark.django_db
def test_english_pages_show_english_shop_strings(client):
    page = client.get("/en/catalogue/").content.decode()
    assert "Filter" in page and "Search OCOP products" in page and "Log in / Register" in page
    assert "Đăng nhập / Đăng ký" not in page and "Tìm sản phẩm OCOP" not in page
