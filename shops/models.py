"""Producers (chủ thể OCOP). The storefronts issue extends this profile."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProducerProfile(models.Model):
    """A producer's public identity, one-to-one with Oscar's Partner (which holds stock and orders)."""

    class LegalKind(models.TextChoices):
        COMPANY = "company", _("Doanh nghiệp")
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
        HOUSEHOLD = "household", _("Hộ kinh doanh")

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="producer_profile", verbose_name=_("đối tác")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    legal_kind = models.CharField(_("loại hình"), max_length=32, choices=LegalKind.choices)
    commune = models.CharField(_("xã/phường (trước 07/2025)"), max_length=100, blank=True)
    district = models.CharField(_("huyện/thành phố (trước 07/2025)"), max_length=100, blank=True)
    contact_email = models.EmailField(_("email liên hệ"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("nhà sản xuất OCOP")
        verbose_name_plural = _("nhà sản xuất OCOP")
        ordering = ["partner__name"]

    def __str__(self):
        return self.partner.name

    @property
    def name(self):
        return self.partner.name

    def place_label(self):
        """Old place name with the 2025 note: 'xã Nam Mẫu, Ba Bể, Bắc Kạn cũ — nay thuộc Thái Nguyên'."""
        parts = [f"xã {self.commune}" if self.commune else "", self.district]
        old = ", ".join(part for part in parts if part)
        if not old:
            return ""
        return _("%(old)s, Bắc Kạn cũ — nay thuộc tỉnh Thái Nguyên") % {"old": old}
