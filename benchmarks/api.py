"""Open data API at scale: the registry list endpoint /api/v1/registry/ at 10,000 entries.

Seeds registry entries with one decision each (bulk INSERTs) into a throw-away test database and
measures, at a small and a large registry (100 and 10,000 entries; --smoke: 30 and 300), for page
sizes 10 and 200:
  * SQL queries per request (target: the same at every size and page size);
  * p50 and p95 latency over N requests (page 1, a filtered page and a deep page).

    .venv/bin/python benchmarks/api.py [--smoke] [--runs N] [--keepdb]

Uses SQLite in a temporary file unless DATABASE_URL is set (then a test database on that server).
"""
import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("TEST_SQLITE_PATH", str(Path(tempfile.gettempdir()) / "ocop-bench-api.sqlite3"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (CI)")
    parser.add_argument("--runs", type=int, default=None, help="requests per measurement")
    parser.add_argument("--keepdb", action="store_true", help="reuse the migrated test database")
    args = parser.parse_args()
    sizes = (30, 300) if args.smoke else (100, 10_000)
    runs = args.runs or (5 if args.smoke else 40)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.OPEN_DATA_API_RATES = {"address": "1000000/min", "key": "1000000/min"}
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb)
    print(f"test database ready in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    failed = False
    try:
        with transaction.atomic():
            failed = run(sizes, runs)
            transaction.set_rollback(True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keepdb)
    sys.exit(1 if failed else 0)


def seed(upto):
    """Bring the registry to `upto` seeded entries (each with one decision: valid, expired or revoked)."""
    from django.utils import timezone
    from oscar.core.loading import get_model

    from ocop.models import RegistryEntry
    from search.folding import fold

    OcopCertificate = get_model("catalogue", "OcopCertificate")
    have = RegistryEntry.objects.filter(source="benchmark").count()  # a cloned database may hold the demo's too
    groups = ["thuc-pham", "do-uong", "duoc-lieu", "thu-cong-my-nghe", "sinh-vat-canh", "du-lich"]
    districts = ["Huyện Ba Bể", "Huyện Chợ Đồn", "Huyện Na Rì", "Thành phố Bắc Kạn"]
    today = timezone.localdate()
    entries = []
    for n in range(have, upto):
        name = f"Sản phẩm OCOP mẫu số {n}"
        entries.append(
            RegistryEntry(
                code=f"B-{n:06d}", name=name, producer_name=f"HTX Mẫu {n % 700}", producer_kind="cooperative",
                group=groups[n % 6], district=districts[n % 4], source="benchmark", search_text=fold(name),
            )
        )
    RegistryEntry.objects.bulk_create(entries, batch_size=2000)
    created = RegistryEntry.objects.filter(code__in=[e.code for e in entries]).values_list("pk", "code")
    certificates = []
    for pk, code in created:
        n = int(code[2:])
        decided = today - datetime.timedelta(days=(n * 37) % 1400)
        certificates.append(
            OcopCertificate(
                entry_id=pk, stars=3 + n % 3, decision_number=f"{n}/QĐ-UBND", decision_date=decided,
                valid_until=decided + datetime.timedelta(days=1095), issuing_authority="ministry" if n % 3 == 2 else "province",
                status="revoked" if n % 50 == 0 else "valid",
            )
        )
    OcopCertificate.objects.bulk_create(certificates, batch_size=2000)


def measure(client, url, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = len(captured)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * len(timings))) - 1)]
    return queries, statistics.median(timings), p95


def run(sizes, runs):
    from django.test import Client

    client = Client()
    results = {}
    for size in sizes:
        seed(size)
        for label, url in (
            ("page 1, 10", "/api/v1/registry/?page_size=10"),
            ("page 1, 200", "/api/v1/registry/?page_size=200"),
            ("filtered, 50", "/api/v1/registry/?stars=4&status=valid&q=san+pham&page_size=50"),
            ("deep page, 50", f"/api/v1/registry/?page={max(1, size // 100)}&page_size=50"),
        ):
            queries, median, p95 = measure(client, url, runs)
            results[(size, label)] = queries
            print(f"{size:>6} entries  {label:<14} queries={queries:<3} p50={median:7.1f} ms  p95={p95:7.1f} ms  ({runs} runs)")
    # A page whose entries have nothing to prefetch (no product sold here, e.g. only the seeded
    # entries) costs one query less: Django skips an empty prefetch. What must not happen is a
    # count that grows with the registry or with the page size.
    small, large = min(sizes), max(sizes)
    grows_with_total = [label for (size, label) in results if size == large and results[(large, label)] > results[(small, label)]]
    grows_with_page = [size for size in sizes if results[(size, "page 1, 200")] > results[(size, "page 1, 10")]]
    print(f"queries per request: {sorted(set(results.values()))}; grow with the registry: {grows_with_total or 'no'}; "
          f"grow with the page size: {grows_with_page or 'no'}")
    return bool(grows_with_total or grows_with_page)


if __name__ == "__main__":
    main()
