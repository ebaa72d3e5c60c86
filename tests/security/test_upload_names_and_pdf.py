"""Issue 17 §1 (ASVS V12.1, V12.3): every upload is stored under a random name chosen by the server,
with the extension of the type read from its bytes; PDFs carrying active content are refused.

Checked: a producer application "document" named x.html whose bytes are a PDF; dossier documents;
complaint photos and producer logos; PDFs with document JavaScript, an embedded file, a Launch
/OpenAction and a page /AA JavaScript action (shops.images, the one upload check module)."""
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from shops.images import document_kind
from shops.models import ProducerApplication
from tests.factories import UserFactory
from tests.factories.shops import jpeg_upload, pdf_bytes
from tests.shops.test_apply_and_review import application_data

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"/[0-9a-f]{32}\.(pdf|jpg|png|webp)$")

HOSTILE = {
    "document-javascript": {"javascript": "app.alert(1)"},
    "embedded-file": {"attachment": ("a.html", b"<script>alert(1)</script>")},
    "launch-open-action": {"open_action": {"/S": "/Launch", "/F": "calc.exe"}},
    "javascript-open-action": {"open_action": {"/S": "/JavaScript", "/JS": "app.alert(1)"}},
    "page-additional-action": {"page_action": {"/S": "/JavaScript", "/JS": "app.alert(1)"}},
}


def test_a_pdf_named_html_is_stored_under_a_random_pdf_name(client):
    client.force_login(UserFactory())
    html_named = SimpleUploadedFile("x.html", pdf_bytes() + b"<script>alert(1)</script>", "text/html")
    response = client.post(
        "/shops/apply/", application_data(registration_document=html_named, food_safety_document=jpeg_upload("a.jpg"))
    )
    assert response.status_code == 302
    names = [d.file.name for d in ProducerApplication.objects.get().documents.all()]
    assert len(names) == 2
    assert all(RANDOM_NAME.search(name) for name in names), names
    assert not any("x" == n.rsplit("/", 1)[-1].split(".")[0] or n.endswith(".html") for n in names)


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_pdfs_with_active_content_are_refused(client, hostile):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("giay.pdf", pdf_bytes(**hostile), "application/pdf")
    response = client.post("/shops/apply/", application_data(registration_document=upload))
    assert response.status_code == 400
    assert "nội dung chủ động" in response.content.decode()
    assert not ProducerApplication.objects.exists()


@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_one_check_refuses_active_pdfs_for_every_caller(hostile):
    with pytest.raises(ValidationError) as error:
        document_kind(SimpleUploadedFile("a.pdf", pdf_bytes(**hostile)))
    assert error.value.code == "active_pdf"


def test_a_pdf_signature_on_something_that_is_not_a_pdf_is_refused():
    fake = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n")
    with pytest.raises(ValidationError):
        document_kind(fake)


def test_a_clean_pdf_is_accepted():
    assert document_kind(SimpleUploadedFile("a.pdf", pdf_bytes())) == "pdf"


def test_dossier_documents_get_random_names_of_the_detected_type(client, django_user_model):
    from ocop.evaluation import services
    from tests.factories.evaluation import CycleFactory, complete_dossier, producer_with_user

    user, producer = producer_with_user()
    dossier = complete_dossier(producer=producer, cycle=CycleFactory(), by=user)
    upload = SimpleUploadedFile("trang.html", pdf_bytes(), "text/html")
    document = services.document_add(dossier=dossier, kind="other", uploaded=upload, by=user)
    assert RANDOM_NAME.search(document.file.name) and document.file.name.endswith(".pdf")
    picture = services.document_add(dossier=dossier, kind="other", uploaded=jpeg_upload("nhan.html"), by=user)
    assert RANDOM_NAME.search(picture.file.name) and picture.file.name.endswith(".jpg")


def test_pictures_get_random_names(client):
    from shops.images import resized_image_file

    stored = resized_image_file(jpeg_upload("<script>.jpg"), (100, 100))
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", stored.name)
