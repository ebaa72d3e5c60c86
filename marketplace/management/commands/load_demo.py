from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace.demo import run_all
from marketplace.demo_steps import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD


class Command(BaseCommand):
    help = "Load the Bắc Kạn demo data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            run_all(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo admin: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}")
