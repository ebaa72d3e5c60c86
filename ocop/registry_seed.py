"""Seed the OCOP registry from the project's data file (ocop/data/ocop_backan.json), with sources.

Idempotent: entry codes follow the file's order (BK-00001 …). A decision goes in only when the
source gives its number and date; otherwise the entry keeps the stars the source lists and says
so. Products already on sale here (same product code as the demo catalogue) are linked, not copied.
"""
import re

from oscar.core.loading import get_model

from ocop import places, services
from ocop.reference_data import confirmed, ocop_facts
from ocop.registry_import import producer_kind

Product = get_model("catalogue", "Product")

SOURCE = "Tổng hợp từ nguồn công khai (báo chí, cổng thông tin tỉnh Bắc Kạn), không phải toàn văn quyết định"
REAL_DECISION = re.compile(r"QĐ (?P<number>\d+/QĐ-[\w-]+) (?P<date>\d{2}/\d{2}/\d{4})(?: \((?P<score>[\d.]+) points\))?")
RERATED = re.compile(r"re-rated (?P<stars>\d) stars (?P<date>\d{2}/\d{2}/\d{4})")
EXPIRED_UNTIL = re.compile(r"(?P<year>\d{4}), valid until (?P<date>\d{2}/\d{2}/\d{4})")


def _date(text):
    import datetime

    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def seed_code(index):
    return f"BK-{index:05d}"


def registry_seed(*, by=None, log=print):
    from catalogue.demo import product_code
    from ocop.models import RegistryEntry

    created = certificates = linked = 0
    for index, item in enumerate(ocop_facts()["products"], start=1):
        note = item.get("certificate", "")
        decision = REAL_DECISION.search(note)
        rerated = RERATED.search(note)
        lapsed = EXPIRED_UNTIL.search(note)
        source = SOURCE
        if rerated:
            source += f"; đánh giá lại đạt {rerated.group('stars')} sao ngày {rerated.group('date')} (số quyết định chưa có trong nguồn)"
        if lapsed:
            source += f"; chứng nhận năm {lapsed.group('year')}, hiệu lực đến {lapsed.group('date')} (số quyết định chưa có trong nguồn)"
        producer = confirmed(item.get("producer")) or ""
        district = places.district_name(confirmed(item.get("district")) or "")
        fields = {
            "name": item["name_vi"],
            "producer_name": producer,
            "producer_kind": producer_kind(producer),
            "district": district,
            "commune_code": places.find_code(district, confirmed(item.get("commune"))),
            "group": item["group"],
            "listed_stars": None if decision else item["stars"],
            "source": source,
        }
        code = seed_code(index)
        entry = RegistryEntry.objects.filter(code=code).first()
        if entry is None:
            entry = services.registry_entry_save(by=by, code=code, **fields)
            created += 1
        if decision and not entry.certificates.filter(decision_number=decision.group("number")).exists():
            services.registry_certificate_add(
                entry=entry,
                stars=item["stars"] if not rerated else 5,
                decision_number=decision.group("number"),
                decision_date=_date(decision.group("date")),
                score=decision.group("score"),
                by=by,
            )
            certificates += 1
        product = Product.objects.filter(upc=product_code(item["name_vi"])).first()
        if product is not None and entry.product_id != product.pk:
            services.registry_link_product(entry=entry, product=product)
            linked += 1
    log(f"  registry: {created} entries created, {certificates} decisions recorded, {linked} linked to products on sale")


def load_registry(*, log):
    registry_seed(log=log)
