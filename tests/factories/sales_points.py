"""Factories for OCOP sales points (Decision 736)."""
import datetime

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone

from sales_points.models import OpeningPeriod, SalesPoint, SalesPointListing
from tests.factories import UserFactory, product_on_sale



def _commune_code(name="Xã Nam Mẫu"):
    from ocop.reference_data import communes_2020_2025

    for district in communes_2020_2025()["districts"]:
        for commune in district["communes"]:
            if commune["name"] == name:
                return commune["code"]
    raise LookupError(name)


class SalesPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalesPoint
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Điểm bán OCOP mẫu {n}")
    slug = factory.Sequence(lambda n: f"diem-ban-ocop-mau-{n}")
    operator_name = "HTX Dịch vụ Du lịch Mẫu"
    contact_email = factory.Sequence(lambda n: f"diemban{n}@example.vn")
    phone = "0912345678"
    applicant = factory.SubFactory(UserFactory)
    commune_code = factory.LazyFunction(_commune_code)
    street = "Thôn Pác Ngòi"
    latitude = "22.409600"
    longitude = "105.623600"
    site_kind = SalesPoint.SiteKind.TOURIST_SITE
    floor_area_m2 = "60"
    local_item_kinds = 5
    other_item_kinds = 5
    stamps_confirmed = True
    status = SalesPoint.Status.DRAFT

    @factory.post_generation
    def managers(obj, create, extracted, **kwargs):
        if not create:
            return
        if obj.applicant:
            obj.managers.add(obj.applicant)
        for user in extracted or []:
            obj.managers.add(user)


class ApprovedSalesPointFactory(SalesPointFactory):
    status = SalesPoint.Status.APPROVED
    decision_number = factory.Sequence(lambda n: f"{100 + n}/QĐ-SCT")
    decision_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalesPointListing

    point = factory.SubFactory(ApprovedSalesPointFactory)
    product = factory.LazyFunction(product_on_sale)
    price = "125000"
    quantity = 10
    in_stock = True


def stock_point(point, kinds):
    """Give a point `kinds` distinct certified products; returns them."""
    products = [product_on_sale() for _ in range(kinds)]
    SalesPointListing.objects.bulk_create(
        [SalesPointListing(point=point, product=product, quantity=5, in_stock=True) for product in products]
    )
    return products


def open_every_day(point, opens=datetime.time(7, 30), closes=datetime.time(17, 30)):
    OpeningPeriod.objects.bulk_create(
        [OpeningPeriod(point=point, weekday=day, opens=opens, closes=closes) for day in range(7)]
    )


def appraiser(**kwargs):
    """Program staff: the appraisal permission only (not is_staff, not superuser)."""
    user = UserFactory(**kwargs)
    user.user_permissions.add(Permission.objects.get(codename="appraise_salespoint"))
    return type(user).objects.get(pk=user.pk)


def pickup_point(*, quantity=2, price="110000"):
    """An approved point taking pick-up orders, with one product at its own price; returns
    (point, listing, the point's stock record)."""
    from oscar.core.loading import get_model

    from sales_points import services

    listing = ListingFactory(quantity=quantity, price=price)
    point = listing.point
    open_every_day(point)
    services.sales_point_set_pickup(point=point, actor=point.applicant, enabled=True)
    point.refresh_from_db()
    listing.refresh_from_db()
    record = get_model("partner", "StockRecord").objects.get(partner=point.partner, product=listing.product)
    return point, listing, record


def pickup_order(record, *, quantity=1, email="khach@example.vn", extra_products=()):
    """An order whose line for `record`'s product is collected at the point (its stock record),
    placed through the project's OrderCreator (allocation under the stock lock, parcels)."""
    from oscar.core.loading import get_class, get_model
    from oscar.test.factories import create_order

    Basket = get_model("basket", "Basket")
    Selector = get_class("partner.strategy", "Selector")
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    line, _created = basket.add_product(record.product, quantity)
    line.stockrecord = record
    line.save()
    for product in extra_products:
        basket.add_product(product, 1)
    basket = Basket.objects.get(pk=basket.pk)
    basket.strategy = Selector().strategy()
    return create_order(basket=basket, guest_email=email)
