"""Factories for gift baskets (gift_baskets)."""
from decimal import Decimal

import factory
from oscar.core.loading import get_model

from gift_baskets.models import (
    BUILDER_UPC,
    GIFT_BASKET_CLASS_SLUG,
    CultureTheme,
    GiftBasket,
    GiftBasketComponent,
    PackagingOption,
)
from tests.factories import PartnerFactory, ProductClassFactory, ProductFactory, StockRecordFactory


class CultureThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CultureTheme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"chu-de-{n}")
    name = factory.Sequence(lambda n: f"Chủ đề {n}")
    story = "Câu chuyện của chủ đề."
    min_items = 3
    max_items = 6


class PackagingOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PackagingOption
        django_get_or_create = ("code",)

    code = "tho-cam"
    name = "Gói vải thổ cẩm"
    fee = Decimal("50000")


def gift_product_class():
    return ProductClassFactory(name="Giỏ quà", slug=GIFT_BASKET_CLASS_SLUG, track_stock=False, requires_shipping=True)


def curated_basket(components, price=Decimal("500000"), theme=None, partner=None, title="Giỏ quà Tết Tày"):
    """A curated basket product sold by `partner` with [(product, quantity)] components."""
    product = ProductFactory(title=title, product_class=gift_product_class())
    StockRecordFactory(product=product, partner=partner or PartnerFactory(), price=price, num_in_stock=0)
    gift = GiftBasket.objects.create(product=product, theme=theme or CultureThemeFactory())
    for component, quantity in components:
        GiftBasketComponent.objects.create(basket=gift, product=component, quantity=quantity)
    return product


def builder_product(partner=None):
    existing = GiftBasket.objects.filter(is_builder=True).first()
    if existing:
        return existing.product
    product = ProductFactory(title="Giỏ quà tự chọn", upc=BUILDER_UPC, product_class=gift_product_class())
    StockRecordFactory(product=product, partner=partner or PartnerFactory(), price=Decimal("0"), num_in_stock=0)
    GiftBasket.objects.create(product=product, is_builder=True)
    return product
