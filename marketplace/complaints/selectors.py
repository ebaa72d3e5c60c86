"""Reads: whose requests a user sees, and refunds per producer for the settlement."""
from collections import defaultdict

from django.db.models import Sum

from marketplace.complaints.models import Refund, ReturnRequest


def _base():
    return ReturnRequest.objects.select_related("order", "line", "partner", "refund").prefetch_related("photos")


def requests_of_shopper(user):
    if not user.is_authenticated:
        return ReturnRequest.objects.none()
    return _base().filter(user=user, order__user=user)


def requests_of_guest_order(order):
    return _base().filter(order=order, user=None, order__user=None)


def requests_of_partner(partner):
    return _base().filter(partner=partner)


def requests_for_staff(*, status=None):
    queryset = _base().select_related("user")
    if status == "todo":
        queryset = queryset.filter(status__in=[ReturnRequest.Status.ESCALATED, *ReturnRequest.REFUND_DUE])
    elif status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("status", "-created_at")


def refunds_by_order_and_partner(order_ids):
    """{(order_id, partner_id): đồng} of complaint refunds on those orders."""
    rows = (
        Refund.objects.filter(order_id__in=list(order_ids))
        .values("order_id", "partner_id")
        .annotate(total=Sum("amount"))
    )
    result = defaultdict(int)
    for row in rows:
        result[(row["order_id"], row["partner_id"])] += int(row["total"] or 0)
    return result
