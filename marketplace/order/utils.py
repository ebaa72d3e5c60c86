"""Oscar's order placement with an upper bound on stock allocation and producer parcels.

Oscar allocates stock in stock-record order inside a transaction, but `allocate()`
never checks the level, so concurrent buyers could oversell. Here each stock record is
locked (SELECT … FOR UPDATE, pk order) and re-checked under the lock; the database
constraint on StockRecord (num_allocated ≤ num_in_stock) is the last line of defence.
"""
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder

from gift_baskets.services import components_allocate as gift_components_allocate
from marketplace.order import locks
from marketplace.order.services import parcels_create_for_order

OrderNumberGenerator = oscar_utils.OrderNumberGenerator
OrderDispatcher = oscar_utils.OrderDispatcher


def out_of_stock_message(title):
    return _("Hết hàng: “%(title)s” không còn đủ số lượng bạn đặt. Vui lòng giảm số lượng hoặc bỏ sản phẩm khỏi giỏ.") % {
        "title": title
    }


class OrderCreator(oscar_utils.OrderCreator):
    def place_order(self, basket, *args, **kwargs):
        try:
            with transaction.atomic():
                order = super().place_order(basket, *args, **kwargs)
                parcels_create_for_order(order=order, basket=basket)
        except IntegrityError as error:
            # The stock constraint refused an allocation the lock did not catch.
            raise UnableToPlaceOrder(_("Hết hàng: một sản phẩm trong giỏ không còn đủ số lượng.")) from error
        return order

    def update_stock_records(self, line):
        """Allocate under the row lock, refusing more than the free stock."""
        if gift_components_allocate(line=line):  # a gift basket allocates its components instead
            return
        if not line.product.get_product_class().track_stock:
            return
        (record,) = locks.stockrecords_for_update([line.stockrecord_id])
        if line.quantity <= 0:
            raise UnableToPlaceOrder(_("Số lượng không hợp lệ."))
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if line.quantity > free:
            raise UnableToPlaceOrder(out_of_stock_message(line.product.get_title()))
        record.allocate(line.quantity)
        line.stockrecord = record
