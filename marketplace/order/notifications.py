"""E-mails to the shopper on payment, shipping and delivery (placement is Oscar's own
ORDER_PLACED message), in Vietnamese or in English when the order was placed in English."""
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from background.services import mail_enqueue

KINDS = ("paid", "shipped", "delivered")


def order_email_send(*, order, kind, parcel=None):
    if kind not in KINDS or not order.email:
        return
    payment = getattr(order, "payment", None)
    language = "en" if payment is not None and payment.language == "en" else "vi"
    context = {"order": order, "parcel": parcel, "payment": payment, "shop_name": settings.OSCAR_SHOP_NAME}
    with translation.override(language):
        subject = render_to_string(f"checkout/emails/{language}/{kind}_subject.txt", context).strip()
        body = render_to_string(f"checkout/emails/{language}/{kind}_body.txt", context)
    # Recorded in the caller's transaction, sent by a worker after it commits; once per event.
    key = f"order:{order.number}:{kind}" + (f":parcel:{parcel.pk}" if parcel is not None else "")
    mail_enqueue(key=key, to=order.email, subject=subject, body=body, from_email=settings.OSCAR_FROM_EMAIL)
