"""Oscar's order placement with an upper bound on stock allocation and producer parcels.

Oscar allocates stock line by line and `allocate()` never checks the level, so concurrent
buyers could oversell. Here every stock record the basket draws on (gift-basket components
included) is locked once, in primary-key order, before any allocation (`marketplace.stock.hold`),
and each line is allocated under that lock with the free stock re-checked
(`marketplace.stock.allocate`); the database constraint on StockRecord
(num_allocated ≤ num_in_stock) is the last line of defence.
"""
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.apps.communication.utils import Dispatcher
from oscar.apps.order import utils as oscar_utils
from oscar.apps.order.exceptions import UnableToPlaceOrder

from marketplace import stock
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
