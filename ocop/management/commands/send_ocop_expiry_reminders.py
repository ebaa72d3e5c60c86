"""Daily: list certificates expiring within 30 days and email each producer once."""
from django.core.management.base import BaseCommand

from ocop import rules as ocop_rules, selectors, services


class Command(BaseCommand):
    help = "Nhắc chủ thể OCOP có chứng nhận hết hạn trong 30 ngày tới (mỗi chứng nhận nhắc một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=ocop_rules.EXPIRY_WARNING_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="only list, send nothing")

    def handle(self, *args, days, dry_run, **options):
        expiring = list(selectors.expiring_certificates(within_days=days))
        self.stdout.write(f"{len(expiring)} certificate(s) expire within {days} days:")
        for certificate in expiring:
            sent = certificate.expiry_reminder_sent_at
            self.stdout.write(
                f"  {certificate.valid_until:%d/%m/%Y}  {certificate.decision_number}  {certificate.product.title}"
                + (f"  (reminded {sent:%d/%m/%Y})" if sent else "")
            )
        if dry_run:
            return
        run = services.expiry_reminders_send(within_days=days)
        for certificate in run.sent:
            self.stdout.write(self.style.SUCCESS(f"  sent: {certificate.decision_number} {certificate.product.title}"))
        for certificate in run.without_email:
            self.stdout.write(
                self.style.WARNING(f"  no contact email: {certificate.decision_number} {certificate.product.title}")
            )
        for certificate in run.failed:
            self.stdout.write(self.style.ERROR(f"  failed (will retry): {certificate.decision_number}"))
        self.stdout.write(f"{len(run.sent)} sent, {len(run.without_email)} without email, {len(run.failed)} failed")
