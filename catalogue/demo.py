"""Demo catalogue: the real Bắc Kạn OCOP products of the data file, with demo prices.

Prices and stock are invented (labelled as demo data in the README); names, producers,
places, stars and groups are from public sources. Idempotent: keyed on stable codes.
"""
import datetime
import hashlib
import io
import re
import zlib

from django.core.files.base import ContentFile
from django.utils.html import escape
from oscar.core.loading import get_class, get_model

from search.folding import slugify

from ocop.reference_data import confirmed, ocop_facts

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
OcopCertificate = get_model("catalogue", "OcopCertificate")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

GROUP_COLOURS = {
    "thuc-pham": "#c0392b",
    "do-uong": "#8e44ad",
    "duoc-lieu": "#27ae60",
    "thu-cong-my-nghe": "#d35400",
    "sinh-vat-canh": "#16a085",
    "du-lich": "#2980b9",
}
TOURISM_GROUP = "du-lich"

# Demo prices in whole đồng, chosen by what the product is (first match wins).
DEMO_PRICES = [
    ("homestay", 450_000),
    ("mật ong", 280_000),
    ("vicumax", 420_000),
    ("tinh bột nghệ", 320_000),
    ("tinh nghệ", 250_000),
    ("gác bếp", 650_000),
    ("lợn rừng", 390_000),
    ("lạp sườn", 280_000),
    ("rượu", 160_000),
    ("giấm", 60_000),
    ("trà", 120_000),
    ("miến", 95_000),
    ("gạo", 55_000),
    ("nấm", 180_000),
    ("măng", 90_000),
    ("hạt dẻ", 130_000),
    ("cam", 40_000),
    ("bún", 45_000),
    ("phở", 45_000),
    ("bánh", 60_000),
    ("cơm lam", 50_000),
    ("củ mài", 150_000),
]
DEFAULT_DEMO_PRICE = 100_000


def demo_price(name):
    lowered = name.lower()
    for keyword, price in DEMO_PRICES:
        if keyword in lowered:
            return price
    return DEFAULT_DEMO_PRICE


def demo_stock(code):
    """A stable, plausible stock level per product (a few products are sold out)."""
    value = zlib.crc32(code.encode()) % 60
    return 0 if value < 4 else value


def product_code(name):
    return "BK-" + hashlib.sha1(name.encode()).hexdigest()[:8].upper()


def ensure_groups():
    """The six OCOP groups (Decision 148/QĐ-TTg) as top-level categories."""
    groups = {}
    for group in ocop_facts()["product_groups"]["groups"]:
        category = Category.objects.filter(depth=1, slug=group["code"]).first()
        if category is None:
            category = create_from_breadcrumbs(group["name_vi"])
            category.slug = group["code"]
            category.save()
        if category.name_en != group["name_en"] or category.description_vi == group["name_en"]:
            category.name_en = group["name_en"]
            if category.description_vi == group["name_en"]:
                # Earlier demo data kept the English name in the description; it has its column now.
                category.description_vi = ""
            category.save()
        groups[group["code"]] = category
    return groups


def ensure_product_classes():
    goods, _ = ProductClass.objects.get_or_create(
        slug="san-pham-ocop", defaults={"name": "Sản phẩm OCOP", "requires_shipping": True, "track_stock": True}
    )
    tourism, _ = ProductClass.objects.get_or_create(
        slug="dich-vu-du-lich",
        defaults={"name": "Dịch vụ du lịch OCOP", "requires_shipping": False, "track_stock": True},
    )
    return goods, tourism


LEGAL_KIND_PREFIXES = [
    ("htx", "cooperative"),
    ("hợp tác xã", "cooperative"),
    ("tổ hợp tác", "cooperative_group"),
    ("công ty", "company"),
    ("hộ kinh doanh", "household"),
]


def legal_kind(name):
    lowered = name.lower()
    for prefix, kind in LEGAL_KIND_PREFIXES:
        if lowered.startswith(prefix):
            return kind
    return "household"  # restaurants, workshops (cơ sở) and named individuals trade as households


def ensure_partner(name, item):
    from shops.models import ProducerProfile

    code = slugify(name)[:128] or product_code(name).lower()
    # By name first: partners loaded before slugs folded Vietnamese keep their old code.
    partner = Partner.objects.filter(name=name).first() or Partner.objects.get_or_create(code=code, defaults={"name": name})[0]
    ProducerProfile.objects.get_or_create(
        partner=partner,
        defaults={
            "slug": code[:140],
            "legal_kind": legal_kind(name),
            "commune": confirmed(item.get("commune")) or "",
            "district": confirmed(item.get("district")) or "",
        },
    )
    return partner


def product_picture(name, group_code):
    """A square JPEG with the product's name on its group's colour (no downloads)."""
    from PIL import Image, ImageDraw, ImageFont

    size = 600
    image = Image.new("RGB", (size, size), GROUP_COLOURS.get(group_code, "#1b6e3a"))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 44)
        small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    except OSError:
        font = ImageFont.load_default(size=44)
        small = ImageFont.load_default(size=28)
    words, lines, line = name.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > size - 80 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    y = size // 2 - len(lines) * 30
    for text in lines:
        draw.text(((size - draw.textlength(text, font=font)) / 2, y), text, font=font, fill="white")
        y += 60
    draw.text((40, size - 70), "OCOP Bắc Kạn", font=small, fill="#f2c14e")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


REAL_DECISION = re.compile(r"QĐ (?P<number>\d+/QĐ-[\w-]+) (?P<date>\d{2}/\d{2}/\d{4})(?: \((?P<score>[\d.]+) points\))?")
RERATED = re.compile(r"re-rated (?P<stars>\d) stars (?P<date>\d{2}/\d{2}/\d{4})")
EXPIRED_UNTIL = re.compile(r"valid until (?P<date>\d{2}/\d{2}/\d{4})")


def parse_date(text):
    return datetime.datetime.strptime(text, "%d/%m/%Y").date()


def demo_certificates(item, code):
    """Certificates for a product: the real decision when the sources give one (with its
    real date, so an old one is expired), else a demo certificate labelled as such."""
    note = item.get("certificate", "")
    certificates = []
    real = REAL_DECISION.search(note)
    if real:
        score = real.group("score")
        certificates.append(
            {
                "decision_number": real.group("number"),
                "decision_date": parse_date(real.group("date")),
                "stars": item["stars"] if not RERATED.search(note) else 5,
                "score": score,
                "is_demo": False,
            }
        )
    rerated = RERATED.search(note)
    if rerated:
        # The re-rating is public but its decision number is not in our sources.
        certificates.append(
            {
                "decision_number": f"DEMO-{code[-4:]}/QĐ-BNN",
                "decision_date": parse_date(rerated.group("date")),
                "stars": int(rerated.group("stars")),
                "is_demo": True,
            }
        )
    expired = EXPIRED_UNTIL.search(note)
    if expired:
        until = parse_date(expired.group("date"))
        certificates.append(
            {
                "decision_number": f"DEMO-{code[-4:]}/QĐ-UBND",
                "decision_date": until.replace(year=until.year - 3),
                "valid_until": until,
                "stars": item["stars"],
                "is_demo": True,
            }
        )
    if not certificates:
        # No decision in the sources: a demo certificate issued within the last two years.
        offset_days = zlib.crc32(code.encode()) % 700
        certificates.append(
            {
                "decision_number": f"DEMO-{code[-4:]}/QĐ-UBND",
                "decision_date": datetime.date(2026, 11, 1) - datetime.timedelta(days=offset_days),
                "stars": item["stars"],
                "is_demo": True,
            }
        )
    return certificates


# Usage notes per group: general advice written by the marketplace team, labelled as such.
GROUP_USAGE = {
    "vi": {
        "thuc-pham": "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp; xem hạn sử dụng in trên bao bì.",
        "do-uong": "Dùng theo hướng dẫn trên bao bì. Đồ uống có cồn chỉ bán cho người từ 18 tuổi.",
        "duoc-lieu": "Dùng theo hướng dẫn trên nhãn. Sản phẩm không phải là thuốc và không có tác dụng thay thế thuốc chữa bệnh.",
        "du-lich": "Dịch vụ cần đặt trước; xuất trình mã phiếu khi đến. Lịch có thể thay đổi theo mùa và thời tiết.",
    },
    "en": {
        "thuc-pham": "Store in a cool, dry place out of direct sunlight; see the use-by date printed on the package.",
        "do-uong": "Use as directed on the package. Alcoholic drinks are sold only to people aged 18 and over.",
        "duoc-lieu": "Use as directed on the label. This product is not a medicine and does not replace medicines that treat illness.",
        "du-lich": "The service must be booked in advance; show the voucher code on arrival. The schedule may change with the season and the weather.",
    },
}
DEFAULT_USAGE = {
    "vi": "Xem hướng dẫn sử dụng và bảo quản in trên bao bì sản phẩm.",
    "en": "See the directions for use and storage printed on the product's package.",
}
# The same facts in each language of the site; names of products, producers and places stay Vietnamese.
DESCRIPTION_PHRASES = {
    "vi": {
        "commune": "xã {}", "district": "huyện {}",
        "starred": "{name} là sản phẩm OCOP {stars} sao", "unstarred": "{name} là sản phẩm của chương trình OCOP",
        "producer": " của {}", "province": " (tỉnh Bắc Kạn cũ, nay thuộc tỉnh Thái Nguyên).",
        "indication": "Tên gọi «{name}» là {kind} được bảo hộ.",
        "demo_note": "Dữ liệu mẫu: đoạn hướng dẫn trên do ban quản lý chợ viết để minh hoạ, "
                     "không phải thông tin nhà sản xuất công bố.",
    },
    "en": {
        "commune": "{} commune", "district": "{} district",
        "starred": "{name} is a {stars}-star OCOP product", "unstarred": "{name} is a product of the OCOP programme",
        "producer": " of {}", "province": " (the former Bắc Kạn province, now part of Thái Nguyên province).",
        "indication": "The name «{name}» is a protected {kind}.",
        "demo_note": "Sample data: the directions above were written by the marketplace team as an illustration; "
                     "they are not information published by the producer.",
    },
}
PROTECTION_KINDS_EN = {"chỉ dẫn địa lý": "geographical indication", "nhãn hiệu tập thể": "collective trademark"}


def demo_description(item, facts=None, language="vi"):
    """A product page description built only from the data file's facts (producer, place,
    stars, protected name), then a usage note the team wrote, labelled as invented."""
    facts = facts or ocop_facts()
    phrases = DESCRIPTION_PHRASES[language]
    name, producer = item["name_vi"], confirmed(item.get("producer"))
    place = ", ".join(part for part in (
        phrases["commune"].format(confirmed(item.get("commune"))) if confirmed(item.get("commune")) else "",
        phrases["district"].format(confirmed(item.get("district"))) if confirmed(item.get("district")) else "",
    ) if part)
    if item.get("stars"):
        sentence = phrases["starred"].format(name=name, stars=item["stars"])
    else:
        sentence = phrases["unstarred"].format(name=name)
    if producer:
        sentence += phrases["producer"].format(producer)
    if place:
        sentence += f", {place}"
    sentence += phrases["province"]
    paragraphs = [sentence]
    for indication in facts.get("geographical_indications", []):
        stem = " ".join(indication["name_vi"].lower().split()[:2])
        if stem in name.lower():
            kind = indication["kind"] if language == "vi" else PROTECTION_KINDS_EN.get(indication["kind"], indication["kind"])
            paragraphs.append(phrases["indication"].format(name=indication["name_vi"], kind=kind))
            break
    usage = GROUP_USAGE[language].get(item.get("group"), DEFAULT_USAGE[language])
    html = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    return html + f"<p>{escape(usage)}</p><p><em>{escape(phrases['demo_note'])}</em></p>"


def load_catalogue(*, log):
    groups = ensure_groups()
    goods_class, tourism_class = ensure_product_classes()
    created = 0
    for item in ocop_facts()["products"]:
        producer_name = confirmed(item.get("producer"))
        if producer_name is None:
            continue  # a product without a confirmed producer is not presented as fact
        name = item["name_vi"]
        code = product_code(name)
        product_class = tourism_class if item["group"] == TOURISM_GROUP else goods_class
        product, was_created = Product.objects.get_or_create(
            upc=code,
            defaults={"title": name, "product_class": product_class, "structure": Product.STANDALONE},
        )
        if was_created:
            created += 1
        # Each language column filled once (titles stay Vietnamese: on /en/ they say so).
        if not product.description_vi:
            Product.objects.filter(pk=product.pk).update(description_vi=demo_description(item))
        if not product.description_en:
            Product.objects.filter(pk=product.pk).update(description_en=demo_description(item, language="en"))
        ProductCategory.objects.get_or_create(product=product, category=groups[item["group"]])
        partner = ensure_partner(producer_name, item)
        StockRecord.objects.get_or_create(
            product=product,
            partner=partner,
            defaults={
                "partner_sku": code,
                "price": demo_price(name),
                "num_in_stock": demo_stock(code),
                "price_currency": "VND",
            },
        )
        for certificate in demo_certificates(item, code):
            OcopCertificate.objects.get_or_create(
                product=product, decision_number=certificate.pop("decision_number"), defaults=certificate
            )
        if not product.images.exists():
            ProductImage.objects.create(
                product=product,
                original=ContentFile(product_picture(name, item["group"]), name=f"{slugify(name)}.jpg"),
                caption=name,
                display_order=0,
            )
    log(f"  catalogue: {created} products created, {Product.objects.count()} in total")


# --- Certification staff, one revocation, traceability (all invented data labelled demo) ---

DEMO_OFFICER_EMAIL = "canbo.ocop@ocopbackan.vn"
DEMO_OFFICER_PASSWORD = "ocop-demo-2026"
# The demo revocation is of an invented product and producer (never a real producer's product).
DEMO_REVOKED_PRODUCT = "Trà thảo mộc Minh Họa (sản phẩm mẫu)"
DEMO_REVOKED_PRODUCER = "HTX Minh Họa (dữ liệu mẫu, không có thật)"
DEMO_REVOCATION_REASON = (
    "Dữ liệu mẫu: thu hồi để minh hoạ quy trình (sản phẩm sản xuất khác quy trình đã đăng ký) — "
    "không phải sự kiện thật."
)
DEMO_AREAS = [
    # (product name, area name, standards)
    ("Miến dong Tài Hoan", "Vùng trồng dong riềng Côn Minh", ["vietgap"]),
    ("Trà Shan tuyết Ngọc Thắng", "Vùng chè Shan tuyết Phương Viên", ["organic"]),
    ("Tinh bột nghệ nếp đỏ Bắc Kạn", "Vùng nghệ nếp Nông Thượng", ["vietgap"]),
    ("Trà cà gai leo", "Vùng dược liệu Văn Lang", ["gacp-who"]),
    ("Gạo nếp Khẩu Nua Lếch", "Cánh đồng nếp Khẩu Nua Lếch Thượng Quan", ["vietgap"]),
    ("Mật ong Thanh Thịnh", "Đàn ong rừng Thanh Thịnh", []),
]


def ensure_invented_product():
    """An invented product of an invented producer, with a demo certificate (to be revoked)."""
    groups = ensure_groups()
    goods_class, _tourism = ensure_product_classes()
    code = product_code(DEMO_REVOKED_PRODUCT)
    product, _ = Product.objects.get_or_create(
        upc=code, defaults={"title": DEMO_REVOKED_PRODUCT, "product_class": goods_class, "structure": Product.STANDALONE}
    )
    ProductCategory.objects.get_or_create(product=product, category=groups["thuc-pham"])
    partner = ensure_partner(DEMO_REVOKED_PRODUCER, {})
    StockRecord.objects.get_or_create(
        product=product, partner=partner,
        defaults={"partner_sku": code, "price": 100_000, "num_in_stock": 10, "price_currency": "VND"},
    )
    OcopCertificate.objects.get_or_create(
        product=product,
        decision_number=f"DEMO-{code[-4:]}/QĐ-UBND",
        defaults={"decision_date": datetime.date(2025, 6, 2), "stars": 3, "is_demo": True},
    )
    return product


def ensure_certification_officer():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    User = get_user_model()
    officer = User.objects.filter(email=DEMO_OFFICER_EMAIL).first()
    if officer is None:
        officer = User.objects.create_user(
            username="canbo-ocop",
            email=DEMO_OFFICER_EMAIL,
            password=DEMO_OFFICER_PASSWORD,
            first_name="Cán bộ",
            last_name="chứng nhận OCOP",
        )
    officer.user_permissions.add(Permission.objects.get(codename="certify_products", content_type__app_label="catalogue"))
    return officer


def load_traceability(*, log):
    from ocop import services

    RawMaterialArea = get_model("catalogue", "RawMaterialArea")
    ProductionBatch = get_model("catalogue", "ProductionBatch")
    Inspection = get_model("catalogue", "Inspection")
    ProgrammeTarget = get_model("catalogue", "ProgrammeTarget")

    officer = ensure_certification_officer()

    revoked = 0
    product = ensure_invented_product()
    if product is not None:
        for certificate in product.ocop_certificates.filter(is_demo=True, status=OcopCertificate.Status.VALID):
            services.certificate_revoke(certificate=certificate, reason=DEMO_REVOCATION_REASON, by=officer)
            revoked += 1

    batches = 0
    for name, area_name, standards in DEMO_AREAS:
        product = Product.objects.filter(upc=product_code(name)).first()
        partner = product.producer_partner() if product else None
        if partner is None:
            continue
        profile = getattr(partner, "producer_profile", None)
        area, _created = RawMaterialArea.objects.get_or_create(
            partner=partner,
            name=area_name,
            defaults={
                "commune": profile.commune if profile else "",
                "district": profile.district if profile else "",
                "standards": standards,
                "is_demo": True,
            },
        )
        if product.raw_material_area_id is None:
            product.raw_material_area = area
            product.save(update_fields=["raw_material_area"])
        for months_ago, lot in ((5, "L2026-01"), (1, "L2026-02")):
            made = datetime.date(2026, 11, 1) - datetime.timedelta(days=30 * months_ago)
            if not ProductionBatch.objects.filter(product=product, lot_code=lot).exists():
                services.batch_register(
                    product=product,
                    lot_code=lot,
                    production_date=made,
                    best_before=made + datetime.timedelta(days=365),
                    quantity=200 + zlib.crc32((name + lot).encode()) % 800,
                    by=officer,
                )
                batches += 1
        first_batch = ProductionBatch.objects.filter(product=product).order_by("production_date").first()
        Inspection.objects.get_or_create(
            partner=partner,
            batch=first_batch,
            defaults={
                "inspected_on": first_batch.production_date + datetime.timedelta(days=20),
                "inspector": "Đoàn kiểm tra liên ngành (dữ liệu mẫu)",
                "result": Inspection.Result.PASSED,
                "notes": "Dữ liệu mẫu: hồ sơ truy xuất và nhãn lô đầy đủ.",
                "recorded_by": officer,
                "is_demo": True,
            },
        )
    for kind, target in ((ProgrammeTarget.Kind.NEW_CERTIFIED, 20), (ProgrammeTarget.Kind.TRACEABLE, 30)):
        ProgrammeTarget.objects.get_or_create(year=2026, kind=kind, defaults={"target": target, "set_by": officer})
    log(f"  OCOP: {revoked} demo certificate revoked, {batches} batches registered; officer {DEMO_OFFICER_EMAIL}")
