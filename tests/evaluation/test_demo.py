import pytest

from ocop.evaluation import demo
from ocop.evaluation.models import Cycle, Dossier
from tests.factories.evaluation import ProducerProfileFactory

pytestmark = pytest.mark.django_db


def test_demo_loader_is_idempotent_and_labelled():
    ProducerProfileFactory(slug=demo.DEMO_PRODUCER_SLUG)
    lines = []
    demo.load_cycle(log=lines.append)
    demo.load_cycle(log=lines.append)
    assert Cycle.objects.filter(is_demo=True).count() == 1
    dossier = Dossier.objects.get()
    assert dossier.is_demo and dossier.status == Dossier.Status.AT_COUNCIL
    assert "dữ liệu mẫu" in dossier.product.title
    assert not dossier.product.is_on_sale()
    from django.contrib.auth import get_user_model

    chair = get_user_model().objects.get(username="chutich-hd")
    assert chair.has_perm("evaluation.decide_council") and not chair.is_staff


def test_demo_dossier_page_renders_for_the_chair(client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    ProducerProfileFactory(slug=demo.DEMO_PRODUCER_SLUG)
    demo.load_cycle(log=lambda line: None)
    client.force_login(get_user_model().objects.get(username="chutich-hd"))
    dossier = Dossier.objects.get()
    page = client.get(reverse("evaluation:review-detail", args=[dossier.pk])).content.decode()
    assert "Hồ sơ đầy đủ (dữ liệu mẫu)" in page and "hệ thống" in page
