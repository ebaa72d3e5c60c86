"""Producers (chủ thể OCOP): profile, applications, followers and the back-office log.

A producer is an Oscar `Partner` (stock, orders, `partner.users`) with a `ProducerProfile`
(its public identity). Applications become partners when program staff approve them.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.content_language import SavedInCanonicalLanguage
from marketplace.private_files import private_storage
from wagtail.fields import RichTextField

from shops.images import random_file_name


class LegalKind(models.TextChoices):
    COMPANY = "company", _("Doanh nghiệp")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
    HOUSEHOLD = "household", _("Hộ kinh doanh")


class Standard(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    ORGANIC = "organic", _("Hữu cơ (TCVN 11041)")
    GACP_WHO = "gacp_who", "GACP-WHO"
    HACCP = "haccp", "HACCP"
    ISO_22000 = "iso_22000", "ISO 22000"
    GLOBALGAP = "globalgap", "GlobalGAP"


def logo_path(instance, filename):
    return f"shops/logos/{instance.slug}/{random_file_name(filename)}"


def banner_path(instance, filename):
    return f"shops/banners/{instance.slug}/{random_file_name(filename)}"


class ProducerProfile(SavedInCanonicalLanguage, models.Model):
    """A producer's public identity, one-to-one with Oscar's Partner (which holds stock and orders)."""

    LegalKind = LegalKind

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="producer_profile", verbose_name=_("đối tác")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    legal_kind = models.CharField(_("loại hình"), max_length=32, choices=LegalKind.choices)
    registration_number = models.CharField(
        _("mã số doanh nghiệp / HTX / hộ kinh doanh"), max_length=32, blank=True,
        help_text=_("Mã số đăng ký kinh doanh hoặc mã số thuế."),
    )
    representative = models.CharField(_("người đại diện"), max_length=120, blank=True)
    commune = models.CharField(_("xã/phường (trước 07/2025)"), max_length=100, blank=True)
    district = models.CharField(_("huyện/thành phố (trước 07/2025)"), max_length=100, blank=True)
    commune_code = models.PositiveIntegerField(
        _("mã đơn vị hành chính xã (trước 07/2025)"), null=True, blank=True, db_index=True
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    contact_email = models.EmailField(_("email liên hệ"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    story = RichTextField(_("câu chuyện"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    founded_year = models.PositiveSmallIntegerField(_("năm thành lập"), null=True, blank=True)
    standards = models.JSONField(_("tiêu chuẩn đạt được"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    banner = models.ImageField(_("ảnh bìa"), upload_to=banner_path, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    location_is_approximate = models.BooleanField(
        _("vị trí gần đúng"), default=True,
        help_text=_("Toạ độ lấy theo trung tâm huyện (dữ liệu mẫu), không phải địa chỉ chính xác."),
    )
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        verbose_name = _("nhà sản xuất OCOP")
        verbose_name_plural = _("nhà sản xuất OCOP")
        ordering = ["partner__name"]

    def __str__(self):
        return self.partner.name

    @property
    def name(self):
        return self.partner.name

    def get_absolute_url(self):
        return reverse("shops:detail", kwargs={"slug": self.slug})

    def legal_kind_is_stated(self):
        """The legal kind is shown as fact only when the business name or a registration number
        states it; otherwise (a guess by the demo loader) the page labels it "dữ liệu mẫu"."""
        from ocop.registry_import import producer_kind

        return bool(self.registration_number) or producer_kind(self.partner.name) == self.legal_kind

    def save(self, *args, **kwargs):
        # A storefront address that changes keeps answering: the old slug redirects (OldSlug).
        previous = ProducerProfile.objects.filter(pk=self.pk).values_list("slug", flat=True).first() if self.pk else None
        super().save(*args, **kwargs)
        if previous and previous != self.slug:
            OldSlug.objects.update_or_create(slug=previous, defaults={"profile": self})
        OldSlug.objects.filter(slug=self.slug).delete()

    def standard_labels(self):
        labels = dict(Standard.choices)
        return [labels.get(code, code) for code in self.standards or []]

    def place_label(self):
        """Old place name with the 2025 note: 'xã Nam Mẫu, Ba Bể, Bắc Kạn cũ — nay thuộc Thái Nguyên'."""
        from ocop.places import commune_with_kind

        parts = [commune_with_kind(self.commune, self.district) if self.commune else "", self.district]
        old = ", ".join(part for part in parts if part)
        if not old:
            return ""
        return _("%(old)s, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên") % {"old": old}


def application_document_path(instance, filename):
    return f"shops/applications/{instance.application_id}/{random_file_name(filename)}"


class ProducerApplication(models.Model):
    """A dossier filed at /shops/apply/; staff approve (creating the Partner) or reject with a reason."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Chờ xét duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Bị từ chối")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="producer_applications",
        verbose_name=_("người nộp"),
    )
    name = models.CharField(_("tên chủ thể"), max_length=128)
    legal_kind = models.CharField(_("loại hình"), max_length=32, choices=LegalKind.choices)
    registration_number = models.CharField(_("mã số doanh nghiệp / HTX / hộ kinh doanh"), max_length=32)
    representative = models.CharField(_("người đại diện"), max_length=120)
    commune_code = models.PositiveIntegerField(_("xã/phường (trước 07/2025)"))
    address = models.CharField(_("địa chỉ"), max_length=255)
    phone = models.CharField(_("điện thoại"), max_length=20)
    contact_email = models.EmailField(_("email liên hệ"))
    founded_year = models.PositiveSmallIntegerField(_("năm thành lập"), null=True, blank=True)
    story = models.TextField(_("giới thiệu"), blank=True)
    products_description = models.TextField(_("sản phẩm dự kiến bán"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người xét duyệt"),
    )
    decided_at = models.DateTimeField(_("thời điểm xét duyệt"), null=True, blank=True)
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    partner = models.OneToOneField(
        "partner.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="producer_application",
    )
    created_at = models.DateTimeField(_("ngày nộp"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ đăng ký nhà sản xuất")
        verbose_name_plural = _("hồ sơ đăng ký nhà sản xuất")
        ordering = ["-created_at", "-pk"]
        permissions = [("review_producerapplication", _("Xét duyệt hồ sơ đăng ký nhà sản xuất"))]

    def __str__(self):
        return self.name


class ApplicationDocument(models.Model):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Giấy chứng nhận đăng ký kinh doanh / HTX")
        FOOD_SAFETY = "food_safety", _("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm")
        OTHER = "other", _("Tài liệu khác")

    application = models.ForeignKey(ProducerApplication, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại giấy tờ"), max_length=32, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to=application_document_path, storage=private_storage)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.get_kind_display()


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="producer_follows")
    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lượt theo dõi")
        verbose_name_plural = _("lượt theo dõi")
        constraints = [models.UniqueConstraint(fields=["user", "partner"], name="shops_follow_unique")]


class ListingNotice(models.Model):
    """A product a producer's followers were told about (once per product and partner)."""

    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "product"], name="shops_listing_notice_unique")]


class BackOfficeChange(models.Model):
    """Who changed what in a producer's back office, and when."""

    partner = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="back_office_changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("thao tác"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    details = models.TextField(_("chi tiết"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-pk"]


class LegalChangeRequest(models.Model):
    """A producer's request to change its legal identity after approval (registration number,
    legal kind, representative): applied only when program staff approve it (issue 17 §4)."""

    FIELDS = ("legal_kind", "registration_number", "representative")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Từ chối")

    profile = models.ForeignKey(ProducerProfile, on_delete=models.CASCADE, related_name="legal_change_requests")
    changes = models.JSONField(_("thay đổi đề nghị"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("người đề nghị")
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người duyệt"),
    )
    decided_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    reason = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("ngày đề nghị"), auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị đổi thông tin pháp lý")
        verbose_name_plural = _("đề nghị đổi thông tin pháp lý")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.profile} – {self.get_status_display()}"


class OldSlug(models.Model):
    """A storefront's former address: /shops/<slug>/ answers 301 to the profile's current one."""

    profile = models.ForeignKey(ProducerProfile, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(_("đường dẫn cũ"), max_length=140, unique=True)

    class Meta:
        verbose_name = _("đường dẫn cũ của gian hàng")
        verbose_name_plural = _("đường dẫn cũ của gian hàng")

    def __str__(self):
        return self.slug
