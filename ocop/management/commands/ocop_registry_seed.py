from django.core.management.base import BaseCommand
from django.db import transaction

from ocop.registry_seed import registry_seed


class Command(BaseCommand):
    help = "Seed the OCOP registry from ocop/data/ocop_backan.json (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            registry_seed(log=self.stdout.write)
