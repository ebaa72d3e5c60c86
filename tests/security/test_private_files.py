"""Issue 17 §1 (ASVS V12.4, V12.5, V4.1): private uploads live outside the public media root and are
served only by views that check access at every request.

Checked, for producer application documents, dossier documents, revocation evidence, certificate
scans and complaint photos: the file is under PRIVATE_MEDIA_ROOT (not MEDIA_ROOT); the allowed user
gets it with nosniff, a sandbox CSP and (for non-pictures) attachment; anyone else is refused; a
user who loses the permission is refused on the next request; production answers X-Accel-Redirect;
the pages link to the checking views, never to /media/; existing files are moved by the migration."""
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.shops import ProducerApplicationFactory, pdf_upload

pytestmark = pytest.mark.django_db


def in_private_root(field_file):
    path = Path(field_file.path).resolve()
    return path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()) and not path.is_relative_to(
        Path(settings.MEDIA_ROOT).resolve()
    )


def assert_private_headers(response, *, attachment):
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Disposition"].startswith("attachment" if attachment else "inline")
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def reviewer():
    user = UserFactory(username="canbo-xet-duyet")
    user.user_permissions.add(Permission.objects.get(codename="review_producerapplication"))
    return user


def test_application_documents_are_private_and_checked_at_every_request(client, reviewer):
    from shops.images import check_document

    application = ProducerApplicationFactory()
    document = application.documents.create(kind="registration", file=check_document(pdf_upload("x.html")))
    assert in_private_root(document.file)
    url = f"/dashboard/producer/applications/{application.pk}/documents/{document.pk}/"

    client.force_login(reviewer)
    response = client.get(url)
    assert_private_headers(response, attachment=True)
    assert response["Content-Type"] == "application/pdf"
    assert ".html" not in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    reviewer.user_permissions.clear()
    client.force_login(type(reviewer).objects.get(pk=reviewer.pk))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_production_hands_the_file_to_nginx_internal_location(client, reviewer, settings):
    from shops.images import check_document

    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    application = ProducerApplicationFactory()
    document = application.documents.create(kind="registration", file=check_document(pdf_upload()))
    client.force_login(reviewer)
    response = client.get(f"/dashboard/producer/applications/{application.pk}/documents/{document.pk}/")
    assert_private_headers(response, attachment=True)
    assert response["X-Accel-Redirect"] == f"/_private/{document.file.name}"
    assert response.content == b""


def test_old_public_links_no_longer_serve_private_files(client):
    from shops.images import check_document

    application = ProducerApplicationFactory()
    document = application.documents.create(kind="registration", file=check_document(pdf_upload()))
    assert not document.file.url.startswith(settings.MEDIA_URL)
    assert client.get(document.file.url).status_code == 404
    assert not storages["default"].exists(document.file.name)


def test_dossier_documents_only_to_their_producer_and_the_cycle(client):
    from tests.factories.evaluation import CycleFactory, complete_dossier, producer_with_user

    user, producer = producer_with_user()
    dossier = complete_dossier(producer=producer, cycle=CycleFactory(), by=user)
    document = dossier.documents.first()
    assert in_private_root(document.file)
    url = reverse("evaluation:document-download", kwargs={"pk": dossier.pk, "document_pk": document.pk})
    client.force_login(user)
    assert_private_headers(client.get(url), attachment=True)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_revocation_evidence_only_to_the_cycle(client):
    from ocop.evaluation import services
    from tests.factories.catalogue import certified_product
    from tests.factories.evaluation import user_with_perms

    proposer = user_with_perms("propose_revocation", username="thanh-tra")
    certificate = certified_product().ocop_certificates.get()
    proposal = services.revocation_propose(
        certificate=certificate, source="inspection", grounds="Vi phạm ATTP", by=proposer, evidence=pdf_upload("a.html")
    )
    assert in_private_root(proposal.evidence) and proposal.evidence.name.endswith(".pdf")
    url = reverse("evaluation:revocation-evidence", kwargs={"pk": proposal.pk})
    client.force_login(proposer)
    assert url in client.get(reverse("evaluation:revocations")).content.decode()
    assert_private_headers(client.get(url), attachment=True)
    client.force_login(UserFactory())
    assert client.get(url).status_code in (302, 403, 404)


def test_certificate_scans_only_to_certification_officers(client):
    from ocop import services
    from tests.factories.catalogue import certification_officer, certified_product

    officer = certification_officer(username="can-bo-chung-nhan")
    certificate = certified_product().ocop_certificates.get()
    services._attach_scan(certificate, pdf_upload("scan.pdf"))
    certificate.save()
    assert in_private_root(certificate.scan)
    url = reverse("ocop:dashboard-certificate-scan", kwargs={"pk": certificate.pk})
    client.force_login(officer)
    page = client.get(reverse("ocop:dashboard-certificates")).content.decode()
    assert url in page and "/media/ocop/certificates" not in page
    assert_private_headers(client.get(url), attachment=True)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_complaint_photos_only_to_the_shopper_the_producer_and_staff(client, vietnam):
    from tests.factories.complaints import delivered_cod_order, open_request

    order, user, partner, line = delivered_cod_order()
    request = open_request(line, user)
    photo = request.photos.get()
    assert in_private_root(photo.image)
    detail = reverse("complaints:detail", kwargs={"pk": request.pk})
    client.force_login(user)
    page = client.get(detail).content.decode()
    assert f'src="photos/{photo.pk}/"' in page and "/media/complaints" not in page
    response = client.get(f"{detail}photos/{photo.pk}/")
    assert_private_headers(response, attachment=False)
    assert response["Content-Type"] == "image/jpeg"
    client.force_login(UserFactory())
    assert client.get(f"{detail}photos/{photo.pk}/").status_code == 404


def test_existing_public_files_are_moved_by_the_migration_step():
    from marketplace.private_files import move_to_private_storage
    from shops.models import ApplicationDocument

    application = ProducerApplicationFactory()
    public = storages["default"]
    name = public.save("shops/applications/old/giay.pdf", ContentFile(b"%PDF-1.4 old"))
    document = ApplicationDocument.objects.create(application=application, kind="other", file=name)
    assert move_to_private_storage(ApplicationDocument, "file") == 1
    assert not public.exists(name)
    document.refresh_from_db()
    assert in_private_root(document.file)
    with document.file.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4 old"
    assert move_to_private_storage(ApplicationDocument, "file") == 0
