from wagtail.snippets.models import register_snippet

from gift_baskets.models import CultureTheme

register_snippet(CultureTheme)
