import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from shops.models import ProducerApplication
from tests.factories import UserFactory
from tests.factories.shops import ProducerApplicationFactory, jpeg_upload, pdf_upload

pytestmark = pytest.mark.django_db
Partner = get_model("partner", "Partner")


def application_data(**extra):
    return {
        "name": "HTX Chè Shan Tuyết Bằng Phúc",
        "legal_kind": "cooperative",
        "registration_number": "4700123456",
        "representative": "Hoàng Văn Bình",
        "commune_code": "2020",
        "address": "Thôn Khuổi Cuồng",
        "phone": "0912 345 678",
        "contact_email": "che@example.vn",
        "founded_year": "2015",
        "story": "Chè shan tuyết cổ thụ.",
        **extra,
    }


@pytest.fixture
def reviewer():
    user = UserFactory(username="canbo")
    user.user_permissions.add(Permission.objects.get(codename="review_producerapplication"))
    return user


def test_apply_requires_login(client):
    response = client.get("/shops/apply/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_producer_applies_with_documents(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/shops/apply/",
        application_data(registration_document=pdf_upload(), food_safety_document=jpeg_upload("attp.jpg")),
    )
    assert response.status_code == 302
    application = ProducerApplication.objects.get(applicant=user)
    assert application.status == "submitted" and application.commune_code == 2020
    assert application.phone == "0912345678"
    assert sorted(d.kind for d in application.documents.all()) == ["food_safety", "registration"]
    assert "Chờ xét duyệt" in client.get("/shops/apply/").content.decode()


def test_application_refuses_html_document_and_unknown_commune(client):
    client.force_login(UserFactory())
    response = client.post(
        "/shops/apply/",
        application_data(
            commune_code="99999",
            registration_document=SimpleUploadedFile("giay.pdf", b"<html>not a pdf</html>", "application/pdf"),
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Giấy tờ phải là tệp PDF hoặc ảnh chụp" in page
    assert "Hãy chọn một xã/phường của Bắc Kạn" in page or "Select a valid choice" in page or "Hãy chọn" in page
    assert not ProducerApplication.objects.exists()


def test_staff_approval_creates_partner_and_links_the_applicant(client, reviewer, mailoutbox, django_capture_on_commit_callbacks):
    application = ProducerApplicationFactory(name="HTX Miến Dong Mới")
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/dashboard/producer/applications/{application.pk}/", {"action": "approve"})
    assert response.status_code == 302
    application.refresh_from_db()
    partner = application.partner
    assert application.status == "approved" and application.decided_by == reviewer
    assert partner.name == "HTX Miến Dong Mới"
    assert partner.users.filter(pk=application.applicant.pk).exists()
    assert application.applicant.has_perm("partner.dashboard_access")
    assert not application.applicant.is_staff
    profile = partner.producer_profile
    assert profile.district == "Na Rì" and profile.commune == "Côn Minh"
    assert mailoutbox and "đã được duyệt" in mailoutbox[0].subject
    # The new producer reaches their back office and storefront.
    client.force_login(application.applicant)
    assert client.get("/dashboard/producer/").status_code == 302
    assert client.get(f"/dashboard/producer/{profile.slug}/").status_code == 200
    assert client.get(f"/shops/{profile.slug}/").status_code == 200


def test_rejection_needs_a_reason_and_tells_the_applicant(client, reviewer, mailoutbox, django_capture_on_commit_callbacks):
    application = ProducerApplicationFactory()
    client.force_login(reviewer)
    response = client.post(f"/dashboard/producer/applications/{application.pk}/", {"action": "reject", "reason": ""})
    assert response.status_code == 400
    assert "Hãy ghi lý do từ chối" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/dashboard/producer/applications/{application.pk}/",
            {"action": "reject", "reason": "Thiếu giấy chứng nhận an toàn thực phẩm."},
        )
    application.refresh_from_db()
    assert application.status == "rejected" and application.partner is None
    assert "Thiếu giấy chứng nhận" in mailoutbox[0].body
    assert not Partner.objects.exists()
    client.force_login(application.applicant)
    page = client.get("/shops/apply/").content.decode()
    assert "Thiếu giấy chứng nhận an toàn thực phẩm." in page and "Nộp hồ sơ" in page


def test_ordinary_users_cannot_review_or_read_documents(client):
    application = ProducerApplicationFactory()
    doc = application.documents.create(kind="registration", file=pdf_upload())
    client.force_login(UserFactory())
    assert client.get("/dashboard/producer/applications/").status_code == 403
    assert client.post(f"/dashboard/producer/applications/{application.pk}/", {"action": "approve"}).status_code == 403
    assert client.get(f"/dashboard/producer/applications/{application.pk}/documents/{doc.pk}/").status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_reviewer_downloads_a_document(client, reviewer):
    application = ProducerApplicationFactory()
    doc = application.documents.create(kind="registration", file=pdf_upload())
    client.force_login(reviewer)
    response = client.get(f"/dashboard/producer/applications/{application.pk}/documents/{doc.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
