"""Admin choosers for shop objects used in StreamField blocks (Wagtail's ChooserViewSet)."""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "pick"
    choose_one_text = _("Chọn sản phẩm")
    choose_another_text = _("Chọn sản phẩm khác")
    edit_item_text = _("Sửa sản phẩm")
    per_page = 20
    register_widget = False  # keep Django's default widgets for catalogue.Product foreign keys elsewhere

    def get_object_list(self):
        from oscar.core.loading import get_model

        return get_model("catalogue", "Product").objects.filter(parent__isnull=True).order_by("title", "pk")


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="product-chooser")
