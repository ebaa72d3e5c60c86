"""Daily bulk downloads of the open data (JSON and CSV) with their licence.

`bulk_export()` is the service (a Celery beat task or cron calls it, or the management command
`export_open_data`); files go to the default storage under open-data/ and /api/v1/bulk/ serves them.
"""
import csv
import io
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from marketplace.content_language import canonical_language

PREFIX = "open-data/"
FILES = ("registry.json", "registry.csv", "products.json", "manifest.json", "LICENCE.txt")
LICENCE = (
    "Dữ liệu mở Chợ OCOP Bắc Kạn — Giấy phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0), "
    "https://creativecommons.org/licenses/by/4.0/deed.vi\n"
    "Khi dùng lại, ghi: \"Nguồn: Cơ sở dữ liệu sản phẩm OCOP Bắc Kạn (cũ), Chợ OCOP Bắc Kạn\" và ngày tải.\n"
    "Mỗi dòng có trường nguồn (source). Dòng có is_demo/du_lieu_mau là dữ liệu mẫu, không phải số liệu chính thức. "
    "Không có dữ liệu cá nhân (e-mail, điện thoại của cá nhân, địa chỉ người mua, mã người dùng).\n"
    "Open data of Chợ OCOP Bắc Kạn, licensed CC BY 4.0. Rows marked is_demo are sample data.\n"
)


def _registry_rows(on):
    from ocop import selectors
    from ocop.api.serializers import RegistryEntrySerializer

    entries = selectors.registry_search({}, on=on).select_related("product")
    on_sale = set(selectors.on_sale_products(on=on).filter(registry_entry__isnull=False).values_list("pk", flat=True))
    return entries, on_sale, RegistryEntrySerializer(entries, many=True, context={"on_sale": on_sale}).data


def bulk_export(*, on=None, storage=None):
    """Write today's files (in the canonical Vietnamese, like the API); returns {name: size in bytes}."""
    with canonical_language():
        return _bulk_export(on=on, storage=storage)


def _bulk_export(*, on, storage):
    from ocop import selectors
    from ocop.api.serializers import ProductSerializer
    from ocop.registry_views import CSV_HEADERS, csv_row

    storage = storage or default_storage
    on = on or timezone.localdate()
    entries, on_sale, registry = _registry_rows(on)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADERS)
    for entry in entries:
        writer.writerow(csv_row(entry, None, on_sale))
    products = ProductSerializer(
        selectors.on_sale_products(on=on).prefetch_related("stockrecords__partner__producer_profile", "ocop_certificates", "categories"),
        many=True,
    ).data
    generated = timezone.now().isoformat()
    contents = {
        "registry.json": json.dumps({"generated_at": generated, "licence": "CC-BY-4.0", "results": registry}, ensure_ascii=False, default=str),
        "registry.csv": "\ufeff" + buffer.getvalue(),
        "products.json": json.dumps({"generated_at": generated, "licence": "CC-BY-4.0", "results": products}, ensure_ascii=False, default=str),
        "LICENCE.txt": LICENCE,
    }
    sizes = {}
    for name, text in contents.items():
        sizes[name] = _write(storage, name, text)
    manifest = {"generated_at": generated, "date": on.isoformat(), "licence": "CC-BY-4.0", "files": sizes}
    sizes["manifest.json"] = _write(storage, "manifest.json", json.dumps(manifest, ensure_ascii=False))
    return sizes


def _write(storage, name, text):
    data = text.encode("utf-8")
    path = PREFIX + name
    if storage.exists(path):
        storage.delete(path)
    storage.save(path, ContentFile(data))
    return len(data)


def manifest(storage=None):
    storage = storage or default_storage
    path = PREFIX + "manifest.json"
    if not storage.exists(path):
        return None
    with storage.open(path) as fh:
        return json.loads(fh.read().decode("utf-8"))
