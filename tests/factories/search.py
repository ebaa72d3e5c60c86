"""Search fixtures: products shoppers search for, with producers, districts and stars."""
import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from tests.factories import (
    OcopCertificateFactory,
    PartnerFactory,
    ProductFactory,
    StockRecordFactory,
    category,
)


def producer(name, *, district="", commune=""):
    from shops.models import ProducerProfile

    partner = PartnerFactory(name=name)
    ProducerProfile.objects.create(
        partner=partner,
        slug=slugify(name.replace("đ", "d").replace("Đ", "D")) + f"-{partner.pk}",
        legal_kind=ProducerProfile.LegalKind.COOPERATIVE,
        district=district,
        commune=commune,
    )
    return partner


def searchable_product(
    title,
    *,
    partner=None,
    categories=None,
    stars=3,
    price=Decimal("120000"),
    stock=20,
    description="",
    certified=True,
    days_old=100,
):
    product = ProductFactory(title=title, description=description, categories=categories or [category("Thực phẩm")])
    StockRecordFactory(product=product, partner=partner or PartnerFactory(), price=price, num_in_stock=stock)
    if certified:
        OcopCertificateFactory(
            product=product,
            stars=stars,
            decision_date=timezone.localdate() - datetime.timedelta(days=days_old),
        )
    return product


def search_catalogue():
    """A small catalogue with the names shoppers type, accents and all."""
    tai_hoan = producer("HTX Tài Hoan", district="Na Rì", commune="Côn Minh")
    cho_don = producer("HTX Bánh trôi Chợ Đồn", district="Chợ Đồn", commune="Bằng Lũng")
    ba_be = producer("Tổ hợp tác Mật ong Ba Bể", district="Ba Bể", commune="Nam Mẫu")
    bach_thong = producer("HTX Trà Bạch Thông", district="Bạch Thông", commune="Quang Thuận")
    food = category("Thực phẩm")
    noodles = category("Thực phẩm > Miến, bún")
    drinks = category("Đồ uống")
    herbs = category("Dược liệu và sản phẩm từ dược liệu")
    products = {
        "mien": searchable_product("Miến dong Tài Hoan", partner=tai_hoan, categories=[noodles], stars=4, price=Decimal("85000")),
        "mien_other": searchable_product("Miến dong Côn Minh", partner=tai_hoan, categories=[noodles], stars=3, price=Decimal("70000"), stock=0),
        "banh_troi": searchable_product("Bánh trôi chợ Đồn", partner=cho_don, categories=[food], stars=3, price=Decimal("45000")),
        "mat_ong": searchable_product("Mật ong rừng Ba Bể", partner=ba_be, categories=[food], stars=5, price=Decimal("350000")),
        "tra": searchable_product("Trà Shan tuyết Bạch Thông", partner=bach_thong, categories=[drinks], stars=4, price=Decimal("250000")),
        "dong_dao": searchable_product("Rượu dong đào Đồn Đèn", partner=ba_be, categories=[drinks], stars=3, price=Decimal("150000")),
        "gung": searchable_product("Gừng đen Bạch Thông", partner=bach_thong, categories=[herbs], stars=3, price=Decimal("600000")),
    }
    return products
