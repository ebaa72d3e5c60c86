import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from shops.demo import DEMO_PRODUCER_EMAIL, DEMO_PRODUCER_PASSWORD
from shops.models import ProducerProfile

pytestmark = pytest.mark.django_db


def test_demo_enriches_producers_and_adds_a_producer_login(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent
    tai_hoan = ProducerProfile.objects.get(partner__name="HTX Tài Hoan")
    assert tai_hoan.commune_code == 2173  # xã Côn Minh, huyện Na Rì
    assert "Miến dong Tài Hoan" in tai_hoan.story
    assert tai_hoan.logo
    user = get_user_model().objects.get(email=DEMO_PRODUCER_EMAIL)
    assert list(user.partners.all()) == [tai_hoan.partner]
    assert not user.is_staff and user.has_perm("partner.dashboard_access")
    assert client.login(username=DEMO_PRODUCER_EMAIL, password=DEMO_PRODUCER_PASSWORD)
    assert client.get(f"/dashboard/producer/{tai_hoan.slug}/").status_code == 200
    directory = client.get("/shops/")
    assert directory.status_code == 200 and directory.context["page_obj"].paginator.count >= 20
    assert client.get(f"/shops/{tai_hoan.slug}/").status_code == 200
