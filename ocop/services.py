"""Writes of the OCOP programme (certificates on the forked catalogue models): certificates, batches, inspections, targets, expiry reminders."""
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue import locks
from background.services import mail_enqueue
from ocop import rules as ocop_rules
from ocop.scans import scan_extension

OcopCertificate = get_model("catalogue", "OcopCertificate")
ProductionBatch = get_model("catalogue", "ProductionBatch")
Inspection = get_model("catalogue", "Inspection")
ProgrammeTarget = get_model("catalogue", "ProgrammeTarget")
RawMaterialArea = get_model("catalogue", "RawMaterialArea")

logger = logging.getLogger(__name__)


def _attach_scan(certificate, scan):
    if not scan:
        return
    extension = scan_extension(scan)  # raises ValidationError for a wrong type or size
    name = f"qd-{get_random_string(10).lower()}.{extension}"
    if isinstance(scan, UploadedFile):
        scan.name = name
    certificate.scan.save(name, scan, save=False)


@transaction.atomic
def certificate_register(
    *,
    product,
    stars,
    decision_number,
    decision_date,
    by,
    issuing_authority=None,
    score=None,
    valid_until=None,
    scan=None,
    is_demo=False,
    renewal_of=None,
):
    """Record a certificate decision (a new one, or a renewal when `renewal_of` is given)."""
    certificate = OcopCertificate(
        product=product,
        stars=stars,
        score=score,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        issuing_authority=issuing_authority or ocop_rules.issuing_level(stars),
        valid_until=valid_until or ocop_rules.default_valid_until(decision_date),
        is_demo=is_demo,
        renewal_of=renewal_of,
        registered_by=by,
    )
    certificate.full_clean(exclude=["scan"])
    if OcopCertificate.objects.filter(product=product, decision_number__iexact=certificate.decision_number).exists():
        raise ValidationError({"decision_number": _("Sản phẩm này đã có quyết định số này.")})
    _attach_scan(certificate, scan)
    certificate.save()
    return certificate


def certificate_renew(*, previous, stars, decision_number, decision_date, by, **kwargs):
    """A re-evaluation: a new decision for the same product, linked to the one it renews."""
    if previous.is_revoked:
        raise ValidationError(_("Không thể gia hạn một chứng nhận đã bị thu hồi; hãy cấp chứng nhận mới."))
    if decision_date < previous.decision_date:
        raise ValidationError({"decision_date": _("Quyết định gia hạn phải sau quyết định cũ.")})
    return certificate_register(
        product=previous.product,
        stars=stars,
        decision_number=decision_number,
        decision_date=decision_date,
        by=by,
        renewal_of=previous,
        **kwargs,
    )


@transaction.atomic
def certificate_revoke(*, certificate, reason, by):
    """Revoke now: the product leaves sale the same second (the gate reads the status)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy nhập lý do thu hồi.")})
    (locked,) = locks.lock_certificates([certificate.pk])
    if locked.is_revoked:
        raise ValidationError(_("Chứng nhận này đã bị thu hồi trước đó."))
    locked.status = OcopCertificate.Status.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revocation_reason = reason
    locked.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
    product_id = locked.product_id
    transaction.on_commit(lambda: _live_sessions_enforce(product_id))
    return locked


def _live_sessions_enforce(product_id):
    """A revoked product leaves live sessions at once: unpinned, its offer ended, for every viewer."""
    from livestream.services import gate_enforce

    gate_enforce(product=product_id)


@dataclass
class ReminderRun:
    sent: list = field(default_factory=list)
    without_email: list = field(default_factory=list)
    failed: list = field(default_factory=list)


def expiry_reminders_send(*, on=None, within_days=ocop_rules.EXPIRY_WARNING_DAYS):
    """Email each producer once about a certificate expiring within `within_days` days.

    Safe to run daily (and twice at once): a certificate is claimed by a conditional
    UPDATE before its mail goes out, so no reminder is sent twice.
    """
    on = on or timezone.localdate()
    run = ReminderRun()
    due = (
        OcopCertificate.objects.expiring_within(within_days, on=on)
        .filter(expiry_reminder_sent_at__isnull=True)
        .select_related("product")
        .prefetch_related("product__stockrecords__partner__producer_profile")
        .order_by("valid_until", "pk")
    )
    for certificate in due:
        profile = certificate.product.producer_profile()
        email = profile.contact_email if profile else ""
        if not email:
            run.without_email.append(certificate)
            continue
        claimed = OcopCertificate.objects.filter(pk=certificate.pk, expiry_reminder_sent_at__isnull=True).update(
            expiry_reminder_sent_at=timezone.now()
        )
        if not claimed:
            continue
        context = {"certificate": certificate, "product": certificate.product, "profile": profile, "today": on}
        try:
            # Recorded and sent by a worker (background.OutboundEmail: retried while the mail
            # server is down, then shown as failed in the admin); one per certificate and expiry date.
            mail_enqueue(
                key=f"ocop-expiry:{certificate.pk}:{certificate.valid_until.isoformat()}",
                subject=_("Chứng nhận OCOP của %(product)s sắp hết hạn (%(date)s)")
                % {"product": certificate.product.title, "date": certificate.valid_until.strftime("%d/%m/%Y")},
                body=render_to_string("ocop/emails/expiry_reminder.txt", context),
                to=email,
            )
        except Exception:  # could not even be recorded: release the claim so tomorrow's run retries
            logger.exception("expiry reminder for certificate %s failed", certificate.pk)
            OcopCertificate.objects.filter(pk=certificate.pk).update(expiry_reminder_sent_at=None)
            run.failed.append(certificate)
            continue
        run.sent.append(certificate)
    return run


@transaction.atomic
def batch_register(*, product, lot_code, production_date, best_before, quantity, by, raw_material_area=None):
    batch = ProductionBatch(
        product=product,
        lot_code=lot_code.strip(),
        production_date=production_date,
        best_before=best_before,
        quantity=quantity,
        raw_material_area=raw_material_area or product.raw_material_area,
        created_by=by,
    )
    batch.full_clean(exclude=["trace_code"])
    batch.save()
    return batch


@transaction.atomic
def inspection_record(*, partner, inspected_on, inspector, result, by, batch=None, notes=""):
    inspection = Inspection(
        partner=partner,
        batch=batch,
        inspected_on=inspected_on,
        inspector=inspector.strip(),
        result=result,
        notes=notes.strip(),
        recorded_by=by,
    )
    inspection.full_clean()
    inspection.save()
    return inspection


@transaction.atomic
def target_set(*, year, kind, target, by):
    record, _created = ProgrammeTarget.objects.update_or_create(
        year=year, kind=kind, defaults={"target": target, "set_by": by}
    )
    return record


@transaction.atomic
def area_register(*, partner, name, by, commune="", district="", area_hectares=None, standards=()):
    area = RawMaterialArea(
        partner=partner,
        name=name.strip(),
        commune=commune.strip(),
        district=district.strip(),
        area_hectares=area_hectares,
        standards=list(standards),
    )
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def product_area_set(*, product, raw_material_area, by):
    product.raw_material_area = raw_material_area
    product.save(update_fields=["raw_material_area"])
    return product
