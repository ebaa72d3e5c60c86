"""Public directory, map data, near-me ordering, the point page and its stock."""
import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from sales_points.models import SalesPoint
from sales_points.selectors import points_stocking_product
from tests.factories import product_on_sale
from tests.factories.sales_points import ApprovedSalesPointFactory, ListingFactory, SalesPointFactory, open_every_day

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_only_recognised_points_are_listed(client):
    ApprovedSalesPointFactory(name="Điểm bán Hồ Ba Bể")
    SalesPointFactory(name="Hồ sơ nháp", status=SalesPoint.Status.SUBMITTED)
    ApprovedSalesPointFactory(name="Điểm bị đình chỉ", status=SalesPoint.Status.SUSPENDED)
    page = client.get(reverse("sales_points:index"))
    html = page.content.decode()
    assert "Điểm bán Hồ Ba Bể" in html
    assert "Hồ sơ nháp" not in html and "Điểm bị đình chỉ" not in html
    markers = json.loads(page.context["markers"] and json.dumps(page.context["markers"]))
    assert [m["name"] for m in markers] == ["Điểm bán Hồ Ba Bể"]
    assert 'id="sp-markers"' in html
    assert "<script>" not in html  # no inline scripts on storefront pages


def test_empty_state(client):
    html = client.get(reverse("sales_points:index")).content.decode()
    assert "Chưa có điểm bán nào được công nhận." in html


def test_filters_by_kind_commune_and_product(client):
    lake = ApprovedSalesPointFactory(name="Điểm Hồ Ba Bể", site_kind="tourist_site")
    town = ApprovedSalesPointFactory(name="Điểm Chợ Bắc Kạn", site_kind="market", commune_code=1840)
    listing = ListingFactory(point=town)
    html = client.get(reverse("sales_points:index"), {"kind": "market"}).content.decode()
    assert "Điểm Chợ Bắc Kạn" in html and "Điểm Hồ Ba Bể" not in html
    html = client.get(reverse("sales_points:index"), {"commune": lake.commune_code}).content.decode()
    assert "Điểm Hồ Ba Bể" in html and "Điểm Chợ Bắc Kạn" not in html
    html = client.get(reverse("sales_points:index"), {"product": listing.product.pk}).content.decode()
    assert "Điểm Chợ Bắc Kạn" in html and "Điểm Hồ Ba Bể" not in html
    html = client.get(reverse("sales_points:index"), {"kind": "hotel"}).content.decode()
    assert "Không có điểm bán nào khớp bộ lọc." in html


def test_near_me_sorts_by_distance(client):
    ApprovedSalesPointFactory(name="A Hồ Ba Bể", latitude="22.409600", longitude="105.623600")
    ApprovedSalesPointFactory(name="B Bắc Kạn", latitude="22.147000", longitude="105.834800")
    # from Bắc Kạn town centre: B first
    page = client.get(reverse("sales_points:index"), {"lat": "22.1470", "lng": "105.8348"})
    names = [p.name for p in page.context["points"]]
    assert names == ["B Bắc Kạn", "A Hồ Ba Bể"]
    assert "cách 0,0 km" in page.content.decode()
    # bad coordinates are ignored, not an error
    page = client.get(reverse("sales_points:index"), {"lat": "abc", "lng": "999"})
    assert page.status_code == 200
    assert [p.name for p in page.context["points"]] == ["A Hồ Ba Bể", "B Bắc Kạn"]


def test_point_page_lists_only_on_sale_stock(client):
    point = ApprovedSalesPointFactory()
    on_sale = ListingFactory(point=point, price="135000")
    lapsed = ListingFactory(point=point)
    lapsed.product.ocop_certificates.update(valid_until=datetime.date(2020, 1, 1))
    html = client.get(point.get_absolute_url()).content.decode()
    assert on_sale.product.title in html
    assert "135.000\xa0₫" in html
    assert "Còn hàng" in html
    assert lapsed.product.title not in html
    assert "Chỉ đường" in html


def test_open_or_closed_in_vietnam_time(client, settings):
    point = ApprovedSalesPointFactory()
    open_every_day(point, datetime.time(7, 30), datetime.time(17, 30))
    morning = datetime.datetime(2026, 6, 1, 8, 0, tzinfo=HCM)
    assert point.is_open_at(morning)
    # 23:00 UTC is 06:00 the next day in Vietnam: closed
    assert not point.is_open_at(datetime.datetime(2026, 6, 1, 23, 0, tzinfo=datetime.timezone.utc))
    # 01:00 UTC is 08:00 in Vietnam: open
    assert point.is_open_at(datetime.datetime(2026, 6, 1, 1, 0, tzinfo=datetime.timezone.utc))


def test_buy_in_person_nearest_first():
    product = product_on_sale()
    far = ListingFactory(product=product, point=ApprovedSalesPointFactory(name="Xa", latitude="22.41", longitude="105.62"))
    near = ListingFactory(product=product, point=ApprovedSalesPointFactory(name="Gần", latitude="22.15", longitude="105.83"))
    ListingFactory(product=product, in_stock=False)
    ListingFactory(product=product, point=SalesPointFactory(status=SalesPoint.Status.REVOKED))
    from sales_points.selectors import Origin

    points = points_stocking_product(product, origin=Origin(22.147, 105.8348))
    assert [p.pk for p in points] == [near.point.pk, far.point.pk]
    product.ocop_certificates.update(status="revoked")
    assert points_stocking_product(product) == []


def test_buy_in_person_tag_uses_shared_location(client, rf):
    from django.template import Context, Template

    product = product_on_sale()
    ListingFactory(product=product, point=ApprovedSalesPointFactory(name="Điểm Xa", latitude="22.41", longitude="105.62"))
    ListingFactory(product=product, point=ApprovedSalesPointFactory(name="Điểm Gần", latitude="22.15", longitude="105.83"))
    template = Template("{% load sales_points_tags %}{% buy_in_person product %}")
    request = rf.get("/", {"lat": "22.147", "lng": "105.8348"})
    html = template.render(Context({"request": request, "product": product}))
    assert "Mua trực tiếp tại" in html
    assert html.index("Điểm Gần") < html.index("Điểm Xa")
    assert "km" in html
    # the directory's "near me" remembers the location for product pages
    client.get(reverse("sales_points:index"), {"lat": "22.147", "lng": "105.8348"})
    assert client.session["sales_points_origin"] == [22.147, 105.8348]


def test_producer_tag_lists_points_stocking_its_products():
    from django.template import Context, Template

    listing = ListingFactory()
    partner = listing.product.stockrecords.get().partner
    html = Template("{% load sales_points_tags %}{% producer_sales_points partner %}").render(Context({"partner": partner}))
    assert listing.point.name in html
