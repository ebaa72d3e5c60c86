"""Oscar's catalogue, with the OCOP certificate and the on-sale rule.

The gate: a product is on sale only while it has a current certificate (stars ≥ 3,
not expired, not revoked), evaluated against today's date. `Product.current_certificate`
and `ProductQuerySet.certified` are its only definitions; the partner Strategy uses the
first, listings the second.
"""
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet as OscarProductQuerySet

from catalogue import ocop_rules


class OcopProductQuerySet(OscarProductQuerySet):
    def certified(self, on=None):
        """Products with a current certificate on the given day (default: today)."""
        on = on or timezone.localdate()
        current = OcopCertificate.objects.current(on=on).filter(product=OuterRef("pk"))
        return self.filter(Exists(current))


class Product(AbstractProduct):
    objects = OcopProductQuerySet.as_manager()

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
    return f"ocop/certificates/{instance.product_id or 'new'}/{filename}"


class OcopCertificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Còn hiệu lực")
        REVOKED = "revoked", _("Đã thu hồi")

    class Authority(models.TextChoices):
        PROVINCE = "province", _("UBND tỉnh")
        MINISTRY = "ministry", _("Bộ Nông nghiệp và Môi trường")

    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="ocop_certificates", verbose_name=_("sản phẩm")
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
    scan = models.FileField(_("bản quét giấy chứng nhận"), upload_to=certificate_scan_path, blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
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
        if self.valid_until and self.decision_date and self.valid_until < self.decision_date:
            errors["valid_until"] = _("Ngày hết hiệu lực phải sau ngày quyết định.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.valid_until and self.decision_date:
            self.valid_until = ocop_rules.default_valid_until(self.decision_date)
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


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
