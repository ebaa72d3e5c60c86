"""Factories for live sessions."""
import datetime

import factory
from django.utils import timezone

from livestream.models import FeaturedProduct, LiveSession
from tests.factories import PartnerFactory, UserFactory, product_on_sale


class LiveSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveSession

    partner = factory.SubFactory(PartnerFactory)
    title = factory.Sequence(lambda n: f"Phiên live miến dong {n}")
    scheduled_start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=2))
    stream_url = "https://stream.example.vn/live/index.m3u8"


def host_user(session, **kwargs):
    user = UserFactory(**kwargs)
    session.partner.users.add(user)
    return user


def live_session(status=LiveSession.Status.LIVE, **kwargs):
    session = LiveSessionFactory(**kwargs)
    if status == LiveSession.Status.LIVE:
        session.status = status
        session.started_at = timezone.now() - datetime.timedelta(minutes=5)
        session.save()
    elif status != LiveSession.Status.SCHEDULED:
        session.status = status
        session.save()
    return session


def featured(session, price=120000, live_price=99000, cap=None, per_buyer_limit=None, stock=20, offer_minutes=None):
    """A certified product of the session's producer, featured; with a running offer if offer_minutes."""
    product = product_on_sale(price=price, stock=stock)
    record = product.stockrecords.first()
    record.partner = session.partner
    record.save()
    item = FeaturedProduct.objects.create(
        session=session, product=product, live_price=live_price, quantity_cap=cap, per_buyer_limit=per_buyer_limit
    )
    if offer_minutes:
        item.offer_started_at = timezone.now()
        item.offer_ends_at = timezone.now() + datetime.timedelta(minutes=offer_minutes)
        item.save()
    return item
