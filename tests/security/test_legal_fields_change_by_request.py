"""Issue 17 §4 (ASVS V4.1.3, V11.1.x business logic): once approved, a producer's legal identity
(legal kind, registration number, representative) changes only through a request program staff
approve (shops.services.legal_change_request / legal_change_decide).

Checked: a producer who edits these fields in its back office leaves the storefront's identity as
it was and files one pending request; other profile fields are saved at once; a user without
shops.review_producerapplication cannot approve; a reviewer's approval applies the change."""
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from shops import services
from shops.models import ProducerProfile
from tests.factories import UserFactory
from tests.factories.shops import ProducerProfileFactory, producer_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(client):
    profile = ProducerProfileFactory(registration_number="4700123456", representative="Hoàng Văn Bình")
    client.force_login(producer_user(profile.partner))
    return profile


def test_editing_legal_fields_files_a_request_instead_of_changing_them(client, producer):
    response = client.post(f"/dashboard/producer/{producer.slug}/profile/", {
        "legal_kind": "company", "registration_number": "0100000001", "representative": "Người Khác",
        "commune_code": "2173", "address": "Thôn Mới", "story": "",
    })
    assert response.status_code == 302
    producer.refresh_from_db()
    assert (producer.legal_kind, producer.registration_number, producer.representative) == (
        "cooperative", "4700123456", "Hoàng Văn Bình"
    )
    assert producer.address == "Thôn Mới"  # the rest of the profile is saved
    request = producer.legal_change_requests.get()
    assert request.status == "pending"
    assert request.changes == {"legal_kind": "company", "registration_number": "0100000001", "representative": "Người Khác"}


def test_only_reviewers_apply_a_request(producer):
    request = services.legal_change_request(profile=producer, user=None, changes={"registration_number": "0100000001"})
    with pytest.raises(PermissionDenied):
        services.legal_change_decide(request=request, reviewer=UserFactory(is_staff=True), approve=True)
    reviewer = UserFactory(username="can-bo-duyet")
    reviewer.user_permissions.add(Permission.objects.get(codename="review_producerapplication"))
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    services.legal_change_decide(request=request, reviewer=reviewer, approve=True)
    assert ProducerProfile.objects.get(pk=producer.pk).registration_number == "0100000001"
