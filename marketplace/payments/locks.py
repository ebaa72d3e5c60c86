"""Every row lock the payments app takes (one row at a time, by primary key)."""
from marketplace.payments.models import OrderPayment


def payment_for_update(**lookup):
    return OrderPayment.objects.select_for_update().select_related("order").get(**lookup)