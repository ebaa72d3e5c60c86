from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.choosers import product_chooser_viewset
from cms.models import NewsCategory


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


register_snippet(NewsCategory)
