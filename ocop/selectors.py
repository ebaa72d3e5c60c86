"""Reads of the OCOP programme (certificates on the forked catalogue models): the product page's OCOP facts, traceability, programme figures."""
from collections import Counter
from datetime import timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone
from oscar.core.loading import get_model

from ocop import places, rules as ocop_rules

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
OcopCertificate = get_model("catalogue", "OcopCertificate")
ProductionBatch = get_model("catalogue", "ProductionBatch")
Inspection = get_model("catalogue", "Inspection")
ProgrammeTarget = get_model("catalogue", "ProgrammeTarget")
Partner = get_model("partner", "Partner")


def on_sale_products(on=None):
    """The gate for listings: public products with a current certificate (see catalogue.models)."""
    return Product.objects.browsable().certified(on=on)


def _prefetched(product, name):
    return getattr(product, "_prefetched_objects_cache", {}).get(name)


def certificate_history(product):
    rows = _prefetched(product, "ocop_certificates")
    if rows is not None:  # the product page prefetched them (catalogue.views.ProductDetailView)
        return sorted(rows, key=lambda c: (c.decision_date, c.pk), reverse=True)
    return list(
        OcopCertificate.objects.filter(product=product)
        .select_related("revoked_by", "registered_by")
        .order_by("-decision_date", "-pk")
    )


def product_ocop_facts(product):
    """What the product page shows about a product's OCOP status and origin."""
    history = certificate_history(product)
    today = timezone.localdate()
    current = max((c for c in history if c.is_current(on=today)), key=lambda c: (c.decision_date, c.pk), default=None)
    latest = history[0] if history else None
    records = _prefetched(product, "stockrecords")
    if records is not None:
        record = min(records, key=lambda r: r.pk, default=None)
    else:
        record = product.stockrecords.select_related("partner__producer_profile").order_by("pk").first()
    partner = record.partner if record else None
    profile = getattr(partner, "producer_profile", None) if partner else None
    area = product.raw_material_area
    # Whether it may be sold is the Strategy's answer (a curated gift basket is gated through
    # its components, not by a certificate of its own); the certificate history explains why not.
    from gift_baskets.selectors import is_gift_basket
    from marketplace.partner.strategy import off_sale_reason

    reason = off_sale_reason(product)
    gift = is_gift_basket(product)
    return {
        "certificate": current,
        "latest_certificate": latest,
        "history": history,
        "on_sale": reason is None,
        "is_gift_basket": gift,
        "stopped_reason": None if reason is None else ("components" if gift else _stopped_reason(latest)),
        "stopped_message": reason,
        "producer": partner,
        "profile": profile,
        "area": area,
        "today": today,
    }


def _stopped_reason(latest):
    if latest is None:
        return "none"
    if latest.is_revoked:
        return "revoked"
    if latest.stars < ocop_rules.CERTIFIED_MIN_STARS:
        return "rank"
    return "expired"


def trace_target(code):
    """('product', product) or ('batch', batch) for a stamp's code; Http404 for unknown codes."""
    code = (code or "").strip().upper()
    product = Product.objects.filter(trace_code=code, is_public=True).first()
    if product is not None:
        return "product", product
    batch = (
        ProductionBatch.objects.select_related("product", "raw_material_area")
        .filter(trace_code=code, product__is_public=True)
        .first()
    )
    if batch is not None:
        return "batch", batch
    raise Http404(code)


def trace_page(code):
    kind, obj = trace_target(code)
    product = obj if kind == "product" else obj.product
    batch = obj if kind == "batch" else None
    partner = product.producer_partner()
    inspections = Inspection.objects.none()
    if partner is not None:
        inspections = Inspection.objects.filter(partner=partner).select_related("batch")
        if batch is not None:
            inspections = inspections.filter(Q(batch__isnull=True) | Q(batch=batch))
    facts = product_ocop_facts(product)
    return {
        "kind": kind,
        "product": product,
        "batch": batch,
        "area": (batch.raw_material_area if batch and batch.raw_material_area else product.raw_material_area),
        "recent_batches": list(product.batches.order_by("-production_date", "-pk")[:5]) if batch is None else [],
        "inspections": list(inspections.order_by("-inspected_on", "-pk")[:20]),
        **{key: facts[key] for key in ("certificate", "history", "on_sale", "stopped_reason", "producer", "profile")},
    }


def expiring_certificates(*, within_days=ocop_rules.EXPIRY_WARNING_DAYS, on=None):
    return (
        OcopCertificate.objects.expiring_within(within_days, on=on)
        .filter(product__isnull=False)
        .select_related("product")
        .order_by("valid_until", "pk")
    )


def certificates_for_dashboard(*, status=None, query=None):
    # The marketplace's certificates; those of registry products not sold here are managed in the registry.
    certificates = OcopCertificate.objects.filter(product__isnull=False).select_related(
        "product", "revoked_by", "registered_by"
    )
    today = timezone.localdate()
    if status == "current":
        certificates = certificates.current(on=today)
    elif status == "revoked":
        certificates = certificates.filter(status=OcopCertificate.Status.REVOKED)
    elif status == "expired":
        certificates = certificates.filter(status=OcopCertificate.Status.VALID, valid_until__lt=today)
    if query:
        certificates = certificates.filter(Q(product__title__icontains=query) | Q(decision_number__icontains=query))
    return certificates.order_by("-decision_date", "-pk")


def partners_for_user(user):
    """Producers a user may act for: every producer for certification staff, else their own."""
    if user.is_superuser or user.has_perm("catalogue.certify_products"):
        return Partner.objects.all()
    return Partner.objects.filter(users=user)


def products_for_user(user):
    return (
        Product.objects.filter(stockrecords__partner__in=partners_for_user(user), structure__in=["standalone", "child"])
        .distinct()
        .order_by("title")
    )


def batches_for_user(user):
    return (
        ProductionBatch.objects.filter(product__in=products_for_user(user))
        .select_related("product", "raw_material_area")
        .order_by("-production_date", "-pk")
    )


# --- /ocop/: the programme's figures, computed from the data --------------------------


def _certified_stars(on):
    current = OcopCertificate.objects.current(on=on).filter(product=OuterRef("pk")).order_by("-decision_date", "-pk")
    return on_sale_products(on=on).annotate(current_stars=Subquery(current.values("stars")[:1]))


def star_figures(on=None):
    """Products on sale and how many at each star rank (5, 4, 3): the home page's tiles and
    the head of /ocop/."""
    on = on or timezone.localdate()
    by_stars = Counter(
        dict(_certified_stars(on).order_by().values_list("current_stars").annotate(n=Count("pk", distinct=True)))
    )
    return {
        "total": on_sale_products(on=on).count(),
        "by_stars": [{"stars": stars, "count": by_stars.get(stars, 0)} for stars in (5, 4, 3)],
    }


def programme_figures(on=None):
    on = on or timezone.localdate()
    certified = on_sale_products(on=on)
    stars = star_figures(on=on)

    groups = []
    for group in Category.objects.filter(depth=1).order_by("path"):
        count = certified.filter(categories__path__startswith=group.path).distinct().count()
        groups.append({"category": group, "count": count})

    district_rows = (
        certified.values_list("stockrecords__partner__producer_profile__district")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    per_district = Counter()
    for district, count in district_rows:
        per_district[places.district_key(district) if district else ""] += count
    districts = [
        {"name": name, "count": per_district.pop(places.district_key(name), 0)} for name in places.districts()
    ]
    unplaced = sum(per_district.values())

    communes_pairs = set(
        certified.order_by().values_list(
            "stockrecords__partner__producer_profile__district", "stockrecords__partner__producer_profile__commune"
        ).distinct()
    )
    known = places.communes()
    covered = {
        known[(places.fold(d), places.fold(c))] for d, c in communes_pairs if (places.fold(d), places.fold(c)) in known
    }

    expiring_90 = certified.exclude(pk__in=on_sale_products(on=on + timedelta(days=91)).values("pk")).count()

    return {
        "on": on,
        "total": stars["total"],
        "by_stars": stars["by_stars"],
        "groups": groups,
        "districts": districts,
        "unplaced": unplaced,
        "communes_covered": len(covered),
        "communes_total": len(known),
        "expiring_90": expiring_90,
        "targets": target_progress(on=on),
    }


def target_progress(on=None):
    on = on or timezone.localdate()
    targets = list(ProgrammeTarget.objects.order_by("-year", "kind"))
    if not targets:
        return []
    first_certified = Product.objects.annotate(
        first_certified=Min(
            "ocop_certificates__decision_date",
            filter=Q(ocop_certificates__stars__gte=ocop_rules.CERTIFIED_MIN_STARS),
        )
    )
    traceable = on_sale_products(on=on).filter(Exists(ProductionBatch.objects.filter(product=OuterRef("pk")))).count()
    rows = []
    for target in targets:
        if target.kind == ProgrammeTarget.Kind.NEW_CERTIFIED:
            achieved = first_certified.filter(first_certified__year=target.year).count()
        else:
            achieved = traceable
        percent = min(100, round(100 * achieved / target.target)) if target.target else 100
        rows.append({"target": target, "achieved": achieved, "percent": percent})
    return rows


# --- The province's OCOP registry: one query for a page, whatever its size -------------------

REGISTRY_SORTS = {
    "name": ("name", "pk"),
    "-stars": ("-stars_value", "name", "pk"),
    "stars": ("stars_value", "name", "pk"),
    "-decision_date": ("-cert_date", "name", "pk"),
    "decision_date": ("cert_date", "name", "pk"),
    "valid_until": ("cert_valid_until", "name", "pk"),
}
REGISTRY_STATUSES = ("valid", "expired", "revoked", "unknown")


def registry_entries(on=None):
    """Registry entries annotated with their latest decision (number, date, stars, score, authority,
    valid until, revocation) and its status on the given day: còn hiệu lực / hết hạn / đã thu hồi,
    or 'unknown' when the sources give no decision."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import Coalesce, ExtractYear

    from ocop.models import RegistryEntry

    on = on or timezone.localdate()
    latest = OcopCertificate.objects.filter(entry=OuterRef("pk")).order_by("-decision_date", "-pk")
    annotations = {
        "cert_" + name: Subquery(latest.values(column)[:1])
        for name, column in (
            ("number", "decision_number"), ("date", "decision_date"), ("stars", "stars"), ("score", "score"),
            ("authority", "issuing_authority"), ("valid_until", "valid_until"), ("state", "status"),
            ("revoked_at", "revoked_at"), ("revocation_reason", "revocation_reason"), ("is_demo", "is_demo"),
        )
    }
    return (
        RegistryEntry.objects.annotate(**annotations)
        .annotate(
            stars_value=Coalesce(F("cert_stars"), F("listed_stars")),
            cert_year=ExtractYear("cert_date"),
            status=Case(
                When(cert_number__isnull=True, then=Value("unknown")),
                When(cert_state=OcopCertificate.Status.REVOKED, then=Value("revoked")),
                When(cert_valid_until__lt=on, then=Value("expired")),
                default=Value("valid"),
                output_field=CharField(),
            ),
        )
    )


def registry_search(params, on=None):
    """The filtered, sorted registry for the page, the CSV and the API (one set of filters).

    params: q (accents optional), stars, group, district, commune (official code), status, year, sort.
    """
    from search.folding import fold

    entries = registry_entries(on=on)
    query = fold(params.get("q") or "")
    for word in query.split()[:8]:
        entries = entries.filter(search_text__contains=word)
    stars = str(params.get("stars") or "")
    if stars.isdigit():
        entries = entries.filter(stars_value=int(stars))
    if params.get("group"):
        entries = entries.filter(group=params["group"])
    district = params.get("district") or ""
    if district:
        full = places.district_name(district)
        entries = entries.filter(district=full) if full else entries.none()
    commune = str(params.get("commune") or "")
    if commune.isdigit():
        entries = entries.filter(commune_code=int(commune))
    if params.get("status") in REGISTRY_STATUSES:
        entries = entries.filter(status=params["status"])
    year = str(params.get("year") or "")
    if year.isdigit():
        entries = entries.filter(cert_year=int(year))
    return entries.order_by(*REGISTRY_SORTS.get(params.get("sort") or "name", REGISTRY_SORTS["name"]))


def registry_on_sale_ids(entries, on=None):
    """{product pk} of the given entries' products that are on sale now (the catalogue's gate)."""
    ids = [entry.product_id for entry in entries if entry.product_id]
    if not ids:
        return set()
    return set(on_sale_products(on=on).filter(pk__in=ids).values_list("pk", flat=True))


def registry_entry(code):
    from ocop.models import RegistryEntry

    entry = registry_entries().filter(code=code).select_related("product").first()
    if entry is None:
        raise RegistryEntry.DoesNotExist(code)
    return entry


def registry_history(entry):
    return list(OcopCertificate.objects.filter(entry=entry).order_by("-decision_date", "-pk"))


def registry_years():
    from django.db.models.functions import ExtractYear

    return sorted(
        set(OcopCertificate.objects.filter(entry__isnull=False).annotate(y=ExtractYear("decision_date")).values_list("y", flat=True)),
        reverse=True,
    )


def registry_counts(on=None):
    """Live counts of the registry for /ocop/: by status and, among current ones, by stars."""
    rows = registry_entries(on=on).order_by().values_list("status", "stars_value").annotate(n=Count("pk"))
    by_status, by_stars = Counter(), Counter()
    for status, stars, n in rows:
        by_status[status] += n
        if status == "valid":
            by_stars[stars] += n
    return {
        "total": sum(by_status.values()),
        "by_status": by_status,
        "valid_by_stars": [{"stars": s, "count": by_stars.get(s, 0)} for s in (5, 4, 3)],
    }


def plan_progress(plan=None, indicators=None):
    """Each plan indicator with what the registry shows for its year (None: not measurable here)."""
    from ocop import figures

    plan = plan or figures.PLAN_75
    year = plan["year"]
    certified = OcopCertificate.objects.filter(entry__isnull=False, stars__gte=ocop_rules.CERTIFIED_MIN_STARS)
    first_year = (
        certified.order_by().values("entry").annotate(first=Min("decision_date")).filter(first__year=year).count()
    )
    earlier_lower = certified.filter(
        entry=OuterRef("entry"), decision_date__lt=OuterRef("decision_date"), stars__lt=OuterRef("stars")
    )
    upgraded = (
        certified.filter(decision_date__year=year).filter(Exists(earlier_lower)).values("entry").distinct().count()
    )
    traceable = (
        certified.filter(decision_date__year=year, product__isnull=False)
        .filter(Exists(ProductionBatch.objects.filter(product=OuterRef("product"))))
        .values("entry").distinct().count()
    )
    measured = {"new_certified": first_year, "upgraded": upgraded, "traceable": traceable, "value_chain": None}
    rows = []
    for key, wording, target in indicators or figures.PLAN_INDICATORS:
        achieved = measured.get(key)
        rows.append({
            "key": key, "wording": wording, "target": target, "achieved": achieved,
            "percent": None if achieved is None else min(100, round(100 * achieved / target)),
        })
    return {"plan": plan, "rows": rows}
