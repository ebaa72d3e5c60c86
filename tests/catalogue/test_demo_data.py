"""The demo data shows the gate: an expired real certificate, one revoked demo certificate,
traceability with batches and inspections, all invented data labelled demo."""
import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
OcopCertificate = get_model("catalogue", "OcopCertificate")

pytestmark = pytest.mark.django_db


def test_demo_has_expired_and_revoked_certificates_and_traceability(client):
    call_command("load_demo", verbosity=0)
    before = (OcopCertificate.objects.count(), get_model("catalogue", "ProductionBatch").objects.count())
    call_command("load_demo", verbosity=0)
    assert (OcopCertificate.objects.count(), get_model("catalogue", "ProductionBatch").objects.count()) == before

    tan_son = Product.objects.get(title="Gạo nếp Tân Sơn")
    assert tan_son.ocop_certificates.get().valid_until == datetime.date(2023, 1, 10)
    html = client.get(tan_son.get_absolute_url()).content.decode()
    assert "chứng nhận OCOP đã hết hạn" in html and "10/01/2023" in html

    revoked = OcopCertificate.objects.get(status="revoked")
    assert revoked.is_demo and revoked.revoked_by is not None and "Dữ liệu mẫu" in revoked.revocation_reason
    assert not revoked.product.is_on_sale()
    assert "chứng nhận OCOP đã bị thu hồi" in client.get(revoked.product.get_absolute_url()).content.decode()

    miendong = Product.objects.get(title="Miến dong Tài Hoan")
    assert miendong.raw_material_area.is_demo
    batch = miendong.batches.first()
    html = client.get(reverse("ocop:trace", kwargs={"code": batch.trace_code})).content.decode()
    assert batch.lot_code in html and "dữ liệu mẫu" in html

    from catalogue.demo import DEMO_OFFICER_EMAIL
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=DEMO_OFFICER_EMAIL)
    assert user.has_perm("catalogue.certify_products") and not user.is_superuser

    figures = client.get(reverse("ocop:programme")).content.decode()
    assert "/108" in figures
