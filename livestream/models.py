"""Live sale sessions (bán hàng tương tác trực tiếp).

State lives here (sessions, featured products and their live caps, chat, mutes, pin
markers, reminders); the channel layer only carries fan-out. Writes go through
`livestream.services`, reads through `livestream.selectors`, every row lock through
`livestream.locks`.
"""
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.money import validate_whole_dong


class LiveSession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Sắp diễn ra")
        LIVE = "live", _("Đang phát trực tiếp")
        ENDED = "ended", _("Đã kết thúc")
        CANCELLED = "cancelled", _("Đã huỷ")

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="live_sessions", verbose_name=_("nhà sản xuất")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    description = models.TextField(_("mô tả"), blank=True)
    scheduled_start = models.DateTimeField(_("thời gian bắt đầu"))
    cover = models.ImageField(_("ảnh bìa"), upload_to="live/covers/", blank=True)
    stream_url = models.URLField(_("đường dẫn HLS (.m3u8)"), max_length=500, blank=True)
    embed_url = models.URLField(_("đường dẫn nhúng (YouTube, Facebook…)"), max_length=500, blank=True)
    replay_url = models.URLField(_("đường dẫn xem lại"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    banned_words = models.TextField(
        _("từ bị cấm trong trò chuyện"), blank=True, help_text=_("Mỗi dòng một từ hoặc cụm từ.")
    )
    pinned = models.ForeignKey(
        "livestream.FeaturedProduct", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiên live")
        verbose_name_plural = _("phiên live")
        ordering = ["-scheduled_start", "-pk"]
        permissions = [("host_any_session", _("Tổ chức và điều hành mọi phiên live"))]
        indexes = [models.Index(fields=["status", "scheduled_start"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("livestream:detail", args=[self.pk])

    @property
    def is_live(self):
        return self.status == self.Status.LIVE

    @property
    def is_ended(self):
        return self.status == self.Status.ENDED

    def banned_word_list(self):
        return [word.strip().lower() for word in self.banned_words.splitlines() if word.strip()]


class FeaturedProduct(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="featured")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("sản phẩm"))
    position = models.PositiveSmallIntegerField(default=0)
    live_price = models.DecimalField(
        _("giá live"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[validate_whole_dong, MinValueValidator(1)],
    )
    quantity_cap = models.PositiveIntegerField(
        _("số lượng bán giá live"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    per_buyer_limit = models.PositiveIntegerField(
        _("tối đa mỗi người mua"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    sold_quantity = models.PositiveIntegerField(_("đã bán giá live"), default=0)
    offer_started_at = models.DateTimeField(null=True, blank=True)
    offer_ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sản phẩm trong phiên live")
        verbose_name_plural = _("sản phẩm trong phiên live")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "product"], name="live_featured_unique_product")]

    def __str__(self):
        return f"{self.session_id}: {self.product_id}"

    @property
    def remaining(self):
        if self.quantity_cap is None:
            return None
        return max(0, self.quantity_cap - self.sold_quantity)


class LiveReservation(models.Model):
    """Units bought at the live price: counts against the cap and the per-buyer limit,
    and is what lets `Strategy.fetch_for_line` price the basket line at the live price."""

    featured = models.ForeignKey(FeaturedProduct, on_delete=models.CASCADE, related_name="reservations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    basket = models.ForeignKey("basket.Basket", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(default=1)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["featured", "user"]), models.Index(fields=["featured", "basket"])]


class ChatMessage(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="messages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    is_hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["session", "created_at"]),
            models.Index(fields=["session", "user", "created_at"]),
        ]


class ChatMute(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    muted_until = models.DateTimeField()
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="live_mute_unique_user")]


class PinMarker(models.Model):
    """When a product was pinned: the replay shows a marker at that offset."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="pin_markers")
    featured = models.ForeignKey(FeaturedProduct, on_delete=models.CASCADE, related_name="+")
    pinned_at = models.DateTimeField()

    class Meta:
        ordering = ["pinned_at", "pk"]

    @property
    def offset_seconds(self):
        if not self.session.started_at:
            return 0
        return max(0, int((self.pinned_at - self.session.started_at).total_seconds()))


class LiveReminder(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="live_reminder_unique_user")]


class LiveStream(models.Model):
    """Our own ingest for a session (WHIP → media process → HLS), one per session.

    The web process writes the offer and reads the answer; the media process (`manage.py
    live_media`) negotiates, writes segments and playlists, and keeps `state` and
    `heartbeat_at` current. The two processes talk only through this row.
    """

    class State(models.TextChoices):
        IDLE = "idle", _("Chưa phát")
        CONNECTING = "connecting", _("Đang kết nối")
        LIVE = "live", _("Đang phát")
        RECONNECTING = "reconnecting", _("Đang kết nối lại")
        ENDED = "ended", _("Đã kết thúc")

    session = models.OneToOneField(LiveSession, on_delete=models.CASCADE, related_name="stream")
    token_nonce = models.CharField(max_length=32, blank=True)  # the bearer token is an HMAC of it
    token_created_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.IDLE)
    # The current WHIP resource (publisher): its id, the offer it sent, the answer it got.
    resource = models.CharField(max_length=32, blank=True, db_index=True)
    offer_sdp = models.TextField(blank=True)
    answer_sdp = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    stop_requested = models.BooleanField(default=False)
    requested_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    disconnected_at = models.DateTimeField(null=True, blank=True)
    # What the media process made of it (figures for the host and the benchmark).
    video_codec = models.CharField(max_length=16, blank=True)
    audio_codec = models.CharField(max_length=16, blank=True)
    mode = models.CharField(max_length=16, blank=True)  # "remux" or "transcode"
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    segment_count = models.PositiveIntegerField(default=0)
    duration = models.FloatField(default=0)
    bytes_written = models.BigIntegerField(default=0)
    # The recording: a VOD playlist of the same segments (no second encode) and a poster.
    folder = models.CharField(max_length=200, blank=True)
    recording_ready = models.BooleanField(default=False)
    recording_deleted_at = models.DateTimeField(null=True, blank=True)
    poster = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("luồng video của phiên")
        verbose_name_plural = _("luồng video của phiên")

    def __str__(self):
        return f"{self.session_id}: {self.state}"
