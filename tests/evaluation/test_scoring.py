"""Scoring sheets and members' scores: bounds, part maxima, locking by versions."""
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ocop.evaluation import selectors, services
from ocop.evaluation.models import Criterion, Dossier, MemberScore
from tests.evaluation.conftest import points_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_council(draft):
    Dossier.objects.filter(pk=draft.pk).update(status=Dossier.Status.AT_COUNCIL)
    draft.refresh_from_db()
    return draft


def test_a_line_over_its_maximum_is_refused(at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    points = points_for(sheet, total=60)
    line = sheet.criteria.first()
    points[line.pk] = line.max_points + Decimal("0.01")
    with pytest.raises(ValidationError) as error:
        services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points)
    assert line.code in error.value.message_dict
    assert not MemberScore.objects.exists()


def test_a_part_over_its_maximum_is_refused(at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    # A data error in a sheet (lines of part A adding to more than 40) cannot inflate part A.
    Criterion.objects.create(sheet=sheet, part="A", code="A99", text="Dòng thừa", max_points=Decimal("5"), position=99)
    sheet = selectors.active_sheet_for("thuc-pham")
    points = {c.pk: c.max_points for c in sheet.criteria.all()}
    with pytest.raises(ValidationError) as error:
        services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points)
    assert "part_A" in error.value.message_dict
    assert services.sheet_check(sheet) == {"A": (Decimal("45"), Decimal("40"))}


def test_a_missing_line_is_refused(at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    points = points_for(sheet, total=60)
    points.pop(sheet.criteria.last().pk)
    with pytest.raises(ValidationError):
        services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points)


def test_parts_and_total_are_computed(at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    points = {c.pk: c.max_points for c in sheet.criteria.all()}
    score = services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points)
    assert (score.part_a, score.part_b, score.part_c, score.total) == (40, 25, 35, 100)


def test_only_council_members_score(at_council, chair, commune_reviewer):
    sheet = selectors.active_sheet_for("thuc-pham")
    for user in (chair, commune_reviewer):
        with pytest.raises(PermissionDenied):
            services.member_score_submit(dossier=at_council, member=user, points_by_criterion=points_for(sheet, total=60))


def test_scores_only_at_the_council_step(draft, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    with pytest.raises(ValidationError):
        services.member_score_submit(dossier=draft, member=members[0], points_by_criterion=points_for(sheet, total=60))


def test_corrections_are_new_versions_and_all_are_kept(at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    first = services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points_for(sheet, total=60))
    with pytest.raises(ValidationError):
        services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points_for(sheet, total=65))
    second = services.member_score_submit(
        dossier=at_council, member=members[0], points_by_criterion=points_for(sheet, total=65), note="Chấm nhầm C1"
    )
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert first.total == 60
    assert [s.total for s in selectors.latest_member_scores(at_council)] == [Decimal("65.00")]
    assert MemberScore.objects.filter(dossier=at_council).count() == 2


def test_members_see_others_only_after_submitting(at_council, members, chair):
    sheet = selectors.active_sheet_for("thuc-pham")
    services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points_for(sheet, total=60))
    assert selectors.may_see_scores(members[0], at_council)
    assert not selectors.may_see_scores(members[1], at_council)
    assert selectors.may_see_scores(chair, at_council)


def test_new_sheet_version_keeps_old_scores(at_council, members):
    sheet = selectors.active_sheet_for("thuc-pham")
    score = services.member_score_submit(dossier=at_council, member=members[0], points_by_criterion=points_for(sheet, total=60))
    new = services.sheet_new_version(sheet=sheet)
    assert new.version == 2 and selectors.active_sheet_for("thuc-pham") == new
    assert new.criteria.count() == sheet.criteria.count()
    score.refresh_from_db()
    assert score.sheet == sheet
