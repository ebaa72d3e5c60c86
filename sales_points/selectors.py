"""Reads for sales points: the public directory, a point's public stock, and the criteria check."""
import math
from dataclasses import dataclass

from oscar.core.loading import get_model

from marketplace.partner.strategy import is_on_sale
from sales_points import criteria
from sales_points.models import AppraisalEvent, SalesPoint, SalesPointListing

Product = get_model("catalogue", "Product")


def certified_product_count(product_ids):
    """Distinct products among `product_ids` that are certified today (3★+, not expired, not revoked)."""
    ids = {int(pk) for pk in product_ids}
    if not ids:
        return 0
    return Product.objects.certified().filter(pk__in=ids).count()


def point_criteria(point, *, product_ids=None):
    """The Decision 736 report for a point (saved products unless `product_ids` is given)."""
    if product_ids is None:
        product_ids = list(point.listings.values_list("product_id", flat=True)) if point.pk else []
    return criteria.check_736(
        ocop_kinds=certified_product_count(product_ids),
        local_item_kinds=point.local_item_kinds or 0,
        other_item_kinds=point.other_item_kinds or 0,
        stamps_confirmed=point.stamps_confirmed,
    )


def public_listings(point):
    """What the point holds, as the public sees it: only products on sale today, public ones."""
    return (
        point.listings.filter(product__in=Product.objects.certified(), product__is_public=True)
        .select_related("product")
        .prefetch_related("product__images")
        .order_by("product__title", "pk")
    )


def haversine_km(lat1, lng1, lat2, lng2):
    lat1, lng1, lat2, lng2 = (math.radians(float(v)) for v in (lat1, lng1, lat2, lng2))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@dataclass
class Origin:
    lat: float
    lng: float


def parse_origin(lat, lng):
    """A user-supplied location, or None when missing or out of range."""
    try:
        lat, lng = float(lat), float(lng)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or math.isnan(lat) or math.isnan(lng):
        return None
    return Origin(lat, lng)


def _sort_by_distance(points, origin):
    points = list(points)
    for point in points:
        point.distance_km = (
            haversine_km(origin.lat, origin.lng, point.latitude, point.longitude) if point.has_location else None
        )
    return sorted(points, key=lambda p: (p.distance_km is None, p.distance_km or 0, p.name))


def directory(*, commune_code=None, site_kind=None, product=None, origin=None):
    """Recognised points, filtered; nearest first when the user's location is known."""
    points = SalesPoint.objects.recognised().prefetch_related("opening_periods", "photos")
    if commune_code:
        points = points.filter(commune_code=commune_code)
    if site_kind:
        points = points.filter(site_kind=site_kind)
    if product is not None:
        points = points.filter(
            listings__product=product, listings__in_stock=True, listings__product__in=Product.objects.certified()
        ).distinct()
    points = points.order_by("name", "pk")
    if origin is not None:
        return _sort_by_distance(points, origin)
    return list(points)


def products_for_filter():
    """Products a recognised point lists today (for the directory's product filter)."""
    return (
        Product.objects.certified()
        .filter(sales_point_listings__point__status=SalesPoint.Status.APPROVED, is_public=True)
        .distinct()
        .order_by("title")
    )


def communes_in_directory():
    return sorted(set(SalesPoint.objects.recognised().values_list("commune_code", flat=True)))


def points_stocking_product(product, *, origin=None):
    """'Mua trực tiếp tại': recognised points listing the product in stock, while it is on sale."""
    if not is_on_sale(product):
        return []
    listings = (
        SalesPointListing.objects.filter(
            product=product, point__status=SalesPoint.Status.APPROVED, in_stock=True
        )
        .exclude(quantity=0)
        .select_related("point")
    )
    points = []
    for listing in listings:
        point = listing.point
        point.listing = listing
        points.append(point)
    if origin is not None:
        return _sort_by_distance(points, origin)
    return sorted(points, key=lambda p: (p.name, p.pk))


def points_for_partner(partner):
    """Recognised points that stock at least one on-sale product of this producer (storefront)."""
    return list(
        SalesPoint.objects.recognised()
        .filter(
            listings__in_stock=True,
            listings__product__stockrecords__partner=partner,
            listings__product__in=Product.objects.certified(),
        )
        .distinct()
        .order_by("name", "pk")
    )


def points_managed_by(user):
    return SalesPoint.objects.filter(managers=user).order_by("-updated_at", "pk")


def appraisal_queue(*, status=None):
    if status:
        points = SalesPoint.objects.filter(status=status)
    else:
        points = SalesPoint.objects.exclude(status=SalesPoint.Status.DRAFT)
    return points.order_by("-submitted_at", "-pk")


def history(point):
    return AppraisalEvent.objects.filter(point=point).select_related("actor").order_by("-created_at", "-pk")


def map_markers(points):
    """JSON-able markers for the map (points with coordinates only)."""
    return [
        {
            "name": point.name,
            "url": point.get_absolute_url(),
            "lat": float(point.latitude),
            "lng": float(point.longitude),
            "address": point.address(),
            "kind": point.get_site_kind_display(),
        }
        for point in points
        if point.has_location
    ]




def pickup_points_for_products(products):
    """Approved points offering pick-up that list every one of `products` in stock, while on sale
    (for a checkout's "lấy tại điểm bán" delivery method)."""
    products = list(products)
    if not products or not all(is_on_sale(product) for product in products):
        return []
    points = SalesPoint.objects.recognised().filter(pickup_enabled=True).prefetch_related("opening_periods")
    for product in products:
        points = points.filter(
            pk__in=SalesPointListing.objects.filter(product=product, in_stock=True)
            .exclude(quantity=0)
            .values("point_id")
        )
    return list(points.order_by("name", "pk"))


# Click & collect: the point's stock records (its Oscar partner) carry SKUs with this prefix, so the
# Strategy can tell them from producers' without a query (partner_sku is on the prefetched record).
POINT_SKU_PREFIX = "DIEMBAN-"


def point_sku(point, product):
    return f"{POINT_SKU_PREFIX}{point.pk}-{product.pk}"


def is_point_stockrecord(record):
    return record is not None and (record.partner_sku or "").startswith(POINT_SKU_PREFIX)


def reservations_with_lines():
    from sales_points.models import PickupReservation

    return PickupReservation.objects.select_related("point", "parcel__order", "parcel__partner").prefetch_related(
        "point__opening_periods"
    )


def open_reservations(point):
    from sales_points.models import PickupReservation

    return list(
        reservations_with_lines().filter(
            point=point, status__in=[PickupReservation.Status.RESERVED, PickupReservation.Status.READY]
        )
    )


def recent_reservations(point, limit=20):
    from sales_points.models import PickupReservation

    return list(
        reservations_with_lines()
        .filter(point=point, status__in=[PickupReservation.Status.COLLECTED, PickupReservation.Status.CANCELLED])
        .order_by("-pk")[:limit]
    )


@dataclass
class PickupOption:
    """A point where some of a basket's lines can be collected: those lines and the point's price."""

    point: object
    records: dict  # basket line pk -> the point's stock record for that line
    is_open_now: bool = False

    @property
    def line_count(self):
        return len(self.records)


def _collectable(line):
    """Plain goods only: a gift basket or a live-priced line (Oscar options) ships from its producer,
    and a tourism service is a voucher, not something to collect."""
    if line.product is None:
        return False
    product_class = line.product.get_product_class()
    return product_class.track_stock and product_class.requires_shipping and not line.attributes.exists()


def pickup_product_ids(point):
    """Products a shopper can reserve to collect at this point now (its own records, free stock, a price)."""
    from django.db.models import F
    from django.db.models.functions import Coalesce
    from oscar.core.loading import get_model

    if not (point.pickup_enabled and point.is_recognised and point.partner_id):
        return set()
    StockRecord = get_model("partner", "StockRecord")
    return set(
        StockRecord.objects.filter(
            partner_id=point.partner_id,
            price__isnull=False,
            num_in_stock__gt=Coalesce(F("num_allocated"), 0),
            product__product_class__requires_shipping=True,
            product__product_class__track_stock=True,
        ).values_list("product_id", flat=True)
    )


def pickup_options(basket, *, origin=None):
    """Recognised points taking pick-up orders that have at least one of the basket's products on
    sale and in free stock (enough for the line's quantity); nearest first when the shopper shared a
    location, else by name."""
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    from marketplace.partner.strategy import is_on_sale

    lines = [line for line in basket.all_lines() if _collectable(line) and is_on_sale(line.product, strategy=basket.strategy)]
    if not lines:
        return []
    records = (
        StockRecord.objects.filter(
            product_id__in=[line.product_id for line in lines],
            partner__sales_point__status=SalesPoint.Status.APPROVED,
            partner__sales_point__pickup_enabled=True,
            partner_sku__startswith=POINT_SKU_PREFIX,
            price__isnull=False,
        )
        .select_related("partner__sales_point")
        .order_by("pk")
    )
    options = {}
    for record in records:
        free = (record.num_in_stock or 0) - (record.num_allocated or 0)
        for line in lines:
            if line.product_id == record.product_id and free >= line.quantity:
                point = record.partner.sales_point
                option = options.setdefault(point.pk, PickupOption(point=point, records={}))
                option.records[line.pk] = record
    points = [option.point for option in options.values()]
    for point in SalesPoint.objects.filter(pk__in=[p.pk for p in points]).prefetch_related("opening_periods"):
        option = options[point.pk]
        point.prefetched_periods = list(point.opening_periods.all())
        option.point = point
        option.is_open_now = point.is_open_at()
    points = [option.point for option in options.values()]
    ordered = _sort_by_distance(points, origin) if origin is not None else sorted(points, key=lambda p: (p.name, p.pk))
    return [options[point.pk] for point in ordered]


def basket_pickup_point(basket):
    """The point the basket's lines are collected at, if the shopper chose one."""
    for line in basket.all_lines():
        if is_point_stockrecord(line.stockrecord):
            return SalesPoint.objects.filter(partner_id=line.stockrecord.partner_id).first()
    return None
