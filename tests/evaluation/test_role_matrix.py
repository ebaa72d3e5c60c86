"""Each role at each step: only the role the step names may act; others get 403."""
import pytest
from django.urls import reverse

from ocop.evaluation import selectors, services
from ocop.evaluation.models import Dossier
from tests.evaluation.conftest import points_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["producer", "commune", "member", "chair", "staff_without_role"]


@pytest.fixture
def people(producer_user, commune_reviewer, members, chair):
    return {
        "producer": producer_user[0],
        "commune": commune_reviewer,
        "member": members[0],
        "chair": chair,
        "staff_without_role": UserFactory(is_staff=True),
    }


def _in_review(draft, people):
    services.dossier_submit(dossier=draft, by=people["producer"])
    draft.refresh_from_db()
    return draft


def _at_council(draft, people):
    _in_review(draft, people)
    services.dossier_forward(dossier=draft, by=people["commune"])
    draft.refresh_from_db()
    return draft


@pytest.mark.parametrize("role", ROLES)
def test_forward_at_the_commune_step(client, draft, people, role):
    dossier = _in_review(draft, people)
    client.force_login(people[role])
    response = client.post(reverse("evaluation:forward", args=[dossier.pk]))
    dossier.refresh_from_db()
    if role == "commune":
        assert response.status_code == 302 and dossier.status == Dossier.Status.AT_COUNCIL
    else:
        assert response.status_code == 403 and dossier.status == Dossier.Status.IN_REVIEW


@pytest.mark.parametrize("role", ROLES)
def test_return_at_the_commune_step(client, draft, people, role):
    dossier = _in_review(draft, people)
    client.force_login(people[role])
    response = client.post(reverse("evaluation:return", args=[dossier.pk]), {"reason": "Thiếu hồ sơ"})
    dossier.refresh_from_db()
    expected = Dossier.Status.RETURNED if role == "commune" else Dossier.Status.IN_REVIEW
    assert dossier.status == expected
    assert response.status_code == (302 if role == "commune" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_score_at_the_council(client, draft, people, role):
    dossier = _at_council(draft, people)
    sheet = selectors.active_sheet_for("thuc-pham")
    data = {f"c_{pk}": str(v) for pk, v in points_for(sheet, total=70).items()}
    client.force_login(people[role])
    response = client.post(reverse("evaluation:score", args=[dossier.pk]), data)
    assert response.status_code == (302 if role == "member" else 403)
    assert dossier.member_scores.count() == (1 if role == "member" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_result_at_the_council(client, draft, people, role):
    dossier = _at_council(draft, people)
    sheet = selectors.active_sheet_for("thuc-pham")
    services.member_score_submit(dossier=dossier, member=people["member"], points_by_criterion=points_for(sheet, total=40))
    client.force_login(people[role])
    response = client.post(reverse("evaluation:result", args=[dossier.pk]), {"agreed_score": "40"})
    dossier.refresh_from_db()
    if role == "chair":
        assert response.status_code == 302 and dossier.status == Dossier.Status.NOT_CERTIFIED
    else:
        assert response.status_code == 403 and dossier.status == Dossier.Status.AT_COUNCIL


@pytest.mark.parametrize("role", ROLES)
def test_producer_pages_belong_to_the_producer(client, draft, people, role):
    client.force_login(people[role])
    response = client.get(reverse("evaluation:dossier-detail", args=[draft.pk]))
    assert response.status_code == (200 if role == "producer" else 404)
