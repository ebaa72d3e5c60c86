"""Cancel click & collect reservations not collected within SALES_POINT_PICKUP_HOLD_DAYS and
release their stock. Run it on a schedule (e.g. every 15 minutes)."""
from django.core.management.base import BaseCommand

from sales_points.services import pickups_expire


class Command(BaseCommand):
    help = "Hủy các đơn nhận tại điểm bán quá hạn nhận và trả hàng về kho."

    def handle(self, *args, **options):
        count = pickups_expire()
        self.stdout.write(f"{count} reservation(s) cancelled")
