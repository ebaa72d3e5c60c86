"""Search at scale: latency and relevance of each available backend.

Seeds N products on sale (default 10,000; --smoke: 300) into a throw-away test database:
30 "anchor" products shoppers look for (e.g. "Miến dong Tài Hoan", 5★) among
look-alike products of the same kinds and places (3–4★). Then, per backend:
  * p50/p95 latency of 200 realistic queries (accented and not, some with typos, some
    with a facet filter), each a full results page with facet counts;
  * relevance: of 30 fixed queries with an expected product, how many rank it first
    and in the top 3.
Baseline measured in the same run: a plain Django `title__icontains` query (first page,
no facets), which is what a site without a search backend does; ratios are backend /
baseline latency, and the baseline's own relevance shows what accent-blind search costs.
Targets (issue 4): ≥ 27/30 first on both backends; p95 < 50 ms for the database
backend on PostgreSQL.

    .venv/bin/python benchmarks/search.py [--smoke] [--products N] [--keepdb]
    ELASTICSEARCH_URL=http://127.0.0.1:19201 .venv/bin/python benchmarks/search.py --smoke

Uses SQLite in a temporary file unless DATABASE_URL is set.
"""
import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("TEST_SQLITE_PATH", str(Path(tempfile.gettempdir()) / "ocop-bench-search.sqlite3"))

GROUPS = {
    "Thực phẩm": ["Miến dong", "Bánh trôi", "Mật ong rừng", "Măng khô", "Thịt trâu gác bếp", "Lạp sườn", "Hồng không hạt", "Cam sành", "Quýt", "Gạo nếp", "Bánh gio", "Khau nhục"],
    "Đồ uống": ["Trà Shan tuyết", "Rượu men lá", "Rượu dong đào", "Trà hoa vàng", "Chè xanh"],
    "Dược liệu và sản phẩm từ dược liệu": ["Gừng đen", "Tinh dầu quế", "Giảo cổ lam", "Cao xạ đen", "Trà dây"],
    "Hàng thủ công mỹ nghệ": ["Khăn thổ cẩm", "Túi chàm", "Đàn tính", "Giỏ mây"],
    "Sinh vật cảnh": ["Lan kim tuyến", "Cây trà hoa vàng giống"],
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch": ["Homestay", "Tour thuyền hồ"],
}
PLACES = ["Tài Hoan", "Côn Minh", "chợ Đồn", "Ba Bể", "Na Rì", "Ngân Sơn", "Pác Nặm", "Bạch Thông", "Chợ Mới", "Nam Mẫu", "Bằng Lũng", "Đồn Đèn", "Cao Sơn", "Hà Hiệu", "Quang Thuận"]
DISTRICTS = ["Ba Bể", "Bạch Thông", "Chợ Đồn", "Chợ Mới", "Na Rì", "Ngân Sơn", "Pác Nặm", "TP Bắc Kạn"]
PACKS = ["hộp 500g", "túi 1kg", "loại đặc biệt", "chai 500ml", "hũ 250g", "gói quà", "loại 1", "túi 300g"]

# (anchor title, the query a shopper types)
ANCHORS = [
    ("Miến dong Tài Hoan", "mien dong tai hoan"),
    ("Bánh trôi chợ Đồn", "banh troi cho don"),
    ("Mật ong rừng Ba Bể", "mat ong rung ba be"),
    ("Trà Shan tuyết Bạch Thông", "tra shan tuyet bach thong"),
    ("Rượu dong đào Đồn Đèn", "ruou dong dao don den"),
    ("Gừng đen Na Rì", "gung den na ri"),
    ("Măng khô Ngân Sơn", "mang kho ngan son"),
    ("Hồng không hạt Quang Thuận", "hong khong hat quang thuan"),
    ("Cam sành Chợ Mới", "cam sanh cho moi"),
    ("Quýt Quang Thuận", "quyt quang thuan"),
    ("Thịt trâu gác bếp Pác Nặm", "thit trau gac bep pac nam"),
    ("Lạp sườn Bằng Lũng", "lap suon bang lung"),
    ("Tinh dầu quế Ngân Sơn", "tinh dau que ngan son"),
    ("Giảo cổ lam Cao Sơn", "giao co lam cao son"),
    ("Khăn thổ cẩm Nam Mẫu", "khan tho cam nam mau"),
    ("Miến dong Côn Minh", "Miến dong Côn Minh"),
    ("Trà hoa vàng Hà Hiệu", "Trà hoa vàng Hà Hiệu"),
    ("Rượu men lá Ba Bể", "rượu men lá ba bể"),
    ("Túi chàm Pác Nặm", "Túi chàm Pác Nặm"),
    ("Gạo nếp Bằng Lũng", "gạo nếp bằng lũng"),
    ("Cao xạ đen Chợ Đồn", "xa den cho don"),
    ("Đàn tính Ba Bể", "dan tinh ba be"),
    ("Lan kim tuyến Bạch Thông", "lan kim tuyen"),
    ("Homestay Nam Mẫu", "homestay nam mau"),
    ("Tour thuyền hồ Ba Bể", "tour thuyen ho ba be"),
    ("Bánh gio Na Rì", "banh gio na rii"),
    ("Khau nhục Chợ Mới", "khau nhuc cho moii"),
    ("Giỏ mây Đồn Đèn", "gio mayy don den"),
    ("Chè xanh Cao Sơn", "che xanhh cao son"),
    ("Trà dây Hà Hiệu", "tra dayy ha hieu"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny size (CI)")
    parser.add_argument("--products", type=int, default=None)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keepdb", action="store_true", help="reuse the migrated test database")
    parser.add_argument(
        "--es-queries", type=int, default=None,
        help="latency sample for Elasticsearch (default: all); the noida-db emulator is slow at 10,000 docs",
    )
    parser.add_argument("--skip-es", action="store_true", help="measure the database backend only")
    args = parser.parse_args()
    size = args.products or (300 if args.smoke else 10_000)

    import logging

    import django

    django.setup()
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    logging.getLogger("oscar.alerts").setLevel(logging.WARNING)
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb, serialize=False)
    print(f"test database ready in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    try:
        with transaction.atomic():
            run(size, args.queries, es_queries=args.es_queries, skip_es=args.skip_es)
            transaction.set_rollback(True)  # leave a reusable database as it was
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)


def seed(size):
    from django.utils import timezone
    from django.utils.text import slugify
    from oscar.core.loading import get_class, get_model

    from ocop import rules as ocop_rules
    from search.services import search_entries_rebuild
    from shops.models import ProducerProfile

    create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    OcopCertificate = get_model("catalogue", "OcopCertificate")

    rng = random.Random(4)
    product_class, _ = ProductClass.objects.get_or_create(slug="bench-ocop", defaults={"name": "Bench OCOP", "track_stock": True})
    groups = {name: create_from_breadcrumbs(name) for name in GROUPS}
    kind_group = {kind: name for name, kinds in GROUPS.items() for kind in kinds}
    partners = []
    for i in range(60):
        partner = Partner.objects.create(name=f"HTX {rng.choice(PLACES)} {i}", code=f"bench-htx-{i}")
        ProducerProfile.objects.create(
            partner=partner, slug=f"bench-htx-{i}", legal_kind="cooperative",
            district=DISTRICTS[i % len(DISTRICTS)], commune=rng.choice(PLACES),
        )
        partners.append(partner)
    anchors = {title for title, _q in ANCHORS}
    titles = [title for title, _q in ANCHORS]
    while len(titles) < size:
        kind = rng.choice(list(kind_group))
        titles.append(f"{kind} {rng.choice(PLACES)} {rng.choice(PACKS)} #{len(titles)}")
    now = timezone.now()
    products = Product.objects.bulk_create(
        [
            Product(
                title=title, slug=slugify(title)[:200] or "p", upc=f"BENCH-{i:06d}", product_class=product_class,
                structure="standalone", is_public=True, description=f"Sản phẩm OCOP {title}",
                date_created=now - datetime.timedelta(minutes=i),
            )
            for i, title in enumerate(titles)
        ],
        batch_size=1000,
    )
    if products[0].pk is None:  # backends that do not return ids
        products = list(Product.objects.filter(upc__startswith="BENCH-").order_by("upc"))
    today = timezone.localdate()
    links, records, certificates = [], [], []
    for i, product in enumerate(products):
        kind = next(k for k in sorted(kind_group, key=len, reverse=True) if product.title.startswith(k))
        links.append(ProductCategory(product=product, category=groups[kind_group[kind]]))
        records.append(StockRecord(
            product=product, partner=partners[i % len(partners)], partner_sku=f"BENCH-{i}",
            price=Decimal(rng.choice([35, 45, 60, 85, 120, 150, 250, 350, 600]) * 1000), price_currency="VND",
            num_in_stock=rng.choice([0, 5, 20, 50]),
        ))
        stars = 5 if product.title in anchors else rng.choice([3, 3, 4])
        decision = today - datetime.timedelta(days=rng.randint(10, 900))
        certificates.append(OcopCertificate(
            product=product, stars=stars, decision_number=f"{i}/QĐ-UBND", decision_date=decision,
            valid_until=ocop_rules.default_valid_until(decision), issuing_authority=ocop_rules.issuing_level(stars),
        ))
    ProductCategory.objects.bulk_create(links, batch_size=1000)
    StockRecord.objects.bulk_create(records, batch_size=1000)
    OcopCertificate.objects.bulk_create(certificates, batch_size=1000)
    started = time.perf_counter()
    search_entries_rebuild(batch_size=1000)
    from django.db import connection

    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum keeps them in production
        cursor.execute("ANALYZE")
    print(f"seeded {len(products)} products; database search rows built in {time.perf_counter() - started:.1f} s")
    return groups


def workload(n, groups):
    """n realistic queries: anchors, kinds and places, accented or not, typos, some filtered."""
    from search.backends.base import SearchQuery
    from search.folding import fold

    rng = random.Random(7)
    group_ids = [g.pk for g in groups.values()]
    kinds = [k for kinds in GROUPS.values() for k in kinds]
    queries = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.3:
            text = rng.choice(ANCHORS)[1]
        elif roll < 0.6:
            text = rng.choice(kinds)
        elif roll < 0.8:
            text = f"{rng.choice(kinds)} {rng.choice(PLACES)}"
        else:
            text = rng.choice(kinds)[:5]
        if i % 2:
            text = fold(text)
        if i % 5 == 0:
            queries.append(SearchQuery(text=text, group=rng.choice(group_ids)))
        elif i % 7 == 0:
            queries.append(SearchQuery(text=text, stars=rng.choice([3, 4]), sort="price_asc"))
        else:
            queries.append(SearchQuery(text=text))
    return queries


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def measure(search, queries):
    timings = []
    for query in queries[:5]:
        search(query)  # warm up
    for query in queries:
        started = time.perf_counter()
        search(query)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 95)


def relevance(search_ids):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    expected = dict(Product.objects.filter(upc__startswith="BENCH-", title__in=[t for t, _q in ANCHORS]).values_list("title", "pk"))
    first = top3 = 0
    misses = []
    for title, text in ANCHORS:
        ids = search_ids(text)
        if ids[:1] == [expected[title]]:
            first += 1
        if expected[title] in ids[:3]:
            top3 += 1
        else:
            misses.append(text)
    return first, top3, misses


def run(size, n_queries, es_queries=None, skip_es=False):
    from django.conf import settings
    from oscar.core.loading import get_model

    from search.backends.database import DatabaseBackend
    from ocop.selectors import on_sale_products

    Product = get_model("catalogue", "Product")
    groups = seed(size)
    queries = workload(n_queries, groups)

    def baseline(query):
        qs = on_sale_products().filter(title__icontains=query.text).order_by("-date_created")
        return list(qs.values_list("pk", flat=True)[:24])

    def baseline_ids(text):
        return list(on_sale_products().filter(title__icontains=text).order_by("-date_created").values_list("pk", flat=True)[:24])

    from django.db import connection

    print(f"\n{Product.objects.count()} products, {len(queries)} queries, {connection.vendor}")
    print(f"{'':28} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'p50/base':>9} {'first/30':>9} {'top3/30':>8}")

    def report(name, sample, p50, p95, first, top3, misses):
        print(f"{name:28} {sample:7d} {p50:8.1f} {p95:8.1f} {p50 / base_p50:9.1f} {first:9d} {top3:8d}", flush=True)
        if misses:
            print(f"{'':28} not in top 3: {', '.join(misses)}", flush=True)

    base_p50, base_p95 = measure(baseline, queries)
    first, top3, _ = relevance(baseline_ids)
    report("baseline title__icontains", len(queries), base_p50, base_p95, first, top3, [])

    from search.backends.base import SearchQuery

    backend = DatabaseBackend()
    p50, p95 = measure(backend.search, queries)
    first, top3, misses = relevance(lambda text: backend.search(SearchQuery(text=text)).product_ids)
    report("database backend", len(queries), p50, p95, first, top3, misses)

    # The same queries with the facet-count cache missing every time (as right after a
    # catalogue change): the backend's uncached cost.
    from unittest import mock

    from django.core.cache import cache as real_cache

    class CountsAlwaysMissing:
        def get(self, key, default=None):
            return default if key.startswith("search:db:counts:") else real_cache.get(key, default)

        def __getattr__(self, name):
            return getattr(real_cache, name)

    with mock.patch("search.backends.database.cache", CountsAlwaysMissing()):
        p50, p95 = measure(backend.search, queries)
    report("database backend, uncached *", len(queries), p50, p95, first, top3, [])
    print(f"{'':28} * facet counts recomputed on every query (the row above reuses them for repeated queries)")

    if settings.ELASTICSEARCH_URL and not skip_es:
        from search.backends.elasticsearch import ElasticsearchBackend, client

        settings.ELASTICSEARCH_INDEX = "bench-products"
        es_backend = ElasticsearchBackend(es=client().options(request_timeout=60))
        started = time.perf_counter()
        es_backend.rebuild(batch_size=1000)
        print(f"Elasticsearch index built in {time.perf_counter() - started:.1f} s ({settings.ELASTICSEARCH_URL})")
        sample = queries[: es_queries or len(queries)]
        p50, p95 = measure(es_backend.search, sample)
        first, top3, misses = relevance(lambda text: es_backend.search(SearchQuery(text=text)).product_ids)
        report("elasticsearch backend", len(sample), p50, p95, first, top3, misses)
        for index in es_backend.admin.indices.get_alias(name=es_backend.alias):
            es_backend.admin.indices.delete(index=index, ignore_unavailable=True)


if __name__ == "__main__":
    main()
