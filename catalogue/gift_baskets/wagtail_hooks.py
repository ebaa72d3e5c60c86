from wagtail.snippets.models import register_snippet

from catalogue.gift_baskets.models import CultureTheme

register_snippet(CultureTheme)
