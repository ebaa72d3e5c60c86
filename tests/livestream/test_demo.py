import pytest

from livestream.demo import load_live
from livestream.models import LiveSession, PinMarker
from tests.factories import product_on_sale

pytestmark = pytest.mark.django_db


def test_demo_sessions_are_idempotent():
    product = product_on_sale()
    messages = []
    load_live(log=messages.append)
    load_live(log=messages.append)
    sessions = LiveSession.objects.all()
    assert sorted(sessions.values_list("status", flat=True)) == ["ended", "live", "scheduled"]
    assert all(s.title.startswith("[Mẫu]") for s in sessions)
    live = sessions.get(status="live")
    assert live.featured.get().product == product and live.featured.get().live_price == 108000
    assert PinMarker.objects.filter(session__status="ended").count() == 1


def test_demo_without_products_is_skipped():
    messages = []
    load_live(log=messages.append)
    assert not LiveSession.objects.exists() and "skipped" in messages[0]
