"""Demo sales points at real places of Bắc Kạn (all clearly labelled as demo data).

The places are real (Ba Bể lake, Bắc Kạn town centre, Chợ Rã market); the points, their
operators, decision numbers, hours, prices and stock are invented: `is_demo=True`, and the
names and decision numbers say "mẫu". Idempotent: points are keyed by slug.
"""
import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.demo_steps import DEMO_ADMIN_PASSWORD
from sales_points import selectors
from sales_points.models import AppraisalEvent, OpeningPeriod, SalesPoint, SalesPointListing

Product = get_model("catalogue", "Product")

DEMO_MANAGER_EMAIL = "diemban@ocopbackan.vn"

DEMO_POINTS = [
    {
        "slug": "mau-diem-ocop-ho-ba-be",
        "name": "Điểm giới thiệu sản phẩm OCOP Hồ Ba Bể (mẫu)",
        "operator_name": "Đơn vị vận hành mẫu — Khu du lịch Hồ Ba Bể",
        "commune_code": "Xã Nam Mẫu",
        "street": "Khu trung tâm Vườn quốc gia Ba Bể",
        "latitude": Decimal("22.410600"),
        "longitude": Decimal("105.620700"),
        "site_kind": SalesPoint.SiteKind.TOURIST_SITE,
        "floor_area_m2": Decimal("60"),
        "hours": (datetime.time(7, 0), datetime.time(18, 0)),
        "decision_number": "MẪU-01/QĐ-SCT",
    },
    {
        "slug": "mau-diem-ocop-trung-tam-bac-kan",
        "name": "Điểm bán sản phẩm OCOP trung tâm TP Bắc Kạn (mẫu)",
        "operator_name": "Cửa hàng mẫu — Trung tâm thương mại Bắc Kạn",
        "commune_code": "Phường Đức Xuân",
        "street": "Đường Trường Chinh",
        "latitude": Decimal("22.147000"),
        "longitude": Decimal("105.834800"),
        "site_kind": SalesPoint.SiteKind.SHOP,
        "floor_area_m2": Decimal("80"),
        "hours": (datetime.time(7, 30), datetime.time(21, 0)),
        "decision_number": "MẪU-02/QĐ-SCT",
    },
    {
        "slug": "mau-gian-hang-ocop-cho-ra",
        "name": "Gian hàng OCOP chợ Chợ Rã (mẫu)",
        "operator_name": "Hộ kinh doanh mẫu — chợ Chợ Rã",
        "commune_code": "Thị trấn Chợ Rã",
        "street": "Chợ trung tâm thị trấn Chợ Rã",
        "latitude": Decimal("22.453000"),
        "longitude": Decimal("105.724000"),
        "site_kind": SalesPoint.SiteKind.MARKET,
        "floor_area_m2": Decimal("12"),
        "hours": (datetime.time(6, 0), datetime.time(17, 0)),
        "decision_number": "MẪU-03/QĐ-SCT",
    },
]


def _code(name):
    from ocop.reference_data import communes_2020_2025

    for district in communes_2020_2025()["districts"]:
        for commune in district["communes"]:
            if commune["name"] == name:
                return commune["code"]
    raise LookupError(name)


def _manager():
    User = get_user_model()
    user = User.objects.filter(email=DEMO_MANAGER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            username="diemban-mau", email=DEMO_MANAGER_EMAIL, password=DEMO_ADMIN_PASSWORD, first_name="Điểm bán mẫu"
        )
    return user


@transaction.atomic
def load_sales_points(*, log):
    manager = _manager()
    products = list(
        Product.objects.certified().filter(is_public=True).prefetch_related("stockrecords").order_by("pk")
    )
    created = 0
    for index, spec in enumerate(DEMO_POINTS):
        spec = dict(spec)
        opens, closes = spec.pop("hours")
        slug = spec.pop("slug")
        spec["commune_code"] = _code(spec["commune_code"])
        point, was_created = SalesPoint.objects.update_or_create(
            slug=slug,
            defaults={
                **spec,
                "contact_email": DEMO_MANAGER_EMAIL,
                "phone": "0209 000 0000",
                "applicant": manager,
                "local_item_kinds": 12,
                "other_item_kinds": 8,
                "stamps_confirmed": True,
                "status": SalesPoint.Status.APPROVED,
                "decision_date": datetime.date(2026, 1, 15),
                "is_demo": True,
            },
        )
        point.managers.add(manager)
        created += was_created
        if was_created:
            AppraisalEvent.objects.create(
                point=point,
                from_status="",
                to_status=SalesPoint.Status.APPROVED,
                reason="Dữ liệu mẫu: điểm bán minh họa, không phải quyết định công nhận thật.",
                decision_number=point.decision_number,
                decision_date=point.decision_date,
            )
        point.opening_periods.all().delete()
        OpeningPeriod.objects.bulk_create(
            [OpeningPeriod(point=point, weekday=day, opens=opens, closes=closes) for day in range(7)]
        )
        # Each point carries the on-sale products (offset per point, so their lists differ a little).
        carried = products[index:]
        for position, product in enumerate(carried):
            record = next(iter(product.stockrecords.all()), None)
            price = record.price if record and record.price is not None else None
            SalesPointListing.objects.get_or_create(
                point=point,
                product=product,
                defaults={
                    "price": price,
                    "quantity": (position * 7 + index * 3) % 25,
                    "in_stock": (position * 7 + index * 3) % 25 > 0,
                    "updated_at": timezone.now(),
                },
            )
    # Click & collect: the city-centre point takes pick-up orders (its own stock records and prices).
    from sales_points import services

    pickup = SalesPoint.objects.get(slug="mau-diem-ocop-trung-tam-bac-kan")
    if pickup.is_recognised and not pickup.pickup_enabled:
        services.sales_point_set_pickup(point=pickup, actor=manager, enabled=True)
    short = [p.name for p in SalesPoint.objects.filter(is_demo=True) if selectors.point_criteria(p).unmet]
    if short:
        log(f"  sales points: WARNING demo points below the Decision 736 criteria: {', '.join(short)}")
    log(
        f"  sales points: {created} demo points created, {SalesPoint.objects.filter(is_demo=True).count()} demo "
        f"points in total (manager {DEMO_MANAGER_EMAIL})"
    )
