"""The point's staff update stock on the phone page and by CSV (row by row)."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sales_points import services
from tests.factories import UserFactory, product_on_sale
from tests.factories.sales_points import ApprovedSalesPointFactory, ListingFactory

pytestmark = pytest.mark.django_db


def test_staff_update_price_and_quantity(client):
    listing = ListingFactory(quantity=3)
    point = listing.point
    client.force_login(point.applicant)
    url = reverse("sales_points:stock", args=[point.slug])
    assert listing.product.title in client.get(url).content.decode()
    prefix = f"l{listing.pk}"
    response = client.post(
        url,
        {"listing": listing.pk, "action": "update", f"{prefix}-price": "150.000", f"{prefix}-quantity": "0", f"{prefix}-in_stock": "on"},
        follow=True,
    )
    assert "Đã cập nhật" in response.content.decode()
    listing.refresh_from_db()
    assert (listing.price, listing.quantity, listing.in_stock) == (Decimal("150000"), 0, False)
    html = client.get(point.get_absolute_url()).content.decode()
    assert "Hết hàng" in html


def test_bad_price_is_reported(client):
    listing = ListingFactory()
    client.force_login(listing.point.applicant)
    prefix = f"l{listing.pk}"
    response = client.post(
        reverse("sales_points:stock", args=[listing.point.slug]),
        {"listing": listing.pk, "action": "update", f"{prefix}-price": "12,5", f"{prefix}-quantity": "1"},
        follow=True,
    )
    assert "không có phần thập phân" in response.content.decode()


def test_other_users_cannot_touch_stock(client):
    listing = ListingFactory()
    other_point = ApprovedSalesPointFactory()
    client.force_login(other_point.applicant)
    url = reverse("sales_points:stock", args=[listing.point.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"listing": listing.pk, "action": "remove"}).status_code == 403
    assert client.post(reverse("sales_points:stock-import", args=[listing.point.slug])).status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.listing_update(point=listing.point, actor=UserFactory(), product=listing.product, quantity=1)
    assert listing.point.listings.count() == 1


def test_csv_keeps_good_rows_and_reports_bad_ones(client):
    point = ApprovedSalesPointFactory()
    good1, good2, revoked = product_on_sale(), product_on_sale(), product_on_sale()
    revoked.ocop_certificates.update(status="revoked")
    csv_text = (
        "upc,price,quantity,in_stock\n"
        f"{good1.upc},120000,10,1\n"
        "KHONG-CO,100000,1,1\n"
        f"{good2.upc},abc,2,1\n"
        f"{revoked.upc},90000,5,1\n"
        f"{good2.upc},95.000,,0\n"
    )
    client.force_login(point.applicant)
    upload = SimpleUploadedFile("hang.csv", csv_text.encode("utf-8"), content_type="text/csv")
    response = client.post(reverse("sales_points:stock-import", args=[point.slug]), {"file": upload})
    html = response.content.decode()
    assert "Đã lưu 2 dòng." in html
    assert "Dòng 3: Không tìm thấy sản phẩm có mã “KHONG-CO”." in html
    assert "Dòng 4: Giá “abc” không phải là số." in html
    assert "Dòng 5:" in html and "không còn chứng nhận OCOP" in html
    listings = {l.product_id: l for l in point.listings.all()}
    assert set(listings) == {good1.pk, good2.pk}
    assert listings[good1.pk].price == Decimal("120000") and listings[good1.pk].quantity == 10
    assert listings[good2.pk].price == Decimal("95000") and listings[good2.pk].in_stock is False


def test_csv_without_product_column():
    point = ApprovedSalesPointFactory()
    result = services.listings_import_csv(point=point, actor=point.applicant, data=b"name,price\nx,1\n")
    assert result.saved == 0
    assert result.errors == [(1, "Thiếu cột mã sản phẩm (upc).")]


def test_pickup_only_for_approved_points_and_listed_stock(client):
    from sales_points.selectors import pickup_points_for_products
    from tests.factories.sales_points import SalesPointFactory

    listing = ListingFactory()
    point = listing.point
    client.force_login(point.applicant)
    client.post(reverse("sales_points:stock", args=[point.slug]), {"action": "pickup", "enabled": "1"})
    point.refresh_from_db()
    assert point.pickup_enabled
    assert pickup_points_for_products([listing.product]) == [point]
    assert pickup_points_for_products([listing.product, product_on_sale()]) == []
    draft = SalesPointFactory()
    with pytest.raises(services.ValidationError):
        services.sales_point_set_pickup(point=draft, actor=draft.applicant, enabled=True)
    listing.product.ocop_certificates.update(status="revoked")
    assert pickup_points_for_products([listing.product]) == []
