import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db


def counts():
    return (Product.objects.count(), Partner.objects.count(), StockRecord.objects.count(), Category.objects.count())


def test_load_demo_brings_the_real_products_and_is_idempotent(client):
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first[0] >= 45
    assert Category.objects.filter(depth=1).count() == 6
    assert Country.objects.get(iso_3166_1_a2="VN").is_shipping_country
    miendong = Product.objects.get(title="Miến dong Tài Hoan")
    assert miendong.stockrecords.get().partner.name == "HTX Tài Hoan"
    assert miendong.primary_image().original.name.endswith(".jpg")
    # A product whose producer is unconfirmed is not presented as fact.
    assert not Product.objects.filter(title="Thịt trâu gác bếp Pác Nặm").exists()
    assert client.get("/chinh-sach/khieu-nai-doi-tra/").status_code == 200


def test_demo_certificates_follow_the_sources():
    call_command("load_demo", verbosity=0)
    miendong = Product.objects.get(title="Miến dong Tài Hoan")
    assert miendong.current_certificate().stars == 5
    real = miendong.ocop_certificates.get(decision_number="2890/QĐ-BNN-VPĐP")
    assert not real.is_demo and str(real.score) == "91.14"
    # A real 2021 decision is past its 36 months: the product is off sale.
    japonica = Product.objects.get(title="Gạo Nhật Japonica")
    assert japonica.current_certificate() is None
    assert not japonica.is_on_sale()
    # The source says this one expired on 10/01/2023.
    assert not Product.objects.get(title="Gạo nếp Tân Sơn").is_on_sale()
