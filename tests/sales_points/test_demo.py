"""Demo points: idempotent, labelled as demo, at real places, listing on-sale products."""
import pytest
from django.urls import reverse

from sales_points.demo import load_sales_points
from sales_points.models import SalesPoint
from tests.factories import product_on_sale

pytestmark = pytest.mark.django_db


def test_demo_points_are_idempotent_and_labelled(client):
    products = [product_on_sale() for _ in range(4)]
    lines = []
    load_sales_points(log=lines.append)
    load_sales_points(log=lines.append)
    points = SalesPoint.objects.order_by("slug")
    assert points.count() == 3
    assert all(p.is_demo and "mẫu" in p.name and p.is_recognised for p in points)
    lake = points.get(slug="mau-diem-ocop-ho-ba-be")
    assert lake.commune_name == "Xã Nam Mẫu" and lake.district_name == "Huyện Ba Bể"
    assert lake.listings.count() == len(products)
    html = client.get(reverse("sales_points:index")).content.decode()
    assert html.count("Dữ liệu mẫu") >= 3
    assert "Dữ liệu mẫu: điểm bán này" in client.get(lake.get_absolute_url()).content.decode()
    counts = [line for line in lines if "demo points created" in line]
    assert "3 demo points created" in counts[0] and "0 demo points created" in counts[1]
    # with only 4 products on sale the loader warns that its points would not meet the criteria
    assert any("WARNING demo points below the Decision 736 criteria" in line for line in lines)
    # the appraisal page shows the demo history (no actor)
    from tests.factories.sales_points import appraiser

    client.force_login(appraiser())
    page = client.get(reverse("sales_points:dashboard-detail", args=[lake.pk]))
    assert page.status_code == 200
    assert "Dữ liệu mẫu: điểm bán minh họa" in page.content.decode()
