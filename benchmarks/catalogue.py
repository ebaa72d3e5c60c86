"""Catalogue at scale: queries per request and latency of /catalogue/ and a product page.

Seeds products on sale (bulk INSERTs) into a throw-away test database, then measures, at a small
and a large catalogue (100 and 10,000 products; --smoke: 30 and 300):
  * SQL queries per request of the catalogue page (24 cards) and of a product page;
  * median latency of each, relative to a plain Django ListView over the same products in the
    same run (same site layout, 24 products a page, title + price + link, no Oscar strategy).
Targets (issue 3): equal query counts at both sizes; latency ratio <= 2.0.
Product page (issue 20): median <= 1.0x a stock Oscar 4.2 ProductDetailView rendering Oscar's own
templates (mounted on /bench/oscar-product/, a second template engine that never sees templates/).

    .venv/bin/python benchmarks/catalogue.py [--smoke] [--runs N]

Uses SQLite in a temporary file unless DATABASE_URL is set (then a test database on that server).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("TEST_SQLITE_PATH", str(Path(tempfile.gettempdir()) / "ocop-bench-catalogue.sqlite3"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (CI)")
    parser.add_argument("--runs", type=int, default=None, help="requests per measurement")
    parser.add_argument("--keepdb", action="store_true", help="reuse the migrated test database")
    args = parser.parse_args()
    small, large = (30, 300) if args.smoke else (100, 10_000)
    runs = args.runs or (5 if args.smoke else 30)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    print(f"test database ready in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    try:
        from django.db import transaction

        with transaction.atomic():  # seeded rows are rolled back: a kept database stays clean
            run(small, large, runs)
            transaction.set_rollback(True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)


def plain_list_urlconf():
    """The project's URLs plus /bench/plain/: a plain ListView over the same on-sale products."""
    from django.template import engines
    from django.urls import include, path
    from django.views.generic import ListView
    from oscar.core.loading import get_model

    from marketplace import urls as project_urls

    Product = get_model("catalogue", "Product")
    template = engines["django"].from_string(
        '{% extends "oscar/layout.html" %}{% block content %}<ol>{% for p in products %}'
        '<li><a href="/catalogue/{{ p.slug }}_{{ p.pk }}/">{{ p.title }}</a> '
        "{% for s in p.stockrecords.all %}{{ s.price }}{% endfor %}</li>{% endfor %}</ol>{% endblock %}"
    )

    class PlainListView(ListView):
        paginate_by = 24
        context_object_name = "products"

        def get_queryset(self):
            return Product.objects.browsable().certified().prefetch_related("stockrecords").order_by("-date_created", "-pk")

        def render_to_response(self, context, **kwargs):
            from django.http import HttpResponse

            return HttpResponse(template.render(context, self.request))

    from django.conf import settings
    from oscar.apps.catalogue.views import ProductDetailView as StockProductDetailView

    import oscar

    if not any(engine.get("NAME") == "oscar-stock" for engine in settings.TEMPLATES):
        # Oscar's own templates first; the project's templates/ directory is not in this engine.
        stock = dict(settings.TEMPLATES[0], NAME="oscar-stock", DIRS=[Path(oscar.__file__).parent / "templates"])
        settings.TEMPLATES = list(settings.TEMPLATES) + [stock]
        from django.template import engines as all_engines

        all_engines._templates = None
        all_engines.__dict__.pop("templates", None)
        all_engines._engines = {}

    class StockProductView(StockProductDetailView):
        template_engine = "oscar-stock"
        enforce_paths = False

    module = types.ModuleType("bench_catalogue_urls")
    module.urlpatterns = [
        path("bench/plain/", PlainListView.as_view()),
        path("bench/oscar-product/<str:product_slug>_<int:pk>/", StockProductView.as_view()),
        path("bench/i18n/", include("django.conf.urls.i18n")),  # Oscar's stock language form posts there
    ] + list(project_urls.urlpatterns)
    sys.modules[module.__name__] = module
    return module.__name__


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches (thumbnails key-value store, templates, session)
        assert client.get(url).status_code == 200, url
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = len(captured)  # read now: the capture is a slice of a log the next measurement clears
    assert queries, f"no queries captured for {url}"
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return queries, statistics.median(timings)


def measure_cold(client, url, runs):
    """Like measure(), with the listing's own caches missing on every request."""
    import uuid
    from unittest import mock

    from catalogue import cards
    from search.backends.database import DatabaseBackend

    real_key = cards.card_key
    with mock.patch.object(cards, "card_key", lambda product, on=None, sold=0: real_key(product, on, sold) + uuid.uuid4().hex), \
            mock.patch.object(DatabaseBackend, "catalogue_version", lambda self: uuid.uuid4().hex):
        return measure(client, url, runs)


def run(small, large, runs):
    from django.test import Client, override_settings
    from django.urls import clear_url_caches, reverse

    from tests.factories import category
    from tests.factories.catalogue import bulk_certified_products, producer

    groups = [
        category(name)
        for name in (
            "Thực phẩm",
            "Đồ uống",
            "Dược liệu và sản phẩm từ dược liệu",
            "Hàng thủ công mỹ nghệ",
            "Sinh vật cảnh",
            "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        )
    ]
    partners = [producer(f"HTX Đo {i}", slug=f"htx-do-{i}", email="") for i in range(10)]

    def seed(total, already):
        per_partner = (total - already) // len(partners)
        for i, partner in enumerate(partners):
            bulk_certified_products(
                per_partner, partner=partner, categories=groups, start=already + i * per_partner, expired_every=10
            )
        return already + per_partner * len(partners)

    urlconf = plain_list_urlconf()
    results = {}
    with override_settings(ROOT_URLCONF=urlconf):
        clear_url_caches()
        client = Client()
        seeded = 0
        product = None
        for size in (small, large):
            seeded = seed(size, seeded)
            if product is None:
                from oscar.core.loading import get_model

                product = get_model("catalogue", "Product").objects.certified().order_by("pk").first()
            results[size] = {
                "catalogue": measure(client, reverse("catalogue:index"), runs),
                "catalogue_cold": measure_cold(client, reverse("catalogue:index"), runs),
                "product": measure(client, product.get_absolute_url(), runs),
                "oscar_product": measure(client, f"/bench/oscar-product/{product.slug}_{product.pk}/", runs),
                "plain": measure(client, "/bench/plain/", runs),
            }
    clear_url_caches()

    print(f"\nproducts seeded (10 % with an expired certificate): {small} then {large}; {runs} requests each\n")
    print(f"{'page':<26}{'queries @' + str(small):>14}{'queries @' + str(large):>16}{'median ms @' + str(large):>18}{'ratio vs ListView':>20}")
    ok = True
    rows = (
        ("catalogue", "/catalogue/ (24 cards)"),
        ("catalogue_cold", "/catalogue/ uncached *"),
        ("product", "product page"),
        ("oscar_product", "stock Oscar product page"),
        ("plain", "plain ListView"),
    )
    for key, label in rows:
        q_small, _ = results[small][key]
        q_large, latency = results[large][key]
        ratio = latency / results[large]["plain"][1]
        ok &= q_small == q_large and (key in ("plain", "catalogue_cold", "oscar_product") or ratio <= 2.0)
        print(f"{label:<26}{q_small:>14}{q_large:>16}{latency * 1000:>18.1f}{ratio:>20.2f}")
    print("* every request misses the card cache and the facet-count cache (as after a catalogue change);")
    print("  the pages above are served warm, as repeat visits are (both caches are keyed by what they show)")
    product_ratio = results[large]["product"][1] / results[large]["oscar_product"][1]
    print(f"\nproduct page vs stock Oscar ProductDetailView (Oscar's templates) at {large} products: {product_ratio:.2f}x "
          "(target <= 1.0)")
    small_ratio = results[small]["catalogue"][1] / results[small]["plain"][1]
    print(f"\n/catalogue/ ratio at {small} products: {small_ratio:.2f}")
    print("targets (equal query counts, ratio <= 2.0):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
