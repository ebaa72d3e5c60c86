import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "marketplace.checkout"

    def ready(self):
        super().ready()
        self.card_payment_view = get_class("checkout.views", "CardPaymentView")
        self.wards_view = get_class("checkout.views", "wards_json")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                path("card/<str:order_number>/", self.card_payment_view.as_view(), name="card-payment"),
                path("wards/", self.wards_view, name="wards"),
            ]
        )
        return urls
