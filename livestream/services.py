"""Writes of the livestream app. Consumers and views call these; each raises `LiveError`
(a code and a Vietnamese message) for refusals, and broadcasts what viewers must see."""
import datetime
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from livestream import locks, selectors
from livestream.broadcast import broadcast, send_now
from ocop import claims
from livestream.models import (
    ChatMessage,
    ChatMute,
    FeaturedProduct,
    LiveReminder,
    LiveReservation,
    LiveSession,
    PinMarker,
)
from marketplace import money, stock
from marketplace.partner.strategy import is_on_sale, off_sale_reason

logger = logging.getLogger(__name__)
Option = get_model("catalogue", "Option")

CHAT_MAX_LENGTH = 500
CHAT_RATE_COUNT = 5
CHAT_RATE_WINDOW = datetime.timedelta(seconds=10)
MAX_OFFER_MINUTES = 180
MAX_MUTE_MINUTES = 24 * 60
MAX_OFFER_CAP = 1_000_000
MAX_LIVE_PRICE = 10**10 - 1  # FeaturedProduct.live_price: 12 digits, 2 of them decimals
REACTIONS = {"heart", "like", "fire", "clap"}


class LiveError(Exception):
    def __init__(self, code, message, status=400):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def _session(session_id):
    try:
        return LiveSession.objects.select_related("partner").get(pk=session_id)
    except (LiveSession.DoesNotExist, ValueError, TypeError):
        raise LiveError("not_found", _("Không tìm thấy phiên live."), status=404)


def _require_host(user, session):
    if not selectors.can_host(user, session):
        raise LiveError("forbidden", _("Chỉ người tổ chức phiên live mới được làm việc này."), status=403)


def _require_login(user):
    if not user or not user.is_authenticated:
        raise LiveError("login_required", _("Vui lòng đăng nhập để tham gia."), status=401)


def _object_id(value):
    """A primary key from a client frame: a whole number (or its digits) in the database's
    range, else None (floats, infinities, lists, objects and huge numbers are never ids)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None


def _featured(session, featured_id):
    try:
        return FeaturedProduct.objects.select_related("product", "session").get(
            pk=_object_id(featured_id), session=session
        )
    except FeaturedProduct.DoesNotExist:
        raise LiveError("unknown_product", _("Sản phẩm không có trong phiên live này."), status=404)


def live_option():
    option, _created = Option.objects.get_or_create(
        code=selectors.LIVE_OPTION_CODE, defaults={"name": "Phiên live", "type": Option.TEXT, "required": False}
    )
    return option


# --- scheduling ----------------------------------------------------------------


def session_schedule(*, partner, user, title, scheduled_start, description="", stream_url="", embed_url="", cover=None):
    session = LiveSession(
        partner=partner,
        created_by=user,
        title=title,
        description=description,
        scheduled_start=scheduled_start,
        stream_url=stream_url,
        embed_url=embed_url,
    )
    if cover:
        session.cover = cover
    session.full_clean()
    session.save()
    return session


def featured_product_add(*, session, product, live_price=None, quantity_cap=None, per_buyer_limit=None, position=0):
    """Feature a product: only certified products of the session's producer."""
    reason = off_sale_reason(product)
    if reason:
        raise LiveError("not_certified", reason)
    if not product.stockrecords.filter(partner=session.partner).exists():
        raise LiveError("not_own_product", _("Sản phẩm không thuộc nhà sản xuất của phiên live."))
    featured, _created = FeaturedProduct.objects.update_or_create(
        session=session,
        product=product,
        defaults={
            "live_price": live_price,
            "quantity_cap": quantity_cap,
            "per_buyer_limit": per_buyer_limit,
            "position": position,
        },
    )
    return featured


# --- status --------------------------------------------------------------------


def session_go_live(*, session_id, user, system=False):
    """`system=True`: the media process, when the first segment of our own stream is written."""
    with transaction.atomic():
        session = locks.lock_session(session_id)
        if not system:
            _require_host(user, session)
        if session.status != LiveSession.Status.SCHEDULED:
            raise LiveError("bad_status", _("Phiên này không ở trạng thái chờ phát."))
        session.status = LiveSession.Status.LIVE
        session.started_at = timezone.now()
        session.save(update_fields=["status", "started_at"])
        broadcast(session.pk, {"type": "status", "status": session.status, "started_at": session.started_at.isoformat()})
        # Recorded here, done by a worker after the commit: the host is answered at once.
        from background.services import job_enqueue

        job_enqueue("livestream.services.going_live_mail", key=f"live:{session.pk}:started", session_id=session.pk)
    return session


def replay_url_checked(replay_url):
    """The replay URL as the model field (and so the form) accepts it: http(s), ≤ 500 characters."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    if not replay_url:
        return ""
    field = LiveSession._meta.get_field("replay_url")
    try:
        if not isinstance(replay_url, str):
            raise DjangoValidationError("not text")
        return field.clean(replay_url.strip(), None)
    except DjangoValidationError:
        raise LiveError("invalid_replay_url", _("Đường dẫn xem lại không hợp lệ (cần http:// hoặc https://).")) from None


def session_end(*, session_id, user, replay_url="", system=False):
    """`system=True`: the media process (publisher stopped, grace period over, maximum duration)."""
    replay_url = replay_url_checked(replay_url)  # a host's `end` frame: checked like the form
    with transaction.atomic():
        session = locks.lock_session(session_id)
        if not system:
            _require_host(user, session)
        if session.status != LiveSession.Status.LIVE:
            raise LiveError("bad_status", _("Phiên này không đang phát."))
        now = timezone.now()
        session.status = LiveSession.Status.ENDED
        session.ended_at = now
        session.pinned = None
        if replay_url:
            session.replay_url = replay_url
        session.save(update_fields=["status", "ended_at", "pinned", "replay_url"])
        FeaturedProduct.objects.filter(session=session, offer_ends_at__gt=now).update(offer_ends_at=now)
        broadcast(session.pk, {"type": "status", "status": session.status})
    return session


# --- pin and offers ------------------------------------------------------------


def _require_live(session):
    if session.status != LiveSession.Status.LIVE:
        raise LiveError("not_live", _("Phiên live chưa bắt đầu hoặc đã kết thúc."))


def product_pin(*, session_id, user, featured_id):
    with transaction.atomic():
        session = locks.lock_session(session_id)
        _require_host(user, session)
        _require_live(session)
        featured = _featured(session, featured_id)
        reason = off_sale_reason(featured.product)
        if reason:
            gate_enforce(session_id=session.pk)
            raise LiveError("not_certified", reason)
        session.pinned = featured
        session.save(update_fields=["pinned"])
        PinMarker.objects.create(session=session, featured=featured, pinned_at=timezone.now())
        broadcast(session.pk, {"type": "pinned", "product": selectors.featured_card(featured)})
    return featured


def product_unpin(*, session_id, user):
    with transaction.atomic():
        session = locks.lock_session(session_id)
        _require_host(user, session)
        session.pinned = None
        session.save(update_fields=["pinned"])
        broadcast(session.pk, {"type": "pinned", "product": None})


def _whole_dong(value, field):
    try:
        amount = money.parse_dong(value)
    except ValidationError:
        amount = None
    if amount is None or not 1 <= amount <= MAX_LIVE_PRICE:
        raise LiveError("invalid_" + field, _("Giá live phải là số đồng nguyên dương (ví dụ 99000)."))
    return amount


def _positive_int(value, code, message, maximum=None):
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise LiveError(code, message)
    try:
        number = int(value)
    except ValueError:
        raise LiveError(code, message)
    if number < 1 or (maximum and number > maximum):
        raise LiveError(code, message)
    return number


def offer_start(*, session_id, user, featured_id, minutes, live_price=None, quantity_cap=None):
    """A flash offer: the live price for N minutes, under the cap."""
    minutes = _positive_int(
        minutes, "invalid_minutes", _("Thời lượng ưu đãi phải từ 1 đến %(max)s phút.") % {"max": MAX_OFFER_MINUTES},
        MAX_OFFER_MINUTES,
    )
    with transaction.atomic():
        session = locks.lock_session(session_id)
        _require_host(user, session)
        _require_live(session)
        featured = locks.lock_featured(_featured(session, featured_id).pk)
        reason = off_sale_reason(featured.product)
        if reason:
            raise LiveError("not_certified", reason)
        if live_price not in (None, ""):
            featured.live_price = _whole_dong(live_price, "price")
        if featured.live_price is None:
            raise LiveError("no_live_price", _("Hãy đặt giá live trước khi mở ưu đãi."))
        regular = selectors.regular_price(featured.product)
        if regular is not None and featured.live_price > regular:
            raise LiveError("price_above_regular", _("Giá live không được cao hơn giá thường."))
        if quantity_cap not in (None, ""):
            cap = _positive_int(
                quantity_cap, "invalid_cap", _("Số lượng ưu đãi phải là số nguyên dương."), MAX_OFFER_CAP
            )
            featured.quantity_cap = featured.sold_quantity + cap
        now = timezone.now()
        featured.offer_started_at = now
        featured.offer_ends_at = now + datetime.timedelta(minutes=minutes)
        featured.save(update_fields=["live_price", "quantity_cap", "offer_started_at", "offer_ends_at"])
        broadcast(session.pk, {"type": "offer", "state": "started", "product": selectors.featured_card(featured, now)})
    return featured


def offer_end(*, session_id, user, featured_id):
    with transaction.atomic():
        session = locks.lock_session(session_id)
        _require_host(user, session)
        featured = locks.lock_featured(_featured(session, featured_id).pk)
        _end_offer(featured)
    return featured


def _end_offer(featured):
    now = timezone.now()
    if featured.offer_ends_at and featured.offer_ends_at > now:
        featured.offer_ends_at = now
        featured.save(update_fields=["offer_ends_at"])
    broadcast(featured.session_id, {"type": "offer", "state": "ended", "product": selectors.featured_card(featured, now)})


def gate_enforce(*, session_id=None, product=None):
    """The OCOP gate in a live session: a product without a current certificate is
    unpinned and its offer ended at once. Returns the number of featured rows touched."""
    rows = FeaturedProduct.objects.select_related("product", "session").filter(session__status=LiveSession.Status.LIVE)
    if session_id is not None:
        rows = rows.filter(session_id=session_id)
    if product is not None:
        rows = rows.filter(product=product)
    touched = 0
    with transaction.atomic():
        for featured in rows.order_by("pk"):
            if is_on_sale(featured.product):
                continue
            touched += 1
            session = locks.lock_session(featured.session_id)
            if session.pinned_id == featured.pk:
                session.pinned = None
                session.save(update_fields=["pinned"])
                broadcast(session.pk, {"type": "pinned", "product": None})
            _end_offer(featured)
            broadcast(session.pk, {"type": "withdrawn", "product_id": featured.product_id})
    return touched


# --- chat ----------------------------------------------------------------------


def _contains_banned(body, words):
    lowered = body.lower()
    for word in words:
        if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", lowered):
            return True
    return False


def chat_post(*, session_id, user, body):
    _require_login(user)
    if not isinstance(body, str):
        raise LiveError("invalid_body", _("Nội dung tin nhắn phải là văn bản."))
    body = body.strip()
    if not body:
        raise LiveError("empty_message", _("Tin nhắn trống."))
    if len(body) > CHAT_MAX_LENGTH:
        raise LiveError("too_long", _("Tin nhắn dài tối đa %(max)s ký tự.") % {"max": CHAT_MAX_LENGTH})
    session = _session(session_id)
    if session.status in (LiveSession.Status.ENDED, LiveSession.Status.CANCELLED):
        raise LiveError("chat_closed", _("Phiên live đã kết thúc, không thể gửi tin nhắn."))
    moderator = selectors.can_host(user, session)
    now = timezone.now()
    if not moderator:
        mute = ChatMute.objects.filter(session=session, user=user, muted_until__gt=now).first()
        if mute:
            raise LiveError(
                "muted",
                _("Bạn bị tạm khoá trò chuyện đến %(time)s.")
                % {"time": timezone.localtime(mute.muted_until).strftime("%H:%M %d/%m/%Y")},
                status=403,
            )
        recent = ChatMessage.objects.filter(session=session, user=user, created_at__gt=now - CHAT_RATE_WINDOW).count()
        if recent >= CHAT_RATE_COUNT:
            raise LiveError(
                "rate_limited",
                _("Bạn gửi quá nhanh: tối đa %(count)s tin nhắn trong %(seconds)s giây.")
                % {"count": CHAT_RATE_COUNT, "seconds": int(CHAT_RATE_WINDOW.total_seconds())},
                status=429,
            )
    if _contains_banned(body, session.banned_word_list()):
        raise LiveError("banned_word", _("Tin nhắn chứa từ không được phép trong phiên này."))
    claims.check_host_chat(body, host=moderator)  # forbidden health claims: held, the host told why
    message = ChatMessage.objects.create(session=session, user=user, body=body)
    frame = selectors.chat_frame(message)
    broadcast(session.pk, frame)
    return frame


def chat_hide(*, session_id, user, message_id):
    session = _session(session_id)
    _require_host(user, session)
    try:
        message = ChatMessage.objects.get(pk=_object_id(message_id), session=session)
    except ChatMessage.DoesNotExist:
        raise LiveError("unknown_message", _("Không tìm thấy tin nhắn."), status=404)
    message.is_hidden = True
    message.hidden_by = user
    message.save(update_fields=["is_hidden", "hidden_by"])
    broadcast(session.pk, {"type": "chat_hidden", "id": message.pk})
    return message


def user_mute(*, session_id, user, target_user_id, minutes):
    session = _session(session_id)
    _require_host(user, session)
    minutes = _positive_int(
        minutes, "invalid_minutes", _("Thời gian khoá phải từ 1 đến %(max)s phút.") % {"max": MAX_MUTE_MINUTES},
        MAX_MUTE_MINUTES,
    )
    User = user.__class__
    try:
        target = User.objects.get(pk=_object_id(target_user_id))
    except User.DoesNotExist:
        raise LiveError("unknown_user", _("Không tìm thấy người dùng."), status=404)
    if selectors.can_host(target, session):
        raise LiveError("cannot_mute_host", _("Không thể khoá người điều hành phiên."))
    until = timezone.now() + datetime.timedelta(minutes=minutes)
    ChatMute.objects.update_or_create(session=session, user=target, defaults={"muted_until": until, "muted_by": user})
    return {"type": "muted", "user_id": target.pk, "until": until.isoformat()}


def chat_message_author(*, message_id, session_id):
    message_id = _object_id(message_id)
    if message_id is None:
        return None
    return ChatMessage.objects.filter(pk=message_id, session_id=session_id).values_list("user_id", flat=True).first()


def reaction_send(*, session_id, user, kind):
    _require_login(user)
    if not isinstance(kind, str) or kind not in REACTIONS:
        raise LiveError("invalid_reaction", _("Biểu tượng cảm xúc không hợp lệ."))
    key = f"live:{session_id}:react:{user.pk}"
    if not cache.add(key, 1, timeout=1):
        raise LiveError("rate_limited", _("Bạn thả cảm xúc quá nhanh."), status=429)
    session = _session(session_id)
    _require_live(session)
    frame = {"type": "reaction", "kind": kind}
    send_now(session.pk, frame)
    return frame


# --- viewers -------------------------------------------------------------------


def viewers_change(*, session_id, delta):
    key = f"live:{session_id}:viewers"
    cache.add(key, 0, timeout=None)
    try:
        return cache.incr(key, delta)
    except ValueError:
        cache.set(key, max(0, delta), timeout=None)
        return max(0, delta)


def viewers_broadcast_due(*, session_id):
    """At most one viewer-count broadcast per second per session (across processes when
    the cache is Redis). True if this caller should broadcast now."""
    return cache.add(f"live:{session_id}:viewers:tick", 1, timeout=1)


# --- buying --------------------------------------------------------------------


def live_buy(*, session_id, featured_id, user, basket, quantity=1):
    """'Mua ngay' on the pinned card: add to the basket at the live price while the offer
    runs (cap and per-buyer limit enforced under a row lock), else at the regular price."""
    _require_login(user)
    quantity = _positive_int(quantity, "invalid_quantity", _("Số lượng không hợp lệ."), 99)
    session = _session(session_id)
    _require_live(session)
    featured = _featured(session, featured_id)
    with transaction.atomic():
        featured = locks.lock_featured(featured.pk)
        product = featured.product
        reason = off_sale_reason(product)
        if reason:
            gate_enforce(session_id=session.pk)
            raise LiveError("not_certified", reason)
        info = basket.strategy.fetch_for_product(product)
        permitted, reason = info.availability.is_purchase_permitted(quantity)
        if not permitted:
            raise LiveError("unavailable", str(reason))
        live = selectors.offer_running(featured)
        if live:
            if featured.per_buyer_limit:
                bought = (
                    LiveReservation.objects.filter(featured=featured, user=user).aggregate(total=Sum("quantity"))[
                        "total"
                    ]
                    or 0
                )
                if bought + quantity > featured.per_buyer_limit:
                    raise LiveError(
                        "buyer_limit",
                        _("Mỗi người chỉ được mua tối đa %(limit)s sản phẩm giá live.")
                        % {"limit": featured.per_buyer_limit},
                    )
            if not stock.live_cap_take(featured=featured, quantity=quantity):
                raise LiveError("sold_out", _("Đã hết suất giá live cho sản phẩm này."), status=409)
            if not basket.pk:
                basket.save()
            LiveReservation.objects.create(
                featured=featured, user=user, basket=basket, quantity=quantity, price=featured.live_price
            )
            line, _created = basket.add_product(
                product, quantity, options=[{"option": live_option(), "value": str(session.pk)}]
            )
            broadcast(
                session.pk,
                {
                    "type": "stock",
                    "featured_id": featured.pk,
                    "remaining": featured.remaining,
                    "sold": featured.sold_quantity,
                },
            )
            if featured.remaining == 0:
                broadcast(
                    session.pk, {"type": "offer", "state": "ended", "product": selectors.featured_card(featured)}
                )
        else:
            line, _created = basket.add_product(product, quantity)
    basket.reset_offer_applications()
    line = basket.lines.get(pk=line.pk)
    line.basket = basket
    message = _("Đã thêm %(title)s vào giỏ hàng.") % {"title": product.get_title()}
    if not live and featured.quantity_cap is not None and featured.remaining == 0:
        message = _("Đã hết suất giá live: đã thêm %(title)s với giá thường.") % {"title": product.get_title()}
    return {
        "ok": True,
        "live_price": live,
        "unit_price": int(line.unit_price_incl_tax),
        "quantity": line.quantity,
        "basket_lines": basket.num_items,
        "message": message,
    }


# --- reminders -----------------------------------------------------------------


def reminder_subscribe(*, session_id, user):
    _require_login(user)
    session = _session(session_id)
    if session.status != LiveSession.Status.SCHEDULED:
        raise LiveError("bad_status", _("Chỉ đặt nhắc cho phiên sắp diễn ra."))
    if not user.email:
        raise LiveError("no_email", _("Tài khoản của bạn chưa có email để nhận lời nhắc."))
    reminder, _created = LiveReminder.objects.get_or_create(session=session, user=user)
    return reminder


def _going_live_message(session):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    url = base + reverse("livestream:detail", args=[session.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Đang phát trực tiếp: %(title)s") % {"title": session.title}
        message = _("%(partner)s đang bán hàng trực tiếp. Xem ngay: %(url)s") % {"partner": session.partner.name, "url": url}
    return subject, message


def reminders_send(*, session_id, batch=1000):
    """Record an e-mail for everyone who asked 'nhắc tôi' (each once: the reminder is marked and
    the e-mail is keyed by session and user, the key the follower e-mails share, so a follower
    who also asked for a reminder gets one e-mail). Returns how many were recorded."""
    from background.services import mails_enqueue

    session = _session(session_id)
    subject, message = _going_live_message(session)
    sent = 0
    while True:
        with transaction.atomic():
            reminders = list(
                LiveReminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(session=session, sent_at__isnull=True)
                .select_related("user").order_by("pk")[:batch]
            )
            if not reminders:
                break
            mails_enqueue([
                {"key": f"live:{session.pk}:user:{reminder.user_id}", "to": reminder.user.email,
                 "subject": subject, "body": message}
                for reminder in reminders
            ])
            LiveReminder.objects.filter(pk__in=[reminder.pk for reminder in reminders]).update(sent_at=timezone.now())
            sent += len(reminders)
    return sent


def going_live_mail(*, session_id):
    """Worker (background job, once per session going live): the 'nhắc tôi' subscribers, then the
    producer's followers, in batches; each batch is sent by the workers as soon as it is recorded."""
    from shops.services import followers_mail

    reminders_send(session_id=session_id)
    session = _session(session_id)
    subject, message = _going_live_message(session)
    followers_mail(partner_id=session.partner_id, subject=subject, message=message, event=f"live:{session.pk}")
