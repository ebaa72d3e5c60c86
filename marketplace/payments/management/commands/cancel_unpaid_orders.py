from django.core.management.base import BaseCommand

from marketplace.payments.services import payments_cancel_expired


class Command(BaseCommand):
    help = "Cancel orders whose transfer (or card payment) did not arrive in time, releasing their stock."

    def handle(self, *args, **options):
        cancelled = payments_cancel_expired()
        self.stdout.write(f"cancelled {len(cancelled)} unpaid orders: {', '.join(cancelled) or '-'}")
