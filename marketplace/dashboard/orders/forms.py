"""Oscar's order dashboard forms, with order statuses shown by their labels (codes are stored)."""
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403

from marketplace.order.models import OrderStatus


def _labelled(codes):
    return [(code, OrderStatus(code).label if code in OrderStatus.values else code) for code in codes]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "---------")] + _labelled(OrderStatus.values)


class OrderStatusForm(oscar_forms.OrderStatusForm):
    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.fields["new_status"].choices = _labelled(order.available_statuses())
