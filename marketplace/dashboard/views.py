"""The dashboard index, with producers' figures limited to their own order lines.

Oscar filters a partner user's orders to those holding one of their lines but then sums
whole order totals, which would show a producer the other producers' sales in a
multi-producer order.
"""
from datetime import timedelta
from decimal import Decimal as D

from django.db.models import Sum
from django.utils.timezone import now
from oscar.apps.dashboard import views as oscar_views
from oscar.core.loading import get_model

Line = get_model("order", "Line")


def _revenue(lines):
    return lines.aggregate(total=Sum("line_price_incl_tax"))["total"] or D("0")


class IndexView(oscar_views.IndexView):
    def get_stats(self):
        stats = super().get_stats()
        user = self.request.user
        if user.is_staff:
            return stats
        own_lines = Line.objects.filter(partner__users=user)
        last_day = own_lines.filter(order__date_placed__gt=now() - timedelta(hours=24))
        per_order = [row["total"] for row in last_day.values("order").annotate(total=Sum("line_price_incl_tax"))]
        stats.update(
            total_revenue=_revenue(own_lines),
            total_revenue_last_day=_revenue(last_day),
            average_order_costs=(sum(per_order) / len(per_order)) if per_order else D("0"),
            # The hourly chart sums whole orders; producers get no chart rather than a wrong one.
            hourly_report_dict={"order_total_hourly": [], "max_revenue": 0, "y_range": []},
        )
        return stats
