"""'Mua ngay' during a live: the live price through Oscar's basket line options and the
Strategy, the cap and per-buyer limit, the OCOP gate mid-session, no over-selling."""
import datetime
import threading
from decimal import Decimal

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from livestream import services
from livestream.models import FeaturedProduct, LiveReservation, LiveSession
from livestream.selectors import LIVE_OPTION_CODE
from marketplace.partner.strategy import off_sale_reason
from tests.factories import UserFactory
from tests.factories.livestream import featured, host_user, live_session

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")


def buy(client, session, item, quantity=1):
    return client.post(reverse("livestream:buy", args=[session.pk]), {"featured_id": item.pk, "quantity": quantity})


def basket_of(user):
    basket = Basket.objects.get(owner=user, status=Basket.OPEN)
    basket.strategy = Selector().strategy(user=user)
    return basket


@pytest.fixture
def shopper(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_buy_now_adds_the_product_at_the_live_price(client, shopper):
    session = live_session()
    item = featured(session, price=150000, live_price=99000, cap=10, offer_minutes=5)
    response = buy(client, session, item)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] and data["live_price"] and data["unit_price"] == 99000
    assert "Đã thêm" in data["message"]
    line = basket_of(shopper).all_lines()[0]
    assert line.attributes.get().option.code == LIVE_OPTION_CODE
    assert line.attributes.get().value == str(session.pk)
    assert line.unit_price_incl_tax == Decimal("99000")
    assert basket_of(shopper).total_incl_tax == Decimal("99000")
    # Oscar's audit copy of the price stays what the shelf said; the Strategy decides the charge.
    assert line.price_incl_tax == Decimal("150000")
    item.refresh_from_db()
    assert item.sold_quantity == 1
    assert LiveReservation.objects.get().quantity == 1


@pytest.mark.django_db
def test_anonymous_buyer_gets_401(client):
    session = live_session()
    item = featured(session, offer_minutes=5)
    response = buy(client, session, item)
    assert response.status_code == 401 and response.json()["code"] == "login_required"


@pytest.mark.django_db
def test_without_an_offer_buy_now_charges_the_regular_price(client, shopper):
    session = live_session()
    item = featured(session, price=150000, live_price=99000)
    data = buy(client, session, item).json()
    assert data["ok"] and not data["live_price"] and data["unit_price"] == 150000
    line = basket_of(shopper).all_lines()[0]
    assert not line.attributes.exists()


@pytest.mark.django_db
def test_per_buyer_limit_and_cap(client, shopper):
    session = live_session()
    item = featured(session, price=150000, live_price=99000, cap=3, per_buyer_limit=2, offer_minutes=5)
    assert buy(client, session, item, 2).json()["ok"]
    response = buy(client, session, item)
    assert response.status_code == 400 and response.json()["code"] == "buyer_limit"
    assert "tối đa 2" in response.json()["message"]
    client.force_login(UserFactory())
    assert buy(client, session, item).json()["ok"]
    client.force_login(UserFactory())
    response = buy(client, session, item)
    # The cap is reached, so the offer is over: the buyer gets the regular price.
    assert response.status_code == 200 and response.json()["live_price"] is False
    assert response.json()["message"].startswith("Đã hết suất giá live")
    item.refresh_from_db()
    assert item.sold_quantity == 3 and item.remaining == 0


@pytest.mark.django_db
def test_live_price_holds_only_while_the_offer_runs(client, shopper):
    session = live_session()
    item = featured(session, price=150000, live_price=99000, cap=5, offer_minutes=5)
    buy(client, session, item)
    assert basket_of(shopper).all_lines()[0].unit_price_incl_tax == Decimal("99000")
    FeaturedProduct.objects.filter(pk=item.pk).update(offer_ends_at=timezone.now() - datetime.timedelta(seconds=1))
    assert basket_of(shopper).all_lines()[0].unit_price_incl_tax == Decimal("150000")


@pytest.mark.django_db
def test_raising_the_quantity_past_the_reservation_loses_the_live_price(client, shopper):
    session = live_session()
    item = featured(session, price=150000, live_price=99000, cap=5, offer_minutes=5)
    buy(client, session, item)
    line = basket_of(shopper).all_lines()[0]
    line.quantity = 4
    line.save()
    assert basket_of(shopper).all_lines()[0].unit_price_incl_tax == Decimal("150000")


@pytest.mark.django_db(transaction=True)
def test_certificate_revoked_mid_session_unpins_and_stops_sales(client, shopper):
    session = live_session()
    host = host_user(session)
    item = featured(session, price=150000, live_price=99000, cap=5, offer_minutes=5)
    services.product_pin(session_id=session.pk, user=host, featured_id=item.pk)
    buy(client, session, item)
    certificate = item.product.ocop_certificates.get()
    from ocop.services import certificate_revoke

    certificate_revoke(certificate=certificate, reason="Vi phạm an toàn thực phẩm", by=host)
    session.refresh_from_db()
    item.refresh_from_db()
    assert session.pinned_id is None
    assert item.offer_ends_at <= timezone.now()
    response = buy(client, session, item)
    assert response.status_code == 400 and response.json()["code"] == "not_certified"
    # The same reason the Strategy gives everywhere (product page, basket, checkout).
    assert response.json()["message"] == off_sale_reason(item.product)
    line = basket_of(shopper).all_lines()[0]
    assert not line.purchase_info.availability.is_available_to_buy
    assert line.unit_price_incl_tax == Decimal("150000")


@pytest.mark.django_db
def test_buying_needs_a_live_session(client, shopper):
    session = live_session(status=LiveSession.Status.ENDED)
    item = featured(session, offer_minutes=5)
    response = buy(client, session, item)
    assert response.status_code == 400 and response.json()["code"] == "not_live"
    other = live_session()
    response = buy(client, other, item)
    assert response.status_code == 404 and response.json()["code"] == "unknown_product"
    assert client.get(reverse("livestream:buy", args=[session.pk])).status_code == 405


@pytest.mark.django_db(transaction=True)
def test_concurrent_buyers_never_oversell_the_cap():
    session = live_session()
    item = featured(session, price=150000, live_price=99000, cap=5, stock=100, offer_minutes=5)
    buyers = [UserFactory() for _ in range(12)]
    baskets = {user.pk: Basket.objects.create(owner=user) for user in buyers}
    results, barrier = [], threading.Barrier(len(buyers))

    def attempt(user):
        close_old_connections()
        basket = Basket.objects.get(pk=baskets[user.pk].pk)
        basket.strategy = Selector().strategy(user=user)
        barrier.wait()
        try:
            outcome = services.live_buy(session_id=session.pk, featured_id=item.pk, user=user, basket=basket)
            results.append("live" if outcome["live_price"] else "regular")
        except services.LiveError as error:
            results.append(error.code)
        except OperationalError:  # SQLite refuses a concurrent writer instead of queueing it
            results.append("locked")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(user,)) for user in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    item.refresh_from_db()
    reserved = sum(LiveReservation.objects.filter(featured=item).values_list("quantity", flat=True))
    assert len(results) == 12
    assert item.sold_quantity == reserved == results.count("live") <= 5
    if connection.vendor == "postgresql":
        assert item.sold_quantity == 5
