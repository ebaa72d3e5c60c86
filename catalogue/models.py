"""Oscar's catalogue, with the OCOP certificate and the on-sale rule.

The gate: a product is on sale only while it has a current certificate (stars ≥ 3,
not expired, not revoked), evaluated against today's date. `Product.current_certificate`
and `ProductQuerySet.certified` are its only definitions; the partner Strategy uses the
first, listings the second.
"""
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.content_language import SavedInCanonicalLanguage
from marketplace.private_files import private_storage
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet

from ocop import rules as ocop_rules


class OcopProductQuerySet(OscarProductQuerySet):
    def certified(self, on=None):
        """Products with a current certificate on the given day (default: today)."""
        on = on or timezone.localdate()
        current = OcopCertificate.objects.current(on=on).filter(product=OuterRef("pk"))
        return self.filter(Exists(current))


TRACE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off a printed stamp


def new_trace_code(prefix):
    return prefix + "".join(secrets.choice(TRACE_ALPHABET) for _ in range(8))


class Product(SavedInCanonicalLanguage, AbstractProduct):
    raw_material_area = models.ForeignKey(
        "catalogue.RawMaterialArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
        verbose_name=_("vùng nguyên liệu"),
    )
    trace_code = models.CharField(
        _("mã truy xuất"), max_length=16, unique=True, null=True, blank=True, editable=False
    )

    objects = OcopProductQuerySet.as_manager()

    def save(self, *args, **kwargs):
        if not self.trace_code:
            self.trace_code = new_trace_code("SP")
        super().save(*args, **kwargs)

    def producer_partner(self):
        """The producer (Oscar partner) of the product's first stock record, or None.

        Iterates `stockrecords.all()` so a listing can prefetch them once.
        """
        records = sorted(self.stockrecords.all(), key=lambda record: record.pk)
        return records[0].partner if records else None

    def producer_profile(self):
        partner = self.producer_partner()
        if partner is None:
            return None
        try:
            return partner.producer_profile
        except ObjectDoesNotExist:
            return None

    def current_certificate(self, on=None):
        """The newest certificate valid on the given day, or None.

        Iterates `ocop_certificates.all()` so a listing can prefetch them once.
        """
        on = on or timezone.localdate()
        valid = [certificate for certificate in self.ocop_certificates.all() if certificate.is_current(on=on)]
        return max(valid, key=lambda c: (c.decision_date, c.pk), default=None)

    def is_on_sale(self, on=None):
        if self.is_child:
            return self.parent.is_on_sale(on=on)
        return self.current_certificate(on=on) is not None


class CertificateQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            status=OcopCertificate.Status.VALID,
            stars__gte=ocop_rules.CERTIFIED_MIN_STARS,
            decision_date__lte=on,
            valid_until__gte=on,
        )

    def expiring_within(self, days, on=None):
        on = on or timezone.localdate()
        return self.current(on=on).filter(valid_until__lte=on + timedelta(days=days))


def certificate_scan_path(instance, filename):
    from shops.images import random_file_name

    return f"ocop/certificates/{instance.product_id or 'new'}/{random_file_name(filename)}"


class OcopCertificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Còn hiệu lực")
        REVOKED = "revoked", _("Đã thu hồi")

    class Authority(models.TextChoices):
        PROVINCE = "province", _("UBND tỉnh")
        MINISTRY = "ministry", _("Bộ Nông nghiệp và Môi trường")

    # A registry product not sold here has `entry` only; one on sale here has both (the same entry,
    # `entry.product == product`): see ocop/models.py.
    product = models.ForeignKey(
        "catalogue.Product",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ocop_certificates",
        verbose_name=_("sản phẩm"),
    )
    entry = models.ForeignKey(
        "ocop.RegistryEntry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("sản phẩm trong cơ sở dữ liệu OCOP"),
    )
    stars = models.PositiveSmallIntegerField(_("số sao"), choices=ocop_rules.STAR_CHOICES)
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, help_text=_("Ví dụ: 2616/QĐ-UBND"))
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_authority = models.CharField(_("cơ quan công nhận"), max_length=16, choices=Authority.choices)
    valid_until = models.DateField(_("hiệu lực đến"), blank=True, help_text=_("Mặc định: ngày quyết định + 36 tháng"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.VALID)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)
    scan = models.FileField(
        _("bản quét giấy chứng nhận"), upload_to=certificate_scan_path, blank=True, storage=private_storage
    )
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    renewal_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="renewals", verbose_name=_("gia hạn từ")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("giấy chứng nhận OCOP")
        verbose_name_plural = _("giấy chứng nhận OCOP")
        ordering = ["-decision_date", "-pk"]
        permissions = [("certify_products", _("Cấp, gia hạn và thu hồi chứng nhận OCOP"))]
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=1, stars__lte=5), name="ocop_certificate_stars_1_5"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="ocop_certificate_score_0_100"
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=False) | Q(entry__isnull=False), name="ocop_certificate_product_or_entry"
            ),
        ]
        indexes = [models.Index(fields=["product", "status", "valid_until"])]

    def __str__(self):
        return f"{self.decision_number} – {self.stars}★"

    def clean(self):
        errors = {}
        if self.score is not None and self.stars and ocop_rules.stars_for_score(self.score) != self.stars:
            errors["score"] = _("Điểm %(score)s ứng với %(expected)s sao, không phải %(stars)s sao.") % {
                "score": self.score,
                "expected": ocop_rules.stars_for_score(self.score),
                "stars": self.stars,
            }
        if self.stars and self.issuing_authority and self.issuing_authority != ocop_rules.issuing_level(self.stars):
            errors["issuing_authority"] = _("Sản phẩm 3–4 sao do UBND tỉnh công nhận; 5 sao do Bộ công nhận.")
        errors.update(ocop_rules.certificate_errors(self.stars, self.decision_date, self.valid_until))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.decision_date:
            self.valid_until = ocop_rules.valid_until_for(self.decision_date, self.valid_until)
        if not self.issuing_authority and self.stars:
            self.issuing_authority = ocop_rules.issuing_level(self.stars)
        super().save(*args, **kwargs)

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return (
            self.status == self.Status.VALID
            and self.stars >= ocop_rules.CERTIFIED_MIN_STARS
            and self.decision_date <= on <= self.valid_until
        )

    @property
    def is_revoked(self):
        return self.status == self.Status.REVOKED

    def is_expired(self, on=None):
        on = on or timezone.localdate()
        return on > self.valid_until

    def authority_label(self):
        """Who recognised it, by name at the decision date (provinces merged 07/2025)."""
        return ocop_rules.authority_name(self.issuing_authority, self.decision_date)

    def state_label(self, on=None):
        if self.is_revoked:
            return _("Đã thu hồi")
        if self.is_expired(on=on):
            return _("Đã hết hạn")
        if self.stars < ocop_rules.CERTIFIED_MIN_STARS:
            return _("Chưa đạt chứng nhận (dưới 3 sao)")
        return _("Còn hiệu lực")


class QualityStandard(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    ORGANIC = "organic", _("Hữu cơ (TCVN 11041)")
    GACP_WHO = "gacp-who", "GACP-WHO"
    GLOBALGAP = "globalgap", "GlobalG.A.P."
    HACCP = "haccp", "HACCP"
    ISO22000 = "iso22000", "ISO 22000"


class RawMaterialArea(models.Model):
    """Where a producer's raw material grows, and the standards it is farmed to."""

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="raw_material_areas", verbose_name=_("nhà sản xuất")
    )
    name = models.CharField(_("tên vùng nguyên liệu"), max_length=200)
    commune = models.CharField(_("xã/phường (trước 07/2025)"), max_length=100, blank=True)
    district = models.CharField(_("huyện/thành phố (trước 07/2025)"), max_length=100, blank=True)
    area_hectares = models.DecimalField(_("diện tích (ha)"), max_digits=9, decimal_places=2, null=True, blank=True)
    standards = models.JSONField(_("tiêu chuẩn"), default=list, blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("vùng nguyên liệu")
        verbose_name_plural = _("vùng nguyên liệu")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        known = set(QualityStandard.values)
        unknown = [code for code in self.standards or [] if code not in known]
        if unknown:
            raise ValidationError({"standards": _("Tiêu chuẩn không hợp lệ: %s") % ", ".join(unknown)})

    def standard_labels(self):
        labels = dict(QualityStandard.choices)
        return [labels.get(code, code) for code in self.standards or []]

    def place_label(self):
        return ocop_rules.place_label(self.commune, self.district)


class ProductionBatch(models.Model):
    """A production lot with its traceability stamp (tem truy xuất nguồn gốc)."""

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="batches", verbose_name=_("sản phẩm")
    )
    lot_code = models.CharField(_("số lô"), max_length=40)
    production_date = models.DateField(_("ngày sản xuất"))
    best_before = models.DateField(_("hạn sử dụng"))
    quantity = models.PositiveIntegerField(_("số lượng"))
    raw_material_area = models.ForeignKey(
        RawMaterialArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="batches",
        verbose_name=_("vùng nguyên liệu"),
    )
    trace_code = models.CharField(_("mã truy xuất"), max_length=16, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lô sản xuất")
        verbose_name_plural = _("lô sản xuất")
        ordering = ["-production_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["product", "lot_code"], name="production_batch_unique_lot"),
            models.CheckConstraint(
                condition=Q(best_before__gte=models.F("production_date")), name="production_batch_dates_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.product.title} – {self.lot_code}"

    def clean(self):
        if self.production_date and self.best_before and self.best_before < self.production_date:
            raise ValidationError({"best_before": _("Hạn sử dụng phải sau ngày sản xuất.")})

    def save(self, *args, **kwargs):
        if not self.trace_code:
            self.trace_code = new_trace_code("LO")
        super().save(*args, **kwargs)


class Inspection(models.Model):
    """The state's supervision: an inspection of a producer, or of one of its batches."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Đạt")
        REMEDY = "remedy", _("Đạt, yêu cầu khắc phục")
        FAILED = "failed", _("Không đạt")

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="ocop_inspections", verbose_name=_("nhà sản xuất")
    )
    batch = models.ForeignKey(
        ProductionBatch,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inspections",
        verbose_name=_("lô sản xuất"),
    )
    inspected_on = models.DateField(_("ngày kiểm tra"))
    inspector = models.CharField(_("người/đơn vị kiểm tra"), max_length=200)
    result = models.CharField(_("kết quả"), max_length=16, choices=Result.choices)
    notes = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt kiểm tra")
        verbose_name_plural = _("đợt kiểm tra")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self):
        return f"{self.partner} – {self.inspected_on:%d/%m/%Y}"

    def clean(self):
        if self.batch_id and self.partner_id:
            partner_ids = set(self.batch.product.stockrecords.values_list("partner_id", flat=True))
            if self.partner_id not in partner_ids:
                raise ValidationError({"batch": _("Lô này không thuộc nhà sản xuất đã chọn.")})


class ProgrammeTarget(models.Model):
    """A yearly target staff enter; /ocop/ shows progress against it."""

    class Kind(models.TextChoices):
        NEW_CERTIFIED = "new_certified", _("Sản phẩm mới đạt 3 sao trở lên")
        TRACEABLE = "traceable", _("Sản phẩm có tem truy xuất nguồn gốc")

    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("chỉ tiêu"), max_length=32, choices=Kind.choices)
    target = models.PositiveIntegerField(_("mục tiêu"))
    source = models.CharField(
        _("văn bản nguồn"), max_length=255, blank=True,
        help_text=_("Ví dụ: Kế hoạch 75/KH-UBND năm 2022. Chỉ tiêu không có nguồn được ghi là ví dụ trên trang /ocop/."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chỉ tiêu năm")
        verbose_name_plural = _("chỉ tiêu năm")
        ordering = ["-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="programme_target_unique_year_kind")]

    def __str__(self):
        return f"{self.year}: {self.get_kind_display()} ≥ {self.target}"


class Category(SavedInCanonicalLanguage, AbstractCategory):
    """Oscar's category, saved in Vietnamese: its slug (Oscar's `generate_slug` from the name)
    and the `name` column stay Vietnamese when staff edit from an /en/ page."""


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
