"""E-mails about a return request: to the shopper when it is answered, decided or refunded
(Vietnamese, or English when the order was placed in English — as the order e-mails), and to
the producer's users when a request arrives. Each is recorded in the caller's transaction
(background.OutboundEmail, one per request and event) and sent by a worker after the commit."""
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from background.services import mail_enqueue

KINDS = ("answered", "decided", "refunded")


def _language(order):
    payment = getattr(order, "payment", None)
    return "en" if payment is not None and payment.language == "en" else "vi"


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _request_path(request):
    """The shopper's page of the request: their account, or for a guest order the page behind
    Oscar's signed order-status link (the e-mail form asks for the order's e-mail first)."""
    if request.user_id is None:
        order = request.order
        return reverse(
            "complaints:guest-detail",
            kwargs={"order_number": order.number, "hash": order.verification_hash(), "pk": request.pk},
        )
    return reverse("complaints:detail", kwargs={"pk": request.pk})


def customer_notify(*, request, kind):
    order = request.order
    if kind not in KINDS or not order.email:
        return
    from marketplace.complaints.models import ReturnRequest

    language = _language(order)
    fresh = ReturnRequest.objects.select_related("order", "line", "partner").get(pk=request.pk)
    with translation.override(language):
        context = {
            "request": fresh, "order": fresh.order, "refund": getattr(fresh, "refund", None),
            "shop_name": settings.OSCAR_SHOP_NAME,
            "url": _absolute(_request_path(fresh)),
        }
        subject = render_to_string(f"complaints/emails/{language}/{kind}_subject.txt", context).strip()
        body = render_to_string(f"complaints/emails/{language}/{kind}_body.txt", context)
    mail_enqueue(key=f"return:{fresh.pk}:{kind}", to=fresh.order.email, subject=subject, body=body,
                 from_email=settings.OSCAR_FROM_EMAIL)


def producer_notify(*, request):
    recipients = [email for email in request.partner.users.values_list("email", flat=True) if email]
    if not recipients:
        return
    from marketplace.complaints.models import ReturnRequest

    pk = request.pk
    fresh = ReturnRequest.objects.select_related("order", "line", "partner__producer_profile").get(pk=pk)
    profile = getattr(fresh.partner, "producer_profile", None)
    url = _absolute(reverse("complaints:producer-detail", kwargs={"slug": profile.slug, "pk": pk})) if profile else ""
    with translation.override("vi"):
        context = {"request": fresh, "order": fresh.order, "url": url, "shop_name": settings.OSCAR_SHOP_NAME}
        subject = render_to_string("complaints/emails/vi/producer_new_subject.txt", context).strip()
        body = render_to_string("complaints/emails/vi/producer_new_body.txt", context)
    mail_enqueue(key=f"return:{pk}:producer_new", to=recipients, subject=subject, body=body,
                 from_email=settings.OSCAR_FROM_EMAIL)


def staff_digest_send(*, on, escalated, overdue_refunds, recipients):
    """One e-mail a day to each staff member who decides returns: requests waiting for their
    decision and transfer refunds past TRANSFER_REFUND_DAYS (both also flagged on the staff page)."""
    from marketplace.complaints import rules

    if not (escalated or overdue_refunds):
        return 0
    with translation.override("vi"):
        context = {
            "escalated": escalated, "overdue_refunds": overdue_refunds, "on": on, "days": rules.TRANSFER_REFUND_DAYS,
            "url": _absolute(reverse("complaints:staff-list")), "shop_name": settings.OSCAR_SHOP_NAME,
        }
        subject = render_to_string("complaints/emails/vi/staff_digest_subject.txt", context).strip()
        body = render_to_string("complaints/emails/vi/staff_digest_body.txt", context)
    sent = 0
    for user_id, email in recipients:
        sent += mail_enqueue(key=f"return-digest:{on.isoformat()}:{user_id}", to=email, subject=subject, body=body,
                             from_email=settings.OSCAR_FROM_EMAIL)
    return sent
