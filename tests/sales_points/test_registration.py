"""Registration: the form shows unmet criteria in Vietnamese, saves drafts, submits when the
confirmed criteria are met; only the point's own staff edit it."""
import pytest
from django.urls import reverse

from sales_points.models import AppraisalEvent, SalesPoint
from tests.factories import OcopCertificateFactory, UserFactory, product_on_sale
from tests.factories.sales_points import SalesPointFactory, _commune_code

pytestmark = pytest.mark.django_db


def form_data(products, **extra):
    data = {
        "name": "Điểm bán OCOP Chợ Rã",
        "operator_name": "HTX Thương mại Ba Bể",
        "operator_kind": "organisation",
        "contact_email": "chora@example.vn",
        "phone": "0912000111",
        "commune_code": str(_commune_code("Thị trấn Chợ Rã")),
        "street": "Tổ 5, tiểu khu 2",
        "latitude": "22.454100",
        "longitude": "105.723400",
        "site_kind": "market",
        "floor_area_m2": "40",
        "local_item_kinds": "10",
        "other_item_kinds": "5",
        "stamps_confirmed": "on",
        "opens_0": "07:30",
        "closes_0": "17:00",
        "products": [str(p.pk) for p in products],
    }
    data.update(extra)
    return data


def test_register_requires_login(client):
    response = client.get(reverse("sales_points:register"))
    assert response.status_code == 302


def test_draft_saved_with_unmet_criteria_listed(client):
    user = UserFactory()
    client.force_login(user)
    products = [product_on_sale() for _ in range(3)]
    response = client.post(reverse("sales_points:register"), form_data(products, save="1"), follow=True)
    page = response.content.decode()
    assert "Đã lưu bản nháp" in page
    assert "Mới có 3 loại sản phẩm OCOP đạt chuẩn, còn thiếu 27 loại." in page
    point = SalesPoint.objects.get()
    assert point.status == SalesPoint.Status.DRAFT
    assert list(point.managers.all()) == [user]
    assert point.listings.count() == 3
    assert point.opening_periods.get().weekday == 0
    assert AppraisalEvent.objects.filter(point=point, to_status="draft").exists()


def test_submit_with_unmet_criteria_keeps_draft(client):
    client.force_login(UserFactory())
    products = [product_on_sale() for _ in range(29)]
    response = client.post(reverse("sales_points:register"), form_data(products, submit="1"), follow=True)
    assert "chưa gửi thẩm định được" in response.content.decode()
    assert SalesPoint.objects.get().status == SalesPoint.Status.DRAFT


def test_submit_with_30_kinds_goes_to_appraisal(client):
    client.force_login(UserFactory())
    products = [product_on_sale() for _ in range(30)]
    response = client.post(reverse("sales_points:register"), form_data(products, submit="1"), follow=True)
    assert "Đã gửi hồ sơ" in response.content.decode()
    assert SalesPoint.objects.get().status == SalesPoint.Status.SUBMITTED


def test_expired_products_are_not_offered_or_counted(client):
    client.force_login(UserFactory())
    stale = product_on_sale()
    stale.ocop_certificates.update(status="revoked")
    page = client.get(reverse("sales_points:register")).content.decode()
    assert stale.title not in page
    check = client.post(reverse("sales_points:check"), {"products": [stale.pk], "stamps_confirmed": "on"})
    assert check.json()["criteria"][0]["met"] is False
    assert "Mới có 0 loại" in check.json()["criteria"][0]["detail"]


def test_live_check_boundaries(client):
    client.force_login(UserFactory())
    products = [product_on_sale() for _ in range(30)]
    ok = client.post(
        reverse("sales_points:check"),
        {"products": [p.pk for p in products], "local_item_kinds": 31, "other_item_kinds": 39, "stamps_confirmed": "on"},
    ).json()
    assert ok["is_met"] is True
    at_60 = client.post(
        reverse("sales_points:check"),
        {"products": [p.pk for p in products], "local_item_kinds": 0, "other_item_kinds": 20, "stamps_confirmed": "on"},
    ).json()
    assert at_60["is_met"] is False
    bad = client.post(reverse("sales_points:check"), {"local_item_kinds": "-1"})
    assert bad.status_code == 400


def test_invalid_form_shows_vietnamese_messages(client):
    client.force_login(UserFactory())
    data = form_data([], name="", latitude="22.1", longitude="", opens_1="18:00", closes_1="08:00", save="1")
    response = client.post(reverse("sales_points:register"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Cần nhập cả vĩ độ và kinh độ" in page
    assert "Thứ Ba: giờ đóng cửa phải sau giờ mở cửa." in page
    assert SalesPoint.objects.count() == 0


def test_only_own_staff_can_edit(client):
    point = SalesPointFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("sales_points:edit", args=[point.slug])).status_code == 403
    assert client.get(reverse("sales_points:stock", args=[point.slug])).status_code == 403
    # an unrecognised point is not public
    assert client.get(reverse("sales_points:detail", args=[point.slug])).status_code == 404
    client.force_login(point.applicant)
    assert client.get(reverse("sales_points:edit", args=[point.slug])).status_code == 200
    assert client.get(reverse("sales_points:detail", args=[point.slug])).status_code == 200


def test_certified_count_ignores_one_star(client):
    client.force_login(UserFactory())
    product = product_on_sale()
    product.ocop_certificates.all().delete()
    OcopCertificateFactory(product=product, stars=2)
    check = client.post(reverse("sales_points:check"), {"products": [product.pk]}).json()
    assert "Mới có 0 loại" in check["criteria"][0]["detail"]


def test_photos_upload_with_the_application(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def jpeg(name):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), (20, 120, 60)).save(buffer, "JPEG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")

    client.force_login(UserFactory())
    data = form_data([], save="1")
    data["photos"] = [jpeg("a.jpg"), jpeg("b.jpg")]
    client.post(reverse("sales_points:register"), data)
    assert SalesPoint.objects.get().photos.count() == 2
    bad = form_data([], save="1")
    bad["photos"] = [SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")]
    response = client.post(reverse("sales_points:register"), bad)
    assert response.status_code == 200
    assert SalesPoint.objects.count() == 1


def test_current_ward_of_thai_nguyen_is_optional_and_shown(client):
    from sales_points import communes

    ward_code, ward_name = next((c, n) for c, n in communes.new_ward_choices() if n == "Phường Đức Xuân")
    client.force_login(UserFactory())
    client.post(reverse("sales_points:register"), form_data([], new_ward_code=str(ward_code), save="1"))
    point = SalesPoint.objects.get()
    assert point.new_ward_code == ward_code
    assert point.place_label().endswith("Bắc Kạn cũ — nay là Phường Đức Xuân, tỉnh Thái Nguyên")
    response = client.post(reverse("sales_points:register"), form_data([], new_ward_code="1", save="1"))
    assert response.status_code == 200 and SalesPoint.objects.count() == 1
