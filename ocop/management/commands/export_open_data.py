from django.core.management.base import BaseCommand

from ocop.open_data import bulk_export


class Command(BaseCommand):
    help = "Write the daily open data files (registry JSON/CSV, products JSON, licence) to open-data/."

    def handle(self, *args, **options):
        for name, size in bulk_export().items():
            self.stdout.write(f"open-data/{name}: {size} bytes")
