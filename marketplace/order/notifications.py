"""E-mails to the shopper on payment, shipping and delivery (placement is Oscar's own
ORDER_PLACED message), in Vietnamese or in English when the order was placed in English."""
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

KINDS = ("paid", "shipped", "delivered")


def order_email_send(*, order, kind, parcel=None):
    if kind not in KINDS or not order.email:
        return
    payment = getattr(order, "payment", None)
    language = "en" if payment is not None and payment.language == "en" else "vi"
    context = {"order": order, "parcel": parcel, "payment": payment, "shop_name": settings.OSCAR_SHOP_NAME}

    def send():
        with translation.override(language):
            subject = render_to_string(f"checkout/emails/{language}/{kind}_subject.txt", context).strip()
            body = render_to_string(f"checkout/emails/{language}/{kind}_body.txt", context)
        send_mail(subject, body, settings.OSCAR_FROM_EMAIL, [order.email], fail_silently=True)

    transaction.on_commit(send)
