"""Issue 17 §4 (ASVS V4.1.3): is_staff alone does not open a producer's back office, its team
management or the application review; permissions do (shops.permissions, the one place).

Checked: an is_staff user without permissions gets 404/403 on a producer's overview, team page and
the application queue; program staff with partner.change_partner (support) and reviewers with
shops.review_producerapplication get in; the producer's own member still does."""
import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory
from tests.factories.shops import ProducerProfileFactory, producer_user

pytestmark = pytest.mark.django_db


def back_office_urls(profile):
    return [f"/dashboard/producer/{profile.slug}/", f"/dashboard/producer/{profile.slug}/team/"]


def with_perm(user, app_label, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label=app_label))
    return type(user).objects.get(pk=user.pk)


def test_is_staff_alone_opens_nothing(client):
    profile = ProducerProfileFactory()
    client.force_login(UserFactory(is_staff=True))
    for url in back_office_urls(profile):
        assert client.get(url).status_code == 404, url
    assert client.get("/dashboard/producer/applications/").status_code == 403
    assert client.post(f"/dashboard/producer/{profile.slug}/team/", {"email": "x@example.vn"}).status_code == 404


def test_permissions_open_them(client):
    profile = ProducerProfileFactory()
    client.force_login(with_perm(UserFactory(), "partner", "change_partner"))
    for url in back_office_urls(profile):
        assert client.get(url).status_code == 200, url
    client.force_login(with_perm(UserFactory(), "shops", "review_producerapplication"))
    assert client.get("/dashboard/producer/applications/").status_code == 200
    client.force_login(producer_user(profile.partner))
    for url in back_office_urls(profile):
        assert client.get(url).status_code == 200, url
