"""Writes of the OCOP programme (certificates on the forked catalogue models): certificates, batches, inspections, targets, expiry reminders."""
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue import locks
from background.services import mail_enqueue
from ocop import rules as ocop_rules
from ocop.scans import checked_scan

OcopCertificate = get_model("catalogue", "OcopCertificate")
ProductionBatch = get_model("catalogue", "ProductionBatch")
Inspection = get_model("catalogue", "Inspection")
ProgrammeTarget = get_model("catalogue", "ProgrammeTarget")
RawMaterialArea = get_model("catalogue", "RawMaterialArea")

logger = logging.getLogger(__name__)


def _has_entry(product):
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return product.registry_entry is not None
    except ObjectDoesNotExist:
        return False


def _attach_scan(certificate, scan):
    if not scan:
        return
    content = checked_scan(scan)  # raises ValidationError for a wrong type or size; random name
    certificate.scan.save(content.name, content, save=False)


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
    entry=None,
):
    """Record a certificate decision (a new one, or a renewal when `renewal_of` is given).

    `product` is the product sold here, `entry` the registry entry; either may be given and the
    other follows from their one-to-one link (a registry product not sold here has no product).
    """
    if entry is None and product is not None:
        entry = getattr(product, "registry_entry", None) if _has_entry(product) else None
    if product is None and entry is not None:
        product = entry.product
    certificate = OcopCertificate(
        product=product,
        entry=entry,
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
    same = OcopCertificate.objects.filter(decision_number__iexact=certificate.decision_number)
    same = same.filter(product=product) if product is not None else same.filter(entry=entry)
    if same.exists():
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
        entry=previous.entry,
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
        .filter(expiry_reminder_sent_at__isnull=True, product__isnull=False)
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
def target_set(*, year, kind, target, by, source=""):
    record, _created = ProgrammeTarget.objects.update_or_create(
        year=year, kind=kind, defaults={"target": target, "set_by": by, "source": (source or "").strip()}
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


# --- The province's OCOP registry (ocop.RegistryEntry) ----------------------------------------

REGISTRY_FIELDS = (
    "name", "producer_name", "producer_kind", "commune_code", "district", "new_ward_code", "group", "subgroup",
    "listed_stars", "raw_material_area", "standards", "source", "is_demo",
)


def registry_next_code():
    from ocop.models import RegistryEntry

    last = RegistryEntry.objects.filter(code__startswith="BK-").order_by("-code").values_list("code", flat=True).first()
    number = int(last[3:]) + 1 if last and last[3:].isdigit() else 1
    return f"BK-{number:05d}"


@transaction.atomic
def registry_entry_save(*, by, entry=None, product=None, **fields):
    """Create or update a registry entry (officers; the seed and the import use it too)."""
    from ocop.models import RegistryEntry

    unknown = set(fields) - set(REGISTRY_FIELDS) - {"code"}
    if unknown:
        raise TypeError(f"unknown registry fields: {sorted(unknown)}")
    entry = entry or RegistryEntry(code=fields.pop("code", "") or registry_next_code())
    fields.pop("code", None)
    for name, value in fields.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    if entry.commune_code and not entry.district:
        from ocop import places

        unit = places.by_code().get(entry.commune_code)
        entry.district = unit["district"] if unit else ""
    entry.updated_by = by
    entry.full_clean(exclude=["product", "updated_by"])
    entry.save()
    if product is not None:
        registry_link_product(entry=entry, product=product)
    return entry


@transaction.atomic
def registry_link_product(*, entry, product):
    """The entry IS the product sold here: link them and give each certificate both references."""
    entry.product = product
    entry.save(update_fields=["product", "updated_at"])
    # A decision recorded on both sides is one decision: keep the product's row.
    numbers = list(OcopCertificate.objects.filter(product=product).values_list("decision_number", flat=True))
    OcopCertificate.objects.filter(entry=entry, product__isnull=True, decision_number__in=numbers).delete()
    OcopCertificate.objects.filter(entry=entry).update(product=product)
    OcopCertificate.objects.filter(product=product, entry__isnull=True).update(entry=entry)
    return entry


def registry_certificate_add(*, entry, stars, decision_number, decision_date, by, **kwargs):
    """A decision for a registry product (sold here or not)."""
    return certificate_register(
        product=entry.product, entry=entry, stars=stars, decision_number=decision_number,
        decision_date=decision_date, by=by, **kwargs,
    )


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    certificates: int = 0
    errors: list = field(default_factory=list)  # [(line number, message)]


def registry_import(*, uploaded, by):
    """Bulk import from a spreadsheet (CSV or XLSX). Every line is checked first; when any line is
    wrong nothing is saved and each error is reported with its line number."""
    from ocop import registry_import as parser

    result = ImportResult()
    try:
        rows = parser.read_rows(uploaded)
    except ValidationError as error:
        result.errors.append((0, " ".join(error.messages)))
        return result
    parsed = []
    for line, row in rows:
        try:
            parsed.append((line, parser.clean_row(row)))
        except ValidationError as error:
            messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for name, texts in messages.items():
                for text in texts:
                    result.errors.append((line, f"{name}: {text}" if name and name != "__all__" else text))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for line, data in parsed:
                _import_one(line, data, by, result)
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = result.updated = result.certificates = 0
    return result


class _Rollback(Exception):
    pass


def _import_one(line, data, by, result):
    from ocop.models import RegistryEntry

    certificate = data.pop("certificate", None)
    entry = RegistryEntry.objects.filter(code=data.get("code")).first() if data.get("code") else None
    try:
        with transaction.atomic():
            saved = registry_entry_save(by=by, entry=entry, **data)
            if certificate and not saved.certificates.filter(decision_number__iexact=certificate["decision_number"]).exists():
                registry_certificate_add(entry=saved, by=by, **certificate)
                result.certificates += 1
    except ValidationError as error:
        for text in error.messages:
            result.errors.append((line, text))
        return
    if entry is None:
        result.created += 1
    else:
        result.updated += 1
