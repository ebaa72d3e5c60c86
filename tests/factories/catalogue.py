"""Factories for the OCOP catalogue: producers with profiles, raw-material areas, batches, inspections."""
import datetime

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import OcopCertificateFactory, PartnerFactory, ProductFactory, StockRecordFactory, UserFactory


def producer(name="HTX Tài Hoan", *, slug=None, commune="Côn Minh", district="Na Rì", email="htx@example.vn"):
    """An Oscar partner with its producer profile."""
    from shops.models import ProducerProfile

    partner = PartnerFactory(name=name)
    ProducerProfile.objects.create(
        partner=partner,
        slug=slug or partner.code,
        legal_kind=ProducerProfile.LegalKind.COOPERATIVE,
        commune=commune,
        district=district,
        contact_email=email,
    )
    return partner


def certified_product(*, partner=None, stars=3, stock=20, decision_date=None, valid_until=None, **kwargs):
    """A public product of `partner` with stock and one certificate (current unless dates say otherwise)."""
    product = ProductFactory(**kwargs)
    StockRecordFactory(product=product, partner=partner or producer(), num_in_stock=stock)
    decision_date = decision_date or timezone.localdate() - datetime.timedelta(days=100)
    OcopCertificateFactory(
        product=product,
        stars=stars,
        decision_date=decision_date,
        valid_until=valid_until,
        issuing_authority="ministry" if stars == 5 else "province",
    )
    return product


def certification_officer(**kwargs):
    user = UserFactory(**kwargs)
    user.user_permissions.add(Permission.objects.get(codename="certify_products", content_type__app_label="catalogue"))
    return user


class RawMaterialAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "RawMaterialArea")

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Vùng dong riềng {n}")
    commune = "Côn Minh"
    district = "Na Rì"
    standards = factory.LazyFunction(lambda: ["vietgap"])


class ProductionBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "ProductionBatch")

    product = factory.SubFactory(ProductFactory)
    lot_code = factory.Sequence(lambda n: f"L{n:04d}")
    production_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    best_before = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))
    quantity = 500


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_model("catalogue", "Inspection")

    partner = factory.SubFactory(PartnerFactory)
    inspected_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    inspector = "Chi cục Quản lý chất lượng"
    result = "passed"


def bulk_certified_products(count, *, partner, categories, start=0, expired_every=0):
    """`count` public products on sale in a few bulk INSERTs (listings and benchmarks at scale).

    Every `expired_every`-th product gets an expired certificate instead (0: none).
    """
    from catalogue.models import new_trace_code

    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    StockRecord = get_model("partner", "StockRecord")
    OcopCertificate = get_model("catalogue", "OcopCertificate")
    ProductClassFactory = __import__("tests.factories", fromlist=["ProductClassFactory"]).ProductClassFactory

    product_class = ProductClassFactory()
    products = Product.objects.bulk_create(
        [
            Product(
                title=f"Sản phẩm hàng loạt {start + i}",
                slug=f"san-pham-hang-loat-{start + i}",
                upc=f"BULK-{start + i:06d}",
                product_class=product_class,
                structure="standalone",
                is_public=True,
                trace_code=new_trace_code("SP"),
            )
            for i in range(count)
        ],
        batch_size=500,
    )
    ProductCategory.objects.bulk_create(
        [
            ProductCategory(product=product, category=categories[i % len(categories)])
            for i, product in enumerate(products)
        ],
        batch_size=500,
    )
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner=partner,
                partner_sku=f"BULK-{product.pk}",
                price=100000,
                price_currency="VND",
                num_in_stock=10,
            )
            for product in products
        ],
        batch_size=500,
    )
    today = timezone.localdate()
    certificates = []
    for i, product in enumerate(products):
        expired = expired_every and i % expired_every == 0
        decided = today - datetime.timedelta(days=1200 if expired else 100)
        certificates.append(
            OcopCertificate(
                product=product,
                stars=3 + i % 3,
                decision_number=f"{product.pk}/QĐ-UBND",
                decision_date=decided,
                valid_until=decided + datetime.timedelta(days=1095),
                issuing_authority="ministry" if i % 3 == 2 else "province",
                is_demo=True,
            )
        )
    OcopCertificate.objects.bulk_create(certificates, batch_size=500)
    try:  # bulk INSERTs send no signals: refresh the search app's rows the listings read
        from search.services import search_entries_refresh
    except ImportError:
        pass
    else:
        search_entries_refresh(product_ids=[product.pk for product in products])
    return products
