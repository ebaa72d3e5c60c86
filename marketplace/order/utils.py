"""Oscar's order placement with an upper bound on stock allocation and producer parcels.

Oscar allocates stock line by line and `allocate()` never checks the level, so concurrent
buyers could oversell. Here every stock record the basket draws on (gift-basket components
included) is locked once, in primary-key order, before any allocation (`marketplace.stock.hold`),
and each line is allocated under that lock with the free stock re-checked
(`marketplace.stock.allocate`); the database constraint on StockRecord
(num_allocated ≤ num_in_stock) is the last line of defence.
"""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder

from marketplace import stock
from marketplace.order.services import parcels_create_for_order

OrderNumberGenerator = oscar_utils.OrderNumberGenerator
OrderDispatcher = oscar_utils.OrderDispatcher


class OrderCreator(oscar_utils.OrderCreator):
    def place_order(self, basket, *args, **kwargs):
        self._order_lines = {}
        try:
            with transaction.atomic():
                self._held = stock.hold(basket=basket)
                order = super().place_order(basket, *args, **kwargs)
                parcels_create_for_order(order=order, basket=basket)
        except IntegrityError as error:
            # The stock constraint refused an allocation the lock did not catch.
            raise UnableToPlaceOrder(_("Hết hàng: một sản phẩm trong giỏ không còn đủ số lượng.")) from error
        return order

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        order_line = super().create_line_models(order, basket_line, extra_line_fields)
        self._order_lines[basket_line.pk] = order_line
        return order_line

    def update_stock_records(self, line):
        stock.allocate(held=self._held, basket_line=line, order_line=self._order_lines[line.pk])
