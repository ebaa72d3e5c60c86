"""Photos are checked by content (shops.images): a page named .jpg is refused, nothing is saved;
at most MAX_PHOTOS; good photos are re-encoded."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.complaints import rules
from marketplace.complaints.models import ReturnPhoto, ReturnRequest
from tests.factories.shops import jpeg_upload

pytestmark = pytest.mark.django_db


def _post(client, case, photos):
    client.force_login(case["user"])
    return client.post(
        reverse("complaints:open", kwargs={"line_id": case["line"].pk}),
        {
            "quantity": 1, "reason": "damaged", "description": "Vỡ nắp", "photos": photos,
            "refund_bank_name": "Vietcombank", "refund_account_number": "0123456789",
            "refund_account_name": "NGUYEN THI HOA",
        },
    )


def test_html_named_jpg_is_refused_and_the_form_keeps_its_text(client, cod_case):
    fake = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg")
    response = _post(client, cod_case, [fake])
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tệp này không phải là ảnh hợp lệ" in page and "Vỡ nắp" in page
    assert ReturnRequest.objects.count() == 0 and ReturnPhoto.objects.count() == 0


def test_too_many_photos_are_refused(client, cod_case):
    response = _post(client, cod_case, [jpeg_upload(f"a{i}.jpg") for i in range(rules.MAX_PHOTOS + 1)])
    assert response.status_code == 400
    assert f"Tối đa {rules.MAX_PHOTOS} ảnh cho một yêu cầu." in response.content.decode()
    assert ReturnRequest.objects.count() == 0


def test_a_request_needs_a_photo(client, cod_case):
    response = _post(client, cod_case, [])
    assert response.status_code == 400 and "ít nhất 1 ảnh" in response.content.decode()


def test_good_photos_are_resized_and_kept(client, cod_case):
    response = _post(client, cod_case, [jpeg_upload("to.jpg", size=(4000, 3000)), jpeg_upload("nho.jpg")])
    request = ReturnRequest.objects.get()
    assert response["Location"] == reverse("complaints:detail", kwargs={"pk": request.pk})
    photos = list(request.photos.all())
    assert len(photos) == 2
    assert max(photos[0].image.width, photos[0].image.height) <= 1600
    page = client.get(response["Location"]).content.decode()
    # Private files: the page links to the access-checking view, relative to the request's page.
    assert f'src="photos/{photos[0].pk}/"' in page and "Chờ nhà sản xuất trả lời" in page
