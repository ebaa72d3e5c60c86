"""Catalogue text shown in Vietnamese on an English page says so, the same way everywhere.

    <div class="product-description"{% fallback_lang product "description" %}>…</div>
    {% untranslated_note product "description" %}

`fallback_lang` marks the element `lang="vi"` (screen readers switch voice) and
`untranslated_note` adds "(in Vietnamese)"; both are empty on Vietnamese pages and when the
English text exists. The rule itself is `marketplace.content_language.shows_fallback`.
"""
from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from marketplace.content_language import CANONICAL_LANGUAGE, shows_fallback

register = template.Library()


@register.simple_tag
def fallback_lang(obj, field):
    if not shows_fallback(obj, field):
        return ""
    return format_html(' lang="{}"', CANONICAL_LANGUAGE)


@register.simple_tag
def untranslated_note(obj, field):
    if not shows_fallback(obj, field):
        return ""
    return format_html(
        ' <span class="untranslated-note" lang="{}">{}</span>', get_language(), gettext("(bằng tiếng Việt)")
    )
