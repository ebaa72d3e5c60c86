"""Issue 17 §1 (ASVS V12.1, V12.5): Wagtail documents accept only an allowlist of extensions and are
served by Wagtail's serve view (privacy of collections honoured), never as raw media URLs.

Checked: an editor uploading "trang.html" or "anh.svg" through the Wagtail admin is refused; a PDF is
accepted and its URL is /documents/…; a document in a login-restricted collection is not served to
an anonymous visitor; the served response carries nosniff and a CSP."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import UserFactory
from tests.factories.shops import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="bien-tap", is_staff=True, is_superuser=True))
    return client


def upload(client, name, content):
    return client.post(
        "/cms/documents/add/",
        {
            "title": name, "kind": "decision", "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize("name", ["trang.html", "anh.svg", "script.js"])
def test_active_document_types_are_refused(editor_client, name):
    response = upload(editor_client, name, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200  # the form again, with its error
    assert "pdf, doc, docx" in response.content.decode()  # the validator's list of allowed extensions
    assert not get_document_model().objects.exists()


def test_a_pdf_is_accepted_and_served_by_the_view(editor_client, client):
    assert upload(editor_client, "quyet-dinh.pdf", pdf_bytes()).status_code == 302
    document = get_document_model().objects.get()
    assert document.url.startswith("/documents/")
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_private_collection_is_honoured(editor_client, client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model().objects.create(
        title="Nội bộ", collection=private, file=SimpleUploadedFile("noi-bo.pdf", pdf_bytes())
    )
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
