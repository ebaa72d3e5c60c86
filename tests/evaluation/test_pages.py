"""The pages of each role, what they show, and who is refused."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ocop.evaluation import selectors, services
from ocop.evaluation.models import Dossier, DossierDocument
from tests.evaluation.conftest import points_for
from tests.factories import UserFactory
from tests.factories.evaluation import PDF_BYTES, PNG_BYTES, producer_product, producer_with_user

pytestmark = pytest.mark.django_db


def test_producer_drafts_a_dossier_and_sees_what_is_missing(client, cycle, producer_user):
    user, producer = producer_user
    product = producer_product(producer, product__title="Miến dong Na Rì")
    client.force_login(user)
    response = client.post(
        reverse("evaluation:dossier-create"),
        {"product": product.pk, "group": "thuc-pham", "summary": "", "raw_material_area": ""},
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and dossier.status == Dossier.Status.DRAFT
    page = client.get(reverse("evaluation:dossier-detail", args=[dossier.pk])).content.decode()
    assert "Còn thiếu" in page and "Phiếu kết quả kiểm nghiệm" in page and "0/7" in page

    upload = SimpleUploadedFile("phieu.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("evaluation:document-upload", args=[dossier.pk]), {"kind": "registration", "file": upload}
    )
    assert response.status_code == 302
    assert "1/7" in client.get(reverse("evaluation:dossier-detail", args=[dossier.pk])).content.decode()

    response = client.post(reverse("evaluation:dossier-submit", args=[dossier.pk]), follow=True)
    assert "Hồ sơ còn thiếu" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DRAFT


def test_upload_checked_by_content_not_name(client, draft, producer_user):
    user, _producer = producer_user
    client.force_login(user)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("evaluation:document-upload", args=[draft.pk]), {"kind": "other", "file": fake})
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP" in response.content.decode()
    png = SimpleUploadedFile("nhan.pdf", PNG_BYTES, content_type="application/pdf")
    client.post(reverse("evaluation:document-upload", args=[draft.pk]), {"kind": "label_photos", "file": png})
    # Stored as the picture it is, re-encoded (shops.images: an opaque PNG becomes a JPEG), never as a PDF.
    assert draft.documents.filter(kind="label_photos", content_type__in=["image/png", "image/jpeg"]).exists()


def test_upload_size_limit(client, draft, producer_user, settings):
    from ocop.evaluation import uploads

    user, _producer = producer_user
    client.force_login(user)
    big = SimpleUploadedFile("to.pdf", PDF_BYTES + b"0" * (uploads.MAX_UPLOAD_BYTES + 1), content_type="application/pdf")
    response = client.post(reverse("evaluation:document-upload", args=[draft.pk]), {"kind": "other", "file": big})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()


def test_another_producer_gets_404(client, draft):
    stranger, _producer = producer_with_user()
    client.force_login(stranger)
    document = draft.documents.first()
    for url in (
        reverse("evaluation:dossier-detail", args=[draft.pk]),
        reverse("evaluation:document-download", args=[draft.pk, document.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("evaluation:dossier-submit", args=[draft.pk])).status_code == 404


def test_dashboard_refuses_users_without_a_role(client, draft):
    assert client.get(reverse("evaluation:board")).status_code == 302  # to login
    client.force_login(UserFactory(is_staff=True))  # is_staff alone is no role
    assert client.get(reverse("evaluation:board")).status_code == 403
    producer_user = draft.producer.partner.users.first()
    client.force_login(producer_user)
    assert client.get(reverse("evaluation:review-detail", args=[draft.pk])).status_code == 403


def test_commune_reviewer_forwards_and_returns_only_at_their_step(client, draft, producer_user, commune_reviewer, members):
    user, _producer = producer_user
    services.dossier_submit(dossier=draft, by=user)
    client.force_login(members[0])
    assert client.post(reverse("evaluation:forward", args=[draft.pk])).status_code == 403
    client.force_login(commune_reviewer)
    page = client.get(reverse("evaluation:review-detail", args=[draft.pk])).content.decode()
    assert "Trả lại hồ sơ" in page
    response = client.post(reverse("evaluation:return", args=[draft.pk]), {"reason": ""})
    assert response.status_code == 400 and "This field is required" not in response.content.decode()
    client.post(reverse("evaluation:return", args=[draft.pk]), {"reason": "Nhãn chưa đúng quy định"})
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.RETURNED
    client.force_login(user)
    page = client.get(reverse("evaluation:dossier-detail", args=[draft.pk])).content.decode()
    assert "Nhãn chưa đúng quy định" in page and "Nộp lại hồ sơ" in page
    services.dossier_submit(dossier=draft, by=user)
    client.force_login(commune_reviewer)
    client.post(reverse("evaluation:forward", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.AT_COUNCIL
    assert client.post(reverse("evaluation:forward", args=[draft.pk])).status_code == 302  # nothing to forward
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.AT_COUNCIL


@pytest.fixture
def at_council(draft, producer_user, commune_reviewer):
    user, _producer = producer_user
    services.dossier_submit(dossier=draft, by=user)
    services.dossier_forward(dossier=draft, by=commune_reviewer)
    draft.refresh_from_db()
    return draft


def _score_post(sheet, total):
    data = {f"c_{pk}": str(points) for pk, points in points_for(sheet, total=total).items()}
    data["note"] = ""
    return data


def test_council_pages_hide_others_scores_until_own_is_in(client, at_council, members, chair, commune_reviewer):
    sheet = selectors.active_sheet_for("thuc-pham")
    client.force_login(commune_reviewer)
    assert client.get(reverse("evaluation:score", args=[at_council.pk])).status_code == 403
    client.force_login(members[0])
    response = client.post(reverse("evaluation:score", args=[at_council.pk]), _score_post(sheet, 72))
    assert response.status_code == 302
    client.force_login(members[1])
    page = client.get(reverse("evaluation:review-detail", args=[at_council.pk])).content.decode()
    assert 'id="side-by-side"' not in page and "72,00" not in page and "72.00" not in page
    response = client.post(reverse("evaluation:score", args=[at_council.pk]), _score_post(sheet, 80))
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = client.get(reverse("evaluation:review-detail", args=[at_council.pk])).content.decode()
    assert 'id="side-by-side"' in page and "72,00" in page and "80,00" in page


def test_a_line_over_its_maximum_re_renders_with_the_message(client, at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    data = _score_post(sheet, 60)
    first = sheet.criteria.first()
    data[f"c_{first.pk}"] = str(first.max_points + 1)
    client.force_login(members[0])
    response = client.post(reverse("evaluation:score", args=[at_council.pk]), data)
    assert response.status_code == 400
    assert f"Tối đa {first.max_points} điểm" in response.content.decode()
    assert not at_council.member_scores.exists()


def test_only_the_chair_records_the_result_and_the_product_goes_on_sale(client, at_council, members, chair):
    sheet = selectors.active_sheet_for("thuc-pham")
    for member, total in zip(members, (60, 66)):
        services.member_score_submit(dossier=at_council, member=member, points_by_criterion=points_for(sheet, total=total))
    data = {"agreed_score": "63", "decision_number": "77/QĐ-UBND", "decision_date": timezone.localdate().strftime("%d/%m/%Y")}
    client.force_login(members[0])
    assert client.post(reverse("evaluation:result", args=[at_council.pk]), data).status_code == 403
    client.force_login(chair)
    page = client.get(reverse("evaluation:review-detail", args=[at_council.pk])).content.decode()
    assert "63.00" in page  # the mean is suggested
    response = client.post(reverse("evaluation:result", args=[at_council.pk]), data)
    assert response.status_code == 302
    at_council.refresh_from_db()
    assert at_council.certificate.stars == 3 and at_council.certificate.score == Decimal("63")
    product_page = client.get(at_council.product.get_absolute_url()).content.decode()
    assert "Thêm vào giỏ" in product_page or "Add to basket" in product_page


def test_board_counts_and_export(client, at_council, chair):
    client.force_login(chair)
    page = client.get(reverse("evaluation:board")).content.decode()
    assert "Hội đồng tỉnh đánh giá" in page and "Nam Mẫu" in page
    response = client.get(reverse("evaluation:export"))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert at_council.product.get_title() in body and "Ba Bể" in body


def test_revocation_proposal_and_decision_take_the_product_off_sale(client, at_council, members, chair, producer_user):
    from tests.factories.evaluation import user_with_perms

    sheet = selectors.active_sheet_for("thuc-pham")
    services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points_for(sheet, total=75))
    services.council_result_record(
        dossier=at_council, by=chair, agreed_score=Decimal("75"), mandatory_failed=False,
        decision_number="88/QĐ-UBND", decision_date=timezone.localdate(),
    )
    at_council.refresh_from_db()
    certificate = at_council.certificate
    inspector = user_with_perms("propose_revocation")
    province = user_with_perms("decide_revocation")
    client.force_login(chair)
    assert client.post(reverse("evaluation:revocations"), {"certificate": certificate.pk}).status_code == 403
    client.force_login(inspector)
    evidence = SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        reverse("evaluation:revocations"),
        {"certificate": certificate.pk, "source": "inspection", "grounds": "Vi phạm an toàn thực phẩm", "evidence": evidence},
    )
    assert response.status_code == 302
    proposal = certificate.revocation_proposals.get()
    assert at_council.product.is_on_sale()
    assert client.post(reverse("evaluation:revocation-decide", args=[proposal.pk]), {"accept": "1"}).status_code == 403
    client.force_login(province)
    client.post(reverse("evaluation:revocation-decide", args=[proposal.pk]), {"accept": "1", "note": "QĐ thu hồi 9/QĐ-UBND"})
    certificate.refresh_from_db()
    assert certificate.is_revoked
    product = type(at_council.product).objects.get(pk=at_council.product.pk)
    assert not product.is_on_sale()
    user, _producer = producer_user
    assert user.notifications.filter(subject__contains="88/QĐ-UBND").exists()


def test_sheet_page_lists_placeholders(client, chair):
    client.force_login(chair)
    page = client.get(reverse("evaluation:sheets")).content.decode()
    assert "Tạm thời – thay bằng văn bản chính thức" in page and "nhóm Thực phẩm" in page


def test_idea_from_a_would_be_producer(client, cycle):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("evaluation:idea-create"),
        {"proposer_name": "Nguyễn Văn A", "commune": "Nam Mẫu", "group": "thuc-pham", "title": "Mật ong bạc hà",
         "description": "Mật ong nuôi tại Ba Bể", "raw_material": ""},
    )
    assert response.status_code == 302
    assert "Mật ong bạc hà" in client.get(reverse("evaluation:mine")).content.decode()
    assert client.get(reverse("evaluation:dossier-create")).status_code == 403


def test_commune_answers_an_idea(client, cycle, commune_reviewer, members):
    from ocop.evaluation.models import ProductIdea

    author = UserFactory()
    idea = services.idea_submit(
        cycle=cycle, by=author, proposer_name="Hộ bà B", commune="Cao Thượng", group="thuc-pham",
        title="Bánh gio", description="Bánh gio tro tràm",
    )
    client.force_login(members[0])
    assert client.post(reverse("evaluation:idea-respond", args=[idea.pk]), {"accept": "1"}).status_code == 403
    client.force_login(commune_reviewer)
    assert "Bánh gio" in client.get(reverse("evaluation:board")).content.decode()
    client.post(reverse("evaluation:idea-respond", args=[idea.pk]), {"accept": "0", "response": ""})
    idea.refresh_from_db()
    assert idea.status == ProductIdea.Status.SUBMITTED  # a decline needs a reason
    client.post(reverse("evaluation:idea-respond", args=[idea.pk]), {"accept": "1", "response": "Mời lập phương án"})
    idea.refresh_from_db()
    assert idea.status == ProductIdea.Status.ACCEPTED
    assert author.notifications.filter(body__contains="Mời lập phương án").exists()


def test_export_quotes_formula_like_text(client, at_council, chair):
    product = at_council.product
    product.title = "=HYPERLINK(\"http://x\")"
    product.save()
    client.force_login(chair)
    body = client.get(reverse("evaluation:export")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
