"""Oscar's order event handler, so staff changing an order's status in Oscar's dashboard
("change order status") moves its parcels: the stock follows (`marketplace.stock`) and the
order's status is derived from the parcels, never set directly."""
from oscar.apps.order.processing import EventHandler as OscarEventHandler

from marketplace.order import services as order_services


class EventHandler(OscarEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        if new_status not in order.available_statuses():
            from oscar.apps.order.exceptions import InvalidOrderStatus

            raise InvalidOrderStatus(new_status)
        order_services.order_status_apply(order=order, status=new_status, user=self.user)
        if note_msg:
            self.create_note(order, note_msg)
