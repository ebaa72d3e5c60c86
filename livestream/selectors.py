"""Reads of the livestream app: listings, the viewer snapshot, the live price of a basket line."""
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.html import escape
from oscar.core.loading import get_class, get_model

from livestream.models import ChatMessage, FeaturedProduct, LiveReservation, LiveSession, PinMarker
from marketplace.partner.strategy import is_on_sale

Product = get_model("catalogue", "Product")

#: The Oscar option code a live basket line carries (its value is the session id).
LIVE_OPTION_CODE = "live-session"
CHAT_HISTORY = 50


def _products_prefetch():
    return Prefetch(
        "featured",
        queryset=FeaturedProduct.objects.select_related("product").prefetch_related(
            "product__images", "product__stockrecords", "product__ocop_certificates"
        ),
    )


def sessions_live():
    return LiveSession.objects.filter(status=LiveSession.Status.LIVE).select_related("partner").order_by("-started_at")


def sessions_upcoming():
    return (
        LiveSession.objects.filter(status=LiveSession.Status.SCHEDULED)
        .select_related("partner")
        .order_by("scheduled_start", "pk")
    )


def sessions_past():
    return LiveSession.objects.filter(status=LiveSession.Status.ENDED).select_related("partner").order_by("-ended_at", "-pk")


def sessions_for_partner(partner):
    """A producer's storefront: its upcoming/live sessions and its past ones."""
    sessions = LiveSession.objects.filter(partner=partner).exclude(status=LiveSession.Status.CANCELLED)
    return {
        "upcoming": sessions.filter(status__in=[LiveSession.Status.SCHEDULED, LiveSession.Status.LIVE]).order_by(
            "scheduled_start"
        ),
        "past": sessions.filter(status=LiveSession.Status.ENDED).order_by("-ended_at"),
    }


def session_detail(session_id):
    return (
        LiveSession.objects.select_related("partner", "pinned__product")
        .prefetch_related(_products_prefetch())
        .get(pk=session_id)
    )


def session_exists(session_id):
    return LiveSession.objects.filter(pk=session_id).exclude(status=LiveSession.Status.CANCELLED).exists()


def can_host(user, session):
    """Hosts: the producer's own users; program staff with the permission (or superusers)."""
    if not user or not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("livestream.host_any_session"):
        return True
    return session.partner.users.filter(pk=user.pk).exists()


def partners_hosted_by(user):
    Partner = get_model("partner", "Partner")
    if not user.is_authenticated:
        return Partner.objects.none()
    if user.is_superuser or user.has_perm("livestream.host_any_session"):
        return Partner.objects.all()
    return Partner.objects.filter(users=user)


def certified_products_of(partner):
    return Product.objects.certified().filter(stockrecords__partner=partner).distinct().order_by("title")


def regular_price(product):
    strategy = get_class("partner.strategy", "Selector")().strategy()
    info = strategy.fetch_for_product(product)
    return info.price.incl_tax if info.price.exists else None


def offer_running(featured, now=None):
    """A flash offer runs while the session is live, before its end, under its cap, and
    while the product holds a current certificate (the gate, evaluated now)."""
    now = now or timezone.now()
    session = featured.session
    return bool(
        session.status == LiveSession.Status.LIVE
        and featured.live_price is not None
        and featured.offer_ends_at
        and featured.offer_ends_at > now
        and (featured.quantity_cap is None or featured.sold_quantity < featured.quantity_cap)
        and is_on_sale(featured.product)
    )


def live_price_for_line(line):
    """The live price of an Oscar basket line, or None to charge the regular price.

    Called from `Strategy.fetch_for_line`. The line must carry the live-session option,
    its offer must still be running, and its quantity must be covered by the units the
    basket reserved under the cap.
    """
    if not line.pk or not line.basket_id:
        return None
    session_id = None
    for attribute in line.attributes.all():
        if attribute.option.code == LIVE_OPTION_CODE:
            session_id = attribute.value
    if not session_id:
        return None
    try:
        session_id = int(session_id)
    except (TypeError, ValueError):
        return None
    featured = (
        FeaturedProduct.objects.select_related("session", "product")
        .filter(session_id=session_id, product_id=line.product_id)
        .first()
    )
    if featured is None or not offer_running(featured):
        return None
    reserved = (
        LiveReservation.objects.filter(featured=featured, basket_id=line.basket_id).aggregate(total=Sum("quantity"))[
            "total"
        ]
        or 0
    )
    if line.quantity > reserved:
        return None
    return featured.live_price


def viewer_count(session_id):
    return max(0, cache.get(f"live:{session_id}:viewers") or 0)


def _image_url(product):
    image = product.primary_image()
    if isinstance(image, dict) or not getattr(image, "original", None):
        return ""
    try:
        from sorl.thumbnail import get_thumbnail

        return get_thumbnail(image.original, "160x160", crop="center", quality=80).url
    except Exception:  # a missing or unreadable image file: the card shows no picture
        return ""


def _money(value):
    return None if value is None else int(Decimal(value))


def featured_card(featured, now=None):
    product = featured.product
    running = offer_running(featured, now=now)
    return {
        "id": featured.pk,
        "product_id": product.pk,
        "title": product.get_title(),
        "url": product.get_absolute_url(),
        "image": _image_url(product),
        "on_sale": is_on_sale(product),
        "price": _money(regular_price(product)),
        "live_price": _money(featured.live_price),
        "offer_running": running,
        "offer_ends_at": featured.offer_ends_at.isoformat() if running else None,
        "cap": featured.quantity_cap,
        "remaining": featured.remaining,
        "sold": featured.sold_quantity,
        "per_buyer_limit": featured.per_buyer_limit,
    }


def chat_frame(message):
    return {
        "type": "chat",
        "id": message.pk,
        "user": escape(display_name(message.user)),
        "body": escape(message.body),
        "at": message.created_at.isoformat(),
    }


def display_name(user):
    return user.get_full_name() or user.get_username().split("@")[0]


def chat_history(session_id, limit=CHAT_HISTORY):
    messages = ChatMessage.objects.filter(session_id=session_id, is_hidden=False).select_related("user")
    latest = list(messages.order_by("-created_at", "-pk")[:limit])
    return [chat_frame(message) for message in reversed(latest)]


def session_state_shared(session_id):
    """The part of the join snapshot that is the same for every viewer (built once per session
    version and shared by a process's joiners: livestream.consumers); None if there is no
    such session to watch."""
    try:
        session = session_detail(session_id)
    except (LiveSession.DoesNotExist, ValueError, TypeError):
        return None
    if session.status == LiveSession.Status.CANCELLED:
        return None
    now = timezone.now()
    featured = [card for card in (featured_card(item, now) for item in session.featured.all()) if card["on_sale"]]
    pinned = next((card for card in featured if session.pinned_id == card["id"]), None)
    return {
        "type": "state",
        "session": session.pk,
        "status": session.status,
        "started_at": session.started_at.isoformat() if session.started_at else None,
        "pinned": pinned,
        "featured": featured,
        "chat": chat_history(session.pk),
        "viewers": viewer_count(session.pk),
        "partner_id": session.partner_id,
    }


def viewer_state(shared, user=None, can_moderate=False):
    """The join snapshot for one viewer: the shared part plus who they are."""
    frame = {key: value for key, value in shared.items() if key != "partner_id"}
    frame["can_moderate"] = bool(can_moderate)
    frame["logged_in"] = bool(user and user.is_authenticated)
    return frame


def can_host_session(user, session_id):
    if not user or not user.is_authenticated:
        return False
    session = LiveSession.objects.select_related("partner").filter(pk=session_id).first()
    return bool(session and can_host(user, session))


def session_state(session_id, user=None):
    """What a viewer needs on joining: status, pinned card, rail, last 50 messages, viewers."""
    shared = session_state_shared(session_id)
    if shared is None:
        raise LiveSession.DoesNotExist
    return viewer_state(shared, user, can_host_session(user, session_id))


def sales_summary(session):
    rows = LiveReservation.objects.filter(featured__session=session)
    totals = rows.aggregate(units=Sum("quantity"))
    revenue = sum((r.price * r.quantity for r in rows.only("price", "quantity")), Decimal(0))
    return {"units": totals["units"] or 0, "revenue": revenue, "orders": rows.values("user").distinct().count()}


def replay_markers(session):
    return list(PinMarker.objects.filter(session=session).select_related("featured__product", "session"))


def visible_chat(session):
    return ChatMessage.objects.filter(session=session, is_hidden=False).select_related("user")
