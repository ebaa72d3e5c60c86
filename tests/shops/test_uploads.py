"""Uploads are checked by content: non-images, SVG, huge files and decompression bombs are refused."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shops.models import ProducerProfile
from tests.factories.shops import ProducerProfileFactory, jpeg_upload, producer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(client):
    profile = ProducerProfileFactory()
    user = producer_user(profile.partner)
    client.force_login(user)
    return profile


def post_profile(client, profile, **files):
    data = {"legal_kind": "cooperative", "commune_code": "2173", "story": "Câu chuyện", **files}
    return client.post(f"/dashboard/producer/{profile.slug}/profile/", data)


def png_bomb():
    """A tiny PNG that decodes to 200 megapixels."""
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("logo.jpg", b"<html><body>hi</body></html>", "image/jpeg"), "không phải là ảnh hợp lệ"),
        (
            SimpleUploadedFile(
                "logo.jpg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                "image/svg+xml",
            ),
            "không phải là ảnh hợp lệ",
        ),
        (SimpleUploadedFile("logo.jpg", b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024), "image/jpeg"), "Tệp quá lớn"),
    ],
    ids=["html-renamed-jpg", "svg-with-script", "20-mb"],
)
def test_bad_logo_is_refused_with_a_clear_message(client, producer, upload, message):
    response = post_profile(client, producer, logo_upload=upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    producer.refresh_from_db()
    assert not producer.logo


def test_decompression_bomb_is_refused(client, producer):
    bomb = png_bomb()
    assert len(bomb) < 5 * 1024 * 1024
    response = post_profile(client, producer, banner_upload=SimpleUploadedFile("bia.png", bomb, "image/png"))
    assert response.status_code == 400
    assert "quá lớn để xử lý" in response.content.decode()
    producer.refresh_from_db()
    assert not producer.banner


def test_good_logo_and_banner_are_resized_and_saved(client, producer):
    response = post_profile(
        client, producer, logo_upload=jpeg_upload("logo.jpg", (1200, 1200)),
        banner_upload=jpeg_upload("bia.jpg", (3200, 1200)),
    )
    assert response.status_code == 302
    producer = ProducerProfile.objects.get(pk=producer.pk)
    with Image.open(producer.logo.path) as logo:
        assert logo.size == (400, 400) and logo.format == "JPEG"
    with Image.open(producer.banner.path) as banner:
        assert banner.size[0] <= 1600 and banner.size[1] <= 600
    assert producer.story == "<p>Câu chuyện</p>"
    change = producer.partner.back_office_changes.get()
    assert change.action == "profile_updated" and "logo" in change.details and change.user.partners.exists()
