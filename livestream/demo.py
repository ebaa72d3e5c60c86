"""Demo live sessions (idempotent): one live now, one upcoming, one ended with a replay.

The video is ours and offline: a few seconds of generated test card (the product's name and a
running clock, `livestream.media.demo`) cut into HLS; the media process loops it into the live
session's rolling playlist, and the ended session replays it with product markers.
"""
import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from livestream.media import demo as media_demo
from livestream.models import FeaturedProduct, LiveSession, PinMarker

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

DEMO_STREAM = "https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8"
DEMO_HOST_EMAIL = "live-host@ocopbackan.vn"
DEMO_HOST_PASSWORD = "ocop-live-2026"


def _partner_with_products():
    for partner in Partner.objects.order_by("pk"):
        products = list(Product.objects.certified().filter(stockrecords__partner=partner).distinct().order_by("pk")[:3])
        if products:
            return partner, products
    return None, []


def _live_price(product):
    """A demo live price: 10 % off the shelf price, rounded down to 1.000 ₫."""
    from decimal import Decimal

    from livestream.selectors import regular_price

    price = regular_price(product)
    if not price:
        return None
    return (Decimal(price) * Decimal("0.9") // 1000 * 1000) or None


def load_live(*, log):
    partner, products = _partner_with_products()
    if partner is None:
        log("  no certified products yet: skipped demo live sessions")
        return
    User = get_user_model()
    host = User.objects.filter(email=DEMO_HOST_EMAIL).first()
    if host is None:
        host = User.objects.create_user(
            username="live-host", email=DEMO_HOST_EMAIL, password=DEMO_HOST_PASSWORD, first_name="Người dẫn live"
        )
        log(f"  created demo live host {DEMO_HOST_EMAIL} / {DEMO_HOST_PASSWORD}")
    partner.users.add(host)
    now = timezone.now()
    specs = [
        ("[Mẫu] Phiên live: đặc sản %s" % partner.name, LiveSession.Status.LIVE, now - datetime.timedelta(minutes=10)),
        ("[Mẫu] Sắp live: quà Tết của %s" % partner.name, LiveSession.Status.SCHEDULED, now + datetime.timedelta(days=2)),
        ("[Mẫu] Xem lại: giới thiệu %s" % partner.name, LiveSession.Status.ENDED, now - datetime.timedelta(days=3)),
    ]
    for title, status, start in specs:
        session, created = LiveSession.objects.get_or_create(
            partner=partner,
            title=title,
            defaults={
                "created_by": host,
                "status": status,
                "scheduled_start": start,
                "stream_url": "",
                "description": "Dữ liệu mẫu: phiên bán hàng trực tiếp minh hoạ.",
                "banned_words": "lừa đảo\nhàng giả",
            },
        )
        if not created:
            continue
        for position, product in enumerate(products):
            FeaturedProduct.objects.get_or_create(
                session=session,
                product=product,
                defaults={"position": position, "quantity_cap": 20, "per_buyer_limit": 2, "live_price": _live_price(product)},
            )
        if status != LiveSession.Status.SCHEDULED:
            session.started_at = start
        if status == LiveSession.Status.ENDED:
            session.ended_at = start + datetime.timedelta(minutes=45)
            # Markers inside the few seconds of the demo recording.
            for index, item in enumerate(session.featured.all()):
                PinMarker.objects.create(session=session, featured=item, pinned_at=start + datetime.timedelta(seconds=index * 2 + 1))
        session.save()
        if status != LiveSession.Status.SCHEDULED:
            media_demo.load(session, products[0].get_title(), live=status == LiveSession.Status.LIVE)
        log(f"  created live session: {title}")
