"""The dossier's way through the chain: submit, commune review, council, recognition."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ocop.evaluation import selectors, services
from ocop.evaluation.models import Dossier, DossierEvent, MemberScore, ReviewStep
from tests.evaluation.conftest import points_for
from tests.factories.evaluation import CycleFactory, producer_product, user_with_perms

pytestmark = pytest.mark.django_db


def test_seeded_chain_and_food_sheet():
    steps = list(ReviewStep.objects.filter(is_active=True))
    assert [step.role for step in steps] == ["review_commune"]
    sheet = selectors.active_sheet_for("thuc-pham")
    assert services.sheet_check(sheet) == {}
    assert sheet.criteria.filter(is_mandatory=True).exists()


def test_missing_documents_block_submission_and_are_listed(cycle, producer_user):
    user, producer = producer_user
    dossier = services.dossier_create(
        cycle=cycle, producer=producer, product=producer_product(producer), group="thuc-pham", by=user
    )
    assert len(selectors.missing_documents(dossier)) == 7
    with pytest.raises(ValidationError) as error:
        services.dossier_submit(dossier=dossier, by=user)
    assert "Phiếu đăng ký sản phẩm OCOP" in str(error.value)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DRAFT


def test_producer_cannot_file_for_another_producers_product(cycle, producer_user):
    user, producer = producer_user
    other = producer_product(__import__("tests.factories.evaluation", fromlist=["x"]).ProducerProfileFactory())
    with pytest.raises(ValidationError):
        services.dossier_create(cycle=cycle, producer=producer, product=other, group="thuc-pham", by=user)


def test_commune_returns_with_reason_then_forwards_to_council(draft, producer_user, commune_reviewer):
    user, _producer = producer_user
    services.dossier_submit(dossier=draft, by=user)
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.IN_REVIEW and draft.current_step.role == "review_commune"

    with pytest.raises(ValidationError):
        services.dossier_return(dossier=draft, by=commune_reviewer, reason="  ")
    services.dossier_return(dossier=draft, by=commune_reviewer, reason="Thiếu phiếu kiểm nghiệm mới")
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.RETURNED
    assert user.notifications.filter(body__contains="Thiếu phiếu kiểm nghiệm mới").exists()

    services.dossier_submit(dossier=draft, by=user)
    services.dossier_forward(dossier=draft, by=commune_reviewer)
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.AT_COUNCIL and draft.current_step is None
    actions = list(draft.events.values_list("action", "actor__username", "reason"))
    assert [a for a, _u, _r in actions] == ["submitted", "returned", "submitted", "forwarded"]
    assert actions[1][1:] == ("can-bo-xa", "Thiếu phiếu kiểm nghiệm mới")


def test_chain_is_configurable(draft, producer_user, commune_reviewer):
    ReviewStep.objects.create(position=2, name="Văn phòng điều phối tỉnh tiếp nhận", role="review_province")
    office = user_with_perms("review_province")
    user, _producer = producer_user
    services.dossier_submit(dossier=draft, by=user)
    with pytest.raises(PermissionDenied):
        services.dossier_forward(dossier=draft, by=office)  # not their step yet
    services.dossier_forward(dossier=draft, by=commune_reviewer)
    draft.refresh_from_db()
    assert draft.current_step.role == "review_province"
    with pytest.raises(PermissionDenied):
        services.dossier_forward(dossier=draft, by=commune_reviewer)
    services.dossier_forward(dossier=draft, by=office)
    draft.refresh_from_db()
    assert draft.status == Dossier.Status.AT_COUNCIL


def _to_council(dossier, by, reviewer):
    services.dossier_submit(dossier=dossier, by=by)
    services.dossier_forward(dossier=dossier, by=reviewer)
    dossier.refresh_from_db()
    return dossier


def test_recognition_issues_a_certificate_the_shop_honours_at_once(
    draft, producer_user, commune_reviewer, members, chair
):
    user, _producer = producer_user
    dossier = _to_council(draft, user, commune_reviewer)
    sheet = selectors.active_sheet_for("thuc-pham")
    assert not dossier.product.is_on_sale()
    services.member_score_submit(dossier=dossier, member=members[0], points_by_criterion=points_for(sheet, total=72))
    services.member_score_submit(dossier=dossier, member=members[1], points_by_criterion=points_for(sheet, total=76))
    mean, failed = services.suggested_agreement(dossier)
    assert mean == Decimal("74.00") and not failed

    services.council_result_record(
        dossier=dossier, by=chair, agreed_score=mean, mandatory_failed=failed,
        decision_number="123/QĐ-UBND", decision_date=timezone.localdate(),
    )
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.RECOGNISED
    certificate = dossier.certificate
    assert (certificate.stars, certificate.score, certificate.issuing_authority) == (4, Decimal("74.00"), "province")
    assert certificate.decision_number == "123/QĐ-UBND"
    product = type(dossier.product).objects.get(pk=dossier.product.pk)
    assert product.is_on_sale()
    assert type(product).objects.certified().filter(pk=product.pk).exists()


def test_five_stars_become_a_ministry_proposal_then_a_ministry_certificate(
    draft, producer_user, commune_reviewer, members, chair
):
    user, _producer = producer_user
    dossier = _to_council(draft, user, commune_reviewer)
    sheet = selectors.active_sheet_for("thuc-pham")
    services.member_score_submit(dossier=dossier, member=members[0], points_by_criterion=points_for(sheet, total=93))
    services.council_result_record(
        dossier=dossier, by=chair, agreed_score=Decimal("93"), mandatory_failed=False,
        decision_number="45/TTr-UBND", decision_date=timezone.localdate(),
    )
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.MINISTRY and dossier.certificate is None
    assert dossier.proposal_number == "45/TTr-UBND"
    services.ministry_decision_record(
        dossier=dossier, by=chair, decision_number="999/QĐ-BNNMT", decision_date=timezone.localdate()
    )
    dossier.refresh_from_db()
    assert (dossier.certificate.stars, dossier.certificate.issuing_authority) == (5, "ministry")


def test_mandatory_fail_at_95_is_not_certified(draft, producer_user, commune_reviewer, members, chair):
    user, _producer = producer_user
    dossier = _to_council(draft, user, commune_reviewer)
    sheet = selectors.active_sheet_for("thuc-pham")
    points = {c.pk: c.max_points for c in sheet.criteria.all()}
    mandatory = sheet.criteria.filter(is_mandatory=True).first()
    points[mandatory.pk] = Decimal("0")
    score = services.member_score_submit(dossier=dossier, member=members[0], points_by_criterion=points)
    assert score.total == 100 - mandatory.max_points and score.mandatory_failed
    mean, failed = services.suggested_agreement(dossier)
    assert failed
    services.council_result_record(dossier=dossier, by=chair, agreed_score=Decimal("95"), mandatory_failed=failed)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.NOT_CERTIFIED and dossier.result_stars == 2
    assert dossier.certificate is None and not dossier.product.is_on_sale()


def test_reevaluation_reuses_the_last_dossier_and_renews(draft, producer_user, commune_reviewer, members, chair):
    user, _producer = producer_user
    dossier = _to_council(draft, user, commune_reviewer)
    sheet = selectors.active_sheet_for("thuc-pham")
    services.member_score_submit(dossier=dossier, member=members[0], points_by_criterion=points_for(sheet, total=60))
    services.council_result_record(
        dossier=dossier, by=chair, agreed_score=Decimal("60"), mandatory_failed=False,
        decision_number="1/QĐ-UBND", decision_date=timezone.localdate() - timezone.timedelta(days=1000),
    )
    dossier.refresh_from_db()
    new = services.dossier_start_reevaluation(previous=dossier, cycle=CycleFactory(), by=user)
    assert new.previous == dossier and selectors.missing_documents(new) == []
    assert new.documents.first().file.name in set(dossier.documents.values_list("file", flat=True))
    new = _to_council(new, user, commune_reviewer)
    services.member_score_submit(dossier=new, member=members[0], points_by_criterion=points_for(sheet, total=71))
    services.council_result_record(
        dossier=new, by=chair, agreed_score=Decimal("71"), mandatory_failed=False,
        decision_number="2/QĐ-UBND", decision_date=timezone.localdate(),
    )
    new.refresh_from_db()
    assert new.certificate.renewal_of == dossier.certificate and new.certificate.stars == 4


def test_result_needs_a_decision_number_for_certified_ranks(draft, producer_user, commune_reviewer, members, chair):
    user, _producer = producer_user
    dossier = _to_council(draft, user, commune_reviewer)
    sheet = selectors.active_sheet_for("thuc-pham")
    services.member_score_submit(dossier=dossier, member=members[0], points_by_criterion=points_for(sheet, total=60))
    with pytest.raises(ValidationError):
        services.council_result_record(dossier=dossier, by=chair, agreed_score=Decimal("60"), mandatory_failed=False)
    assert MemberScore.objects.count() == 1
    assert not DossierEvent.objects.filter(action="recognised").exists()
