"""The province's OCOP registry ("Tra cứu sản phẩm OCOP"): every certified product, sold here or not.

Design: one `RegistryEntry` per OCOP product of the province. Its certificates are the catalogue's
`OcopCertificate` rows (catalogue/models.py), linked by `OcopCertificate.entry`; a product that is
also on sale here is the same entry with `product` set (one-to-one to Oscar's product), and its
certificates carry both `entry` and `product`. Nothing is copied: the gate still reads
`certificate.product`, the registry reads `certificate.entry`.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ocop import rules as ocop_rules


class ProducerKind(models.TextChoices):
    COMPANY = "company", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
    HOUSEHOLD = "household", _("Hộ kinh doanh")
    UNKNOWN = "unknown", _("Chưa rõ")


class RegistryEntry(models.Model):
    code = models.CharField(_("mã tra cứu"), max_length=32, unique=True)
    name = models.CharField(_("tên sản phẩm"), max_length=255)
    producer_name = models.CharField(_("chủ thể"), max_length=255, blank=True)
    producer_kind = models.CharField(
        _("loại hình chủ thể"), max_length=32, choices=ProducerKind.choices, default=ProducerKind.UNKNOWN
    )
    commune_code = models.PositiveIntegerField(_("mã xã/phường/thị trấn (trước 07/2025)"), null=True, blank=True)
    district = models.CharField(_("huyện/thành phố (trước 07/2025)"), max_length=100, blank=True)
    new_ward_code = models.PositiveIntegerField(_("mã xã/phường hiện nay (tỉnh Thái Nguyên)"), null=True, blank=True)
    group = models.CharField(_("nhóm sản phẩm"), max_length=32, choices=ocop_rules.GROUP_CHOICES)
    subgroup = models.CharField(_("phân nhóm"), max_length=200, blank=True)
    listed_stars = models.PositiveSmallIntegerField(
        _("hạng sao theo nguồn"), null=True, blank=True,
        help_text=_("Hạng sao ghi trong nguồn công bố khi chưa có số quyết định."),
    )
    raw_material_area = models.CharField(_("vùng nguyên liệu"), max_length=255, blank=True)
    standards = models.JSONField(_("tiêu chuẩn"), default=list, blank=True)
    source = models.TextField(_("nguồn"), blank=True)
    product = models.OneToOneField(
        "catalogue.Product",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registry_entry",
        verbose_name=_("sản phẩm trên sàn"),
    )
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    search_text = models.TextField(editable=False, blank=True, db_index=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sản phẩm trong cơ sở dữ liệu OCOP")
        verbose_name_plural = _("cơ sở dữ liệu sản phẩm OCOP")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["group"]), models.Index(fields=["district"]), models.Index(fields=["commune_code"])]

    def __str__(self):
        return self.name

    STATUS_LABELS = {
        "valid": _("Còn hiệu lực"),
        "expired": _("Hết hạn"),
        "revoked": _("Đã thu hồi"),
        "unknown": _("Chưa có số quyết định trong nguồn"),
    }

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("ocop:registry-detail", kwargs={"code": self.code})

    def status_label(self):
        """Needs the annotations of ocop.selectors.registry_entries()."""
        return self.STATUS_LABELS.get(getattr(self, "status", ""), "")

    def unit(self):
        from ocop import places

        return places.by_code().get(self.commune_code) if self.commune_code else None

    def old_place_label(self):
        """'thị trấn Bằng Lũng, huyện Chợ Đồn' (before 07/2025), or the district alone."""
        from ocop import places

        unit = self.unit()
        if unit:
            return f"{unit['label']}, {unit['district_label']}"
        return places.district_label(self.district) if self.district else ""

    def current_place_label(self):
        """The Thái Nguyên unit since 07/2025 (two-level system)."""
        from sales_points import communes

        ward = communes.new_ward_name(self.new_ward_code)
        return _("%(ward)s, tỉnh Thái Nguyên") % {"ward": ward} if ward else _("tỉnh Thái Nguyên (đơn vị mới chưa ghi nhận)")

    def authority_label(self):
        authority = getattr(self, "cert_authority", None)
        return ocop_rules.authority_name(authority, getattr(self, "cert_date", None)) if authority else ""

    def group_label(self):
        return dict(ocop_rules.group_choices()).get(self.group, self.group)

    def standard_labels(self):
        from catalogue.models import QualityStandard

        labels = dict(QualityStandard.choices)
        return [str(labels.get(code, code)) for code in self.standards or []]

    def save(self, *args, **kwargs):
        from search.folding import fold

        self.search_text = fold(" ".join([self.name, self.producer_name, self.code]))
        super().save(*args, **kwargs)


class HealthClaimPhrase(models.Model):
    """A forbidden health claim for food and herbal products (staff edit the list)."""

    phrase = models.CharField(_("cụm từ"), max_length=120, unique=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("cụm từ quảng cáo sức khỏe bị cấm")
        verbose_name_plural = _("cụm từ quảng cáo sức khỏe bị cấm")
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase


class ApiKey(models.Model):
    """A key staff issue to a consumer of the open data API (a higher rate limit)."""

    name = models.CharField(_("đơn vị sử dụng"), max_length=200)
    key = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khóa API dữ liệu mở")
        verbose_name_plural = _("khóa API dữ liệu mở")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.key:
            import secrets

            self.key = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)


class ClaimReview(models.Model):
    """A product description or producer story with a forbidden health claim, waiting for staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Không duyệt")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=40)
    text = models.TextField(_("nội dung"))
    phrases = models.JSONField(_("cụm từ bị cấm tìm thấy"), default=list)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nội dung chờ duyệt (quảng cáo sức khỏe)")
        verbose_name_plural = _("nội dung chờ duyệt (quảng cáo sức khỏe)")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "field", "status"])]

    @property
    def target(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)
