"""Gift baskets tied to local culture.

A culture theme is one record (a Wagtail snippet) used by the baskets and later by CMS
pages. A curated gift basket is an Oscar Product of the "gio-qua" product class sold by
a curator partner; its components are other (certified) products with quantities. The
basket is on sale only while every component is, and its availability comes from the
component stock (see `selectors.gift_basket_availability`, called from the Strategy).
"""
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from marketplace.content_language import SavedInCanonicalLanguage
from marketplace.money import validate_whole_dong

GIFT_BASKET_CLASS_SLUG = "gio-qua"
BUILDER_UPC = "GIO-QUA-TU-CHON"
CONTENTS_OPTION_CODE = "gift_contents"
CARD_OPTION_CODE = "gift_card_message"
PACKAGING_OPTION_CODE = "gift_packaging"
THEME_OPTION_CODE = "gift_theme"


class CultureTheme(SavedInCanonicalLanguage, models.Model):
    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=128)
    story = models.TextField(_("câu chuyện"), blank=True)
    colour = models.CharField(
        _("màu"),
        max_length=7,
        default="#1f6f50",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Màu dạng #RRGGBB."))],
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ảnh")
    )
    products = models.ManyToManyField(
        "catalogue.Product", blank=True, related_name="culture_themes", verbose_name=_("sản phẩm thuộc chủ đề")
    )
    min_items = models.PositiveSmallIntegerField(_("số món tối thiểu"), default=3, validators=[MinValueValidator(1)])
    max_items = models.PositiveSmallIntegerField(_("số món tối đa"), default=6, validators=[MinValueValidator(1)])

    # The Wagtail snippet form: each translated field as its Vietnamese and English columns (the
    # plain `name`/`story` would edit whichever language the editor's admin is in).
    panels = [
        FieldPanel("code"), FieldPanel("name_vi"), FieldPanel("name_en"), FieldPanel("story_vi"),
        FieldPanel("story_en"), FieldPanel("colour"), FieldPanel("photo"), FieldPanel("products"),
        FieldPanel("min_items"), FieldPanel("max_items"),
    ]

    class Meta:
        verbose_name = _("chủ đề văn hóa")
        verbose_name_plural = _("chủ đề văn hóa")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PackagingOption(models.Model):
    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=128)
    fee = models.DecimalField(_("phụ phí"), max_digits=12, decimal_places=2, default=0, validators=[validate_whole_dong])

    class Meta:
        verbose_name = _("kiểu đóng gói")
        verbose_name_plural = _("kiểu đóng gói")
        ordering = ["fee", "pk"]

    def __str__(self):
        return self.name


class GiftBasket(models.Model):
    """The composition of a curated basket product (or the builder's template product)."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="gift_basket", verbose_name=_("sản phẩm")
    )
    theme = models.ForeignKey(
        CultureTheme, on_delete=models.PROTECT, related_name="baskets", null=True, blank=True, verbose_name=_("chủ đề")
    )
    is_builder = models.BooleanField(_("giỏ tự chọn"), default=False)
    packaging_options = models.ManyToManyField(PackagingOption, blank=True, verbose_name=_("kiểu đóng gói"))

    class Meta:
        verbose_name = _("giỏ quà")
        verbose_name_plural = _("giỏ quà")

    def __str__(self):
        return self.product.get_title()


class GiftBasketComponent(models.Model):
    basket = models.ForeignKey(GiftBasket, on_delete=models.CASCADE, related_name="components")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("sản phẩm thành phần")
    )
    quantity = models.PositiveIntegerField(_("số lượng"), default=1, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("thành phần giỏ quà")
        verbose_name_plural = _("thành phần giỏ quà")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["basket", "product"], name="gift_component_once")]


class SupplyLine(models.Model):
    """What a component's producer must deliver for an ordered basket line."""

    order_line = models.ForeignKey("order.Line", on_delete=models.CASCADE, related_name="gift_supply_lines")
    product = models.ForeignKey("catalogue.Product", on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT, related_name="gift_supply_lines")
    stockrecord = models.ForeignKey("partner.StockRecord", on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("dòng cung ứng giỏ quà")
        verbose_name_plural = _("dòng cung ứng giỏ quà")
        ordering = ["pk"]
