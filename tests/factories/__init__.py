"""Factories for the project's tests (factory-boy)."""
import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-123")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("partner", "Partner")

    name = factory.Sequence(lambda n: f"HTX Mẫu {n}")
    code = factory.Sequence(lambda n: f"htx-mau-{n}")


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "ProductClass")
        django_get_or_create = ("slug",)

    name = "Sản phẩm OCOP"
    slug = "san-pham-ocop"
    requires_shipping = True
    track_stock = True


def category(path="Thực phẩm"):
    return create_from_breadcrumbs(path)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "Product")

    title = factory.Sequence(lambda n: f"Miến dong mẫu {n}")
    upc = factory.Sequence(lambda n: f"TEST-{n:05d}")
    product_class = factory.SubFactory(ProductClassFactory)
    structure = "standalone"
    is_public = True

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if not create:
            return
        ProductCategory = get_model("catalogue", "ProductCategory")
        for cat in extracted or [category()]:
            ProductCategory.objects.get_or_create(product=obj, category=cat)


class StockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("partner", "StockRecord")

    product = factory.SubFactory(ProductFactory)
    partner = factory.SubFactory(PartnerFactory)
    partner_sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = Decimal("120000")
    price_currency = "VND"
    num_in_stock = 20


class OcopCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "OcopCertificate")

    product = factory.SubFactory(ProductFactory)
    stars = 3
    decision_number = factory.Sequence(lambda n: f"{1000 + n}/QĐ-UBND")
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))


def product_on_sale(price=Decimal("120000"), stock=20, **kwargs):
    """A public product with a stock record, as shoppers see it."""
    record = StockRecordFactory(price=price, num_in_stock=stock, product=ProductFactory(**kwargs))
    OcopCertificateFactory(product=record.product)
    return record.product
