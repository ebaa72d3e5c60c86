import pytest

from tests.factories import UserFactory
from tests.factories.shops import ProducerProfileFactory, producer_user

pytestmark = pytest.mark.django_db


def test_producer_adds_an_assisted_seller_who_then_works_in_the_back_office(client):
    profile = ProducerProfileFactory()
    owner = producer_user(profile.partner, username="chuho")
    clerk = UserFactory(username="canbo_buudien", email="buudien@example.vn")
    client.force_login(owner)
    response = client.post(f"/dashboard/producer/{profile.slug}/team/", {"email": "BUUDIEN@example.vn"})
    assert response.status_code == 302
    assert profile.partner.users.filter(pk=clerk.pk).exists()
    change = profile.partner.back_office_changes.get(action="member_added")
    assert change.user == owner and change.object_repr == "buudien@example.vn"
    client.force_login(clerk)
    assert client.get(f"/dashboard/producer/{profile.slug}/").status_code == 200
    # the clerk removes the owner's access? they may, but never the last member
    client.force_login(owner)
    client.post(f"/dashboard/producer/{profile.slug}/team/", {"remove": clerk.pk})
    clerk.refresh_from_db()
    assert not profile.partner.users.filter(pk=clerk.pk).exists()
    assert not clerk.has_perm("partner.dashboard_access")
    response = client.post(f"/dashboard/producer/{profile.slug}/team/", {"remove": owner.pk})
    assert response.status_code == 400
    assert "cần ít nhất một người quản lý" in response.content.decode()


def test_unknown_email_is_refused_with_a_message(client):
    profile = ProducerProfileFactory()
    client.force_login(producer_user(profile.partner))
    response = client.post(f"/dashboard/producer/{profile.slug}/team/", {"email": "khongco@example.vn"})
    assert response.status_code == 400
    assert "Không có tài khoản nào với email này" in response.content.decode()


def test_another_producer_cannot_manage_the_team(client):
    profile = ProducerProfileFactory()
    producer_user(profile.partner)
    other = ProducerProfileFactory()
    intruder = producer_user(other.partner)
    client.force_login(intruder)
    response = client.post(f"/dashboard/producer/{profile.slug}/team/", {"email": intruder.email})
    assert response.status_code == 404
    assert not profile.partner.users.filter(pk=intruder.pk).exists()
