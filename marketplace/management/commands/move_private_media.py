"""Move private uploads that still sit in the public MEDIA_ROOT (e.g. restored from an old backup)
into PRIVATE_MEDIA_ROOT. The data migrations of issue 17 did this once; this command is idempotent."""
from django.apps import apps
from django.core.management.base import BaseCommand

from marketplace.private_files import move_to_private_storage

PRIVATE_FIELDS = [
    ("shops.ApplicationDocument", "file"),
    ("evaluation.DossierDocument", "file"),
    ("evaluation.RevocationProposal", "evidence"),
    ("catalogue.OcopCertificate", "scan"),
    ("complaints.ReturnPhoto", "image"),
]


class Command(BaseCommand):
    help = "Move private uploads from MEDIA_ROOT to PRIVATE_MEDIA_ROOT (same names)."

    def handle(self, *args, **options):
        total = 0
        for label, field in PRIVATE_FIELDS:
            total += move_to_private_storage(apps.get_model(label), field, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"{total} file(s) moved."))
