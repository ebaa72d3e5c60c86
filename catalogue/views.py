"""Oscar's catalogue views; the product page loads in one go the rows its template reads."""
from django.db.models import Prefetch
from oscar.apps.catalogue.views import *  # noqa: F401,F403
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        # Stock records with their producer (price, availability, producer chip), pictures and
        # certificates (stars badge, on-sale gate): read by several blocks, fetched once here.
        return (
            super()
            .get_queryset()
            .select_related("product_class")
            .prefetch_related(
                Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__producer_profile").order_by("pk")),
                "images",
                "ocop_certificates",
            )
        )
