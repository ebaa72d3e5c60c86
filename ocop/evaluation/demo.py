"""Demo data for the OCOP cycle (all labelled demo): an open round, one user per role, and
two invented products of the demo producer — one ready to be filed, one already at the
council — so the board and the journey have something to show. Idempotent."""
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_model

from ocop.evaluation.models import REQUIRED_DOCUMENTS, Cycle, Dossier, DossierDocument, DossierEvent

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
ProducerProfile = get_model("shops", "ProducerProfile")

DEMO_PASSWORD = "ocop-demo-2026"
DEMO_CYCLE_NAME = "Đợt đánh giá, phân hạng sản phẩm OCOP năm 2026 (dữ liệu mẫu)"
DEMO_PRODUCER_SLUG = "htx-tai-hoan"  # shops.demo's demo producer (login nhasanxuat@ocopbackan.vn)
# (username, email, first name, permissions)
DEMO_ROLES = [
    ("canbo-xa", "canbo.xa@ocopbackan.vn", "Cán bộ xã Nam Mẫu (mẫu)", ["review_commune", "propose_revocation"]),
    ("hoidong1", "hoidong1@ocopbackan.vn", "Thành viên hội đồng 1 (mẫu)", ["score_dossier"]),
    ("hoidong2", "hoidong2@ocopbackan.vn", "Thành viên hội đồng 2 (mẫu)", ["score_dossier"]),
    ("chutich-hd", "chutich.hoidong@ocopbackan.vn", "Chủ tịch hội đồng (mẫu)", ["decide_council", "decide_revocation"]),
]
# Invented products (no certificate): one to file, one already at the council.
DEMO_NEW_PRODUCT = ("DEMO-EVAL-1", "Miến dong tỏi đen (sản phẩm mới – dữ liệu mẫu)", 85_000)
DEMO_COUNCIL_PRODUCT = ("DEMO-EVAL-2", "Măng khô Na Rì (sản phẩm mới – dữ liệu mẫu)", 150_000)
DEMO_PDF = b"%PDF-1.4\n% Tai lieu mau (demo)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ensure_role_users():
    User = get_user_model()
    users = {}
    for username, email, first_name, codenames in DEMO_ROLES:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(username=username, email=email, password=DEMO_PASSWORD, first_name=first_name)
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=codenames, content_type__app_label="evaluation")
        )
        users[username] = user
    return users


def _demo_product(producer, upc, title, price):
    product_class = ProductClass.objects.filter(requires_shipping=True).first() or ProductClass.objects.create(
        name="Sản phẩm OCOP", slug="san-pham-ocop", requires_shipping=True, track_stock=True
    )
    product, _created = Product.objects.get_or_create(
        upc=upc, defaults={"title": title, "product_class": product_class, "structure": Product.STANDALONE}
    )
    StockRecord.objects.get_or_create(
        product=product,
        partner=producer.partner,
        defaults={"partner_sku": upc, "price": Decimal(price), "num_in_stock": 50, "price_currency": "VND"},
    )
    return product


def load_cycle(*, log):
    cycle, _created = Cycle.objects.get_or_create(
        name=DEMO_CYCLE_NAME, defaults={"year": 2026, "phase": Cycle.Phase.EVALUATION, "is_demo": True}
    )
    users = ensure_role_users()
    producer = ProducerProfile.objects.filter(slug=DEMO_PRODUCER_SLUG).select_related("partner").first()
    if producer is None:
        log("  evaluation: demo producer missing, skipped the demo dossiers")
        return
    _demo_product(producer, *DEMO_NEW_PRODUCT)
    product = _demo_product(producer, *DEMO_COUNCIL_PRODUCT)
    if not Dossier.objects.filter(product=product).exists():
        dossier = Dossier.objects.create(
            cycle=cycle,
            producer=producer,
            product=product,
            group="thuc-pham",
            commune=producer.commune,
            district=producer.district,
            summary="Phương án mẫu: sơ chế, sấy măng từ rừng tre, vầu của hợp tác xã (dữ liệu mẫu).",
            raw_material_area="Rừng vầu mẫu, 30 ha (dữ liệu mẫu)",
            status=Dossier.Status.AT_COUNCIL,
            submitted_at=timezone.now(),
            is_demo=True,
        )
        for kind in REQUIRED_DOCUMENTS:
            document = DossierDocument(
                dossier=dossier, kind=kind, content_type="application/pdf", size=len(DEMO_PDF),
                original_name=f"{kind}-mau.pdf",
            )
            document.file.save(f"{kind}-mau.pdf", ContentFile(DEMO_PDF), save=False)
            document.save()
        DossierEvent.objects.create(dossier=dossier, action=DossierEvent.Action.SUBMITTED, to_status="in_review")
        DossierEvent.objects.create(
            dossier=dossier, action=DossierEvent.Action.FORWARDED, actor=users["canbo-xa"],
            from_status="in_review", to_status="at_council", reason="Hồ sơ đầy đủ (dữ liệu mẫu)",
        )
    log(
        f"  evaluation: cycle '{cycle.name}', roles {', '.join(users)} (password {DEMO_PASSWORD}), "
        f"{Dossier.objects.filter(is_demo=True).count()} demo dossier(s)"
    )
