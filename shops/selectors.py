"""Reads for producers: the directory, a storefront, and a producer's own back office."""
from collections import OrderedDict
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from search.selectors import browsable_products
from shops import geo
from shops.models import BackOfficeChange, Follow, OldSlug, ProducerProfile

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
OcopCertificate = get_model("catalogue", "OcopCertificate")
Line = get_model("order", "Line")

EXPIRY_WARNING_DAYS = 30


def product_groups():
    """The six OCOP groups (top-level categories)."""
    return Category.objects.filter(depth=1).order_by("path")


def producer_directory(*, district="", kind="", group="", q=""):
    """Producers for /shops/, each with the number of its certified products on sale."""
    profiles = ProducerProfile.objects.select_related("partner").annotate(
        on_sale_count=Count(
            "partner__stockrecords__product",
            filter=Q(partner__stockrecords__product__in=Product.objects.browsable().certified()),
            distinct=True,
        )
    )
    if district:
        names = [d["short"] for d in geo.districts() if d["key"] == geo.fold(district)]
        profiles = profiles.filter(district__in=names or [district])
    if kind:
        profiles = profiles.filter(legal_kind=kind)
    if group:
        category = Category.objects.filter(depth=1, slug=group).first()
        if category is None:
            return profiles.none()
        in_group = Product.objects.browsable().certified().filter(
            categories__path__startswith=category.path, stockrecords__partner=OuterRef("partner")
        )
        profiles = profiles.filter(Exists(in_group))
    if q:
        profiles = profiles.filter(Q(partner__name__icontains=q) | Q(commune__icontains=q))
    return profiles.order_by("-on_sale_count", "partner__name")


def map_points(profiles):
    """[{name, url, place, lat, lng, approximate}] for producers with a position."""
    points = []
    for profile in profiles:
        lat, lng, approximate = profile_position(profile)
        if lat is None:
            continue
        points.append(
            {
                "name": profile.name,
                "url": profile.get_absolute_url(),
                "place": str(profile.place_label()),
                "lat": float(lat),
                "lng": float(lng),
                "approximate": approximate,
            }
        )
    return points


def profile_position(profile):
    """(lat, lng, approximate) of a producer: its own coordinates, else its district's centre."""
    if profile.latitude is not None and profile.longitude is not None:
        return profile.latitude, profile.longitude, profile.location_is_approximate
    centre = geo.district_centre(profile.district)
    if centre:
        return Decimal(str(centre[0])), Decimal(str(centre[1])), True
    return None, None, True


def storefront_products(partner):
    return browsable_products().filter(stockrecords__partner=partner).distinct()


def storefront_certificates(partner):
    """Current certificates of the producer's products (newest first)."""
    return (
        OcopCertificate.objects.current()
        .filter(product__stockrecords__partner=partner)
        .select_related("product")
        .distinct()
        .order_by("-stars", "-decision_date")
    )


def storefront_live_sessions(partner, *, limit=6):
    """(upcoming, past) live sessions of the producer."""
    LiveSession = apps.get_model("livestream", "LiveSession")
    sessions = LiveSession.objects.filter(partner=partner)
    upcoming = sessions.filter(status__in=["scheduled", "live"]).order_by("scheduled_start")[:limit]
    past = sessions.filter(status="ended").order_by("-scheduled_start")[:limit]
    return list(upcoming), list(past)


def storefront_sales_points(partner, *, limit=12):
    """Recognised official sales points holding an on-sale product of the producer (the
    sales-points app decides what counts)."""
    from sales_points.selectors import points_for_partner

    return points_for_partner(partner)[:limit]


def is_following(user, partner):
    return bool(user.is_authenticated and Follow.objects.filter(user=user, partner=partner).exists())


# --- the producer's back office -------------------------------------------------------


def partners_of(user):
    """The partners a (producer) user works for."""
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(users=user).select_related("producer_profile").order_by("name")


def producer_certificates(partner, on=None):
    """All certificates of the producer's products, with `expires_soon` / `is_current_now` flags."""
    on = on or timezone.localdate()
    certificates = list(
        OcopCertificate.objects.filter(product__stockrecords__partner=partner)
        .select_related("product")
        .distinct()
        .order_by("valid_until", "pk")
    )
    expiring = set(
        OcopCertificate.objects.expiring_within(EXPIRY_WARNING_DAYS, on=on)
        .filter(product__stockrecords__partner=partner)
        .values_list("pk", flat=True)
    )
    for certificate in certificates:
        certificate.expires_soon = certificate.pk in expiring
        certificate.is_current_now = certificate.is_current(on=on)
        certificate.days_left = (certificate.valid_until - on).days
    return certificates


def expiring_certificates(partner, on=None):
    return [c for c in producer_certificates(partner, on=on) if c.expires_soon]


def producer_lines(partner):
    """Order lines of the producer's own products (never another producer's line of a shared order)."""
    return Line.objects.filter(partner=partner).select_related("order", "product")


def sales_by_month(partner, *, months=12):
    """[{month, revenue, units, products: [{title, revenue, units}]}], newest month first."""
    since = timezone.now() - timezone.timedelta(days=31 * months)
    rows = (
        producer_lines(partner)
        .filter(order__date_placed__gte=since)
        .exclude(status__in=["Cancelled", "Đã huỷ"])
        .annotate(month=TruncMonth("order__date_placed"))
        .values("month", "product_id", "title")
        .annotate(revenue=Sum("line_price_incl_tax"), units=Sum("quantity"))
        .order_by("-month", "title")
    )
    by_month = OrderedDict()
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        entry = by_month.setdefault(month, {"month": month, "revenue": Decimal(0), "units": 0, "products": []})
        entry["revenue"] += row["revenue"] or 0
        entry["units"] += row["units"] or 0
        entry["products"].append({"title": row["title"], "revenue": row["revenue"] or 0, "units": row["units"] or 0})
    result = list(by_month.values())
    top = max((entry["revenue"] for entry in result), default=0)
    for entry in result:
        entry["percent"] = int(entry["revenue"] * 100 / top) if top else 0
    return result


def recent_changes(partner, *, limit=20):
    return BackOfficeChange.objects.filter(partner=partner).select_related("user")[:limit]


def moved_storefront(slug):
    """The profile whose storefront used to live at `slug` (its slug changed), else None."""
    old = OldSlug.objects.select_related("profile").filter(slug=slug).first()
    return old.profile if old else None
