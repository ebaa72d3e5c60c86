"""Oscar's order placement with an upper bound on stock allocation and producer parcels.

Oscar allocates stock in stock-record order inside a transaction, but `allocate()`
never checks the level, so concurrent buyers could oversell. Here each stock record is
locked (SELECT … FOR UPDATE, pk order) and re-checked under the lock; the database
constraint on StockRecord (num_allocated ≤ num_in_stock) is the last line of defence.
"""
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.apps.communication.utils import Dispatcher
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder

from gift_baskets.services import components_allocate as gift_components_allocate
from marketplace.order import locks
from marketplace.order.services import parcels_create_for_order

OrderNumberGenerator = oscar_utils.OrderNumberGenerator


class OutboxDispatcher(Dispatcher):
    """Oscar's dispatcher whose e-mails are recorded (background.OutboundEmail, keyed by the
    event and recipient) and sent by a worker after the commit, instead of inside the request."""

    event_key = "oscar"

    def send_email_messages(self, recipient_email, messages, from_email=None, attachments=None):
        from django.core.mail import EmailMultiAlternatives

        from background.services import mail_enqueue

        from_email = from_email or settings.OSCAR_FROM_EMAIL
        mail_enqueue(
            key=f"{self.event_key}:{recipient_email}", to=recipient_email, subject=messages["subject"],
            body=messages["body"], html_body=messages.get("html") or "", from_email=from_email,
        )
        # What Oscar keeps (customer.Email when OSCAR_SAVE_SENT_EMAILS_TO_DB) reads this object.
        return EmailMultiAlternatives(messages["subject"], messages["body"], from_email=from_email, to=[recipient_email])


class OrderDispatcher(oscar_utils.OrderDispatcher):
    def __init__(self, logger=None, mail_connection=None):
        super().__init__(logger=logger, mail_connection=mail_connection)
        self.dispatcher = OutboxDispatcher(logger=logger, mail_connection=mail_connection)

    def dispatch_order_messages(self, order, messages, event_code, attachments=None, **kwargs):
        self.dispatcher.event_key = f"order:{order.number}:{event_code}"
        return super().dispatch_order_messages(order, messages, event_code, attachments=attachments, **kwargs)


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
