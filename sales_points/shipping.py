"""Click & collect at an official sales point, as Oscar shipping methods.

The checkout's shipping Repository can offer these next to its parcels:
`methods = [...] + pickup_methods(basket)`; the chosen code (`sales-point-pickup-<pk>`) is stored on
the order, and `point_for_code(code)` finds the point again.
"""
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from oscar.apps.shipping.methods import Free

from sales_points import selectors
from sales_points.models import SalesPoint

CODE_PREFIX = "sales-point-pickup-"


class PickupAtPoint(Free):
    """Free: the customer collects the order at the point, during its opening hours."""

    def __init__(self, point):
        self.point = point
        self.code = f"{CODE_PREFIX}{point.pk}"
        self.name = _("Lấy tại điểm bán: %(name)s") % {"name": point.name}
        hours = format_html_join(
            ", ",
            "{} {}–{}",
            (
                (period.get_weekday_display(), period.opens.strftime("%H:%M"), period.closes.strftime("%H:%M"))
                for period in point.opening_periods.all()
            ),
        )
        self.description = format_html(
            "{}<br>{} {}", point.address(), _("Giờ mở cửa:"), hours or _("chưa cập nhật")
        )


def pickup_methods(basket):
    """One method per approved point that offers pick-up and lists every basket product in stock."""
    products = [line.product for line in basket.all_lines()]
    return [PickupAtPoint(point) for point in selectors.pickup_points_for_products(products)]


def point_for_code(code):
    if not code or not code.startswith(CODE_PREFIX):
        return None
    try:
        pk = int(code[len(CODE_PREFIX):])
    except ValueError:
        return None
    return SalesPoint.objects.recognised().filter(pk=pk).first()
