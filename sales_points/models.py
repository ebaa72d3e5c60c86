"""Official OCOP sales points (Decision 736/QĐ-UBND, Bắc Kạn): the point, its opening hours,
photos, the OCOP products it stocks, and the appraisal history."""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sales_points import communes


class SalesPointQuerySet(models.QuerySet):
    def recognised(self):
        return self.filter(status=SalesPoint.Status.APPROVED)


class SalesPoint(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Chờ thẩm định")
        CHANGES_REQUESTED = "changes_requested", _("Cần bổ sung")
        APPROVED = "approved", _("Đã công nhận")
        REJECTED = "rejected", _("Không công nhận")
        SUSPENDED = "suspended", _("Tạm đình chỉ")
        REVOKED = "revoked", _("Đã thu hồi công nhận")

    class SiteKind(models.TextChoices):
        TOURIST_SITE = "tourist_site", _("Điểm du lịch")
        STATION = "station", _("Nhà ga, bến xe, trạm dừng nghỉ")
        MARKET = "market", _("Chợ")
        SUPERMARKET = "supermarket", _("Siêu thị, trung tâm thương mại")
        HOTEL = "hotel", _("Khách sạn, nhà hàng")
        SHOP = "shop", _("Cửa hàng")
        FAIR_STALL = "fair_stall", _("Gian hàng hội chợ")
        CRAFT_VILLAGE = "craft_village", _("Làng nghề")
        OTHER = "other", _("Khác")

    class OperatorKind(models.TextChoices):
        ORGANISATION = "organisation", _("Tổ chức")
        PERSON = "person", _("Cá nhân")

    name = models.CharField(_("tên điểm bán"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True)
    operator_name = models.CharField(_("tổ chức/cá nhân vận hành"), max_length=200)
    operator_kind = models.CharField(
        _("loại chủ thể"), max_length=16, choices=OperatorKind.choices, default=OperatorKind.ORGANISATION
    )
    contact_email = models.EmailField(_("email liên hệ"))
    phone = models.CharField(_("điện thoại"), max_length=20)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sales_point_applications",
        verbose_name=_("người đăng ký"),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="managed_sales_points", blank=True, verbose_name=_("nhân viên điểm bán")
    )
    commune_code = models.PositiveIntegerField(
        _("xã/phường (trước 07/2025)"), help_text=_("Mã đơn vị hành chính của Bắc Kạn trước 07/2025")
    )
    new_ward_code = models.PositiveIntegerField(
        _("xã/phường hiện nay (tỉnh Thái Nguyên)"),
        null=True,
        blank=True,
        help_text=_("Đơn vị hành chính từ 07/2025 (hai cấp)"),
    )
    street = models.CharField(_("số nhà, đường, thôn/bản"), max_length=255)
    latitude = models.DecimalField(
        _("vĩ độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("kinh độ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    site_kind = models.CharField(_("loại địa điểm"), max_length=20, choices=SiteKind.choices)
    floor_area_m2 = models.DecimalField(
        _("diện tích (m²)"), max_digits=7, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    local_item_kinds = models.PositiveIntegerField(
        _("số mặt hàng địa phương khác (không phải OCOP)"), default=0
    )
    other_item_kinds = models.PositiveIntegerField(_("số mặt hàng khác"), default=0)
    stamps_confirmed = models.BooleanField(
        _("mỗi sản phẩm OCOP đều có tem OCOP và tem truy xuất nguồn gốc"), default=False
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    pickup_enabled = models.BooleanField(_("nhận đơn đặt trước, lấy tại điểm bán"), default=False)
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sales_point",
        verbose_name=_("đối tác bán hàng (Oscar)"),
        help_text=_("Hàng nhận tại điểm bán là hàng và giá của chính điểm bán: kho của đối tác này."),
    )
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SalesPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm bán OCOP")
        verbose_name_plural = _("điểm bán OCOP")
        ordering = ["name", "pk"]
        permissions = [("appraise_salespoint", _("Thẩm định và công nhận điểm bán OCOP"))]
        indexes = [models.Index(fields=["status", "commune_code"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sales_points:detail", kwargs={"slug": self.slug})

    @property
    def is_recognised(self):
        return self.status == self.Status.APPROVED

    @property
    def is_editable_by_applicant(self):
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def commune_name(self):
        return communes.commune_name(self.commune_code)

    @property
    def district_name(self):
        return communes.district_name(self.commune_code)

    @property
    def new_ward_name(self):
        return communes.new_ward_name(self.new_ward_code)

    def place_label(self):
        return communes.place_label(self.commune_code, self.new_ward_code)

    def address(self):
        return ", ".join(part for part in (self.street, self.commune_name, self.district_name) if part)

    def directions_url(self):
        if not self.has_location:
            return ""
        return (
            "https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route=%3B"
            f"{self.latitude}%2C{self.longitude}#map=15/{self.latitude}/{self.longitude}"
        )

    def is_open_at(self, moment=None):
        """Open now? Hours are local (Asia/Ho_Chi_Minh, the project's TIME_ZONE)."""
        moment = timezone.localtime(moment or timezone.now())
        now = moment.time()
        return any(
            period.opens <= now < period.closes
            for period in self.opening_periods.all()
            if period.weekday == moment.weekday()
        )


class OpeningPeriod(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Thứ Hai")
        TUESDAY = 1, _("Thứ Ba")
        WEDNESDAY = 2, _("Thứ Tư")
        THURSDAY = 3, _("Thứ Năm")
        FRIDAY = 4, _("Thứ Sáu")
        SATURDAY = 5, _("Thứ Bảy")
        SUNDAY = 6, _("Chủ Nhật")

    point = models.ForeignKey(SalesPoint, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=Weekday.choices)
    opens = models.TimeField(_("mở cửa"))
    closes = models.TimeField(_("đóng cửa"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="sp_hours_order")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


def photo_path(instance, filename):
    return f"sales_points/{instance.point_id}/{filename}"


class SalesPointPhoto(models.Model):
    point = models.ForeignKey(SalesPoint, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("ảnh"), upload_to=photo_path)
    caption = models.CharField(_("chú thích"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class SalesPointListing(models.Model):
    """An OCOP product the point carries, with its price at the point and its stock."""

    point = models.ForeignKey(SalesPoint, on_delete=models.CASCADE, related_name="listings")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="sales_point_listings", verbose_name=_("sản phẩm")
    )
    price = models.DecimalField(
        _("giá tại điểm bán"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    quantity = models.PositiveIntegerField(_("số lượng"), null=True, blank=True)
    in_stock = models.BooleanField(_("còn hàng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)

    class Meta:
        ordering = ["product__title", "pk"]
        constraints = [models.UniqueConstraint(fields=["point", "product"], name="sp_listing_unique_product")]

    def __str__(self):
        return f"{self.point} – {self.product}"

    @property
    def is_available(self):
        return self.in_stock and (self.quantity is None or self.quantity > 0)


class AppraisalEvent(models.Model):
    """Every change of a point's status (and its registration), who made it and why."""

    point = models.ForeignKey(SalesPoint, on_delete=models.CASCADE, related_name="appraisal_events")
    from_status = models.CharField(max_length=20, choices=SalesPoint.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=SalesPoint.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("lý do / ghi chú"), blank=True)
    decision_number = models.CharField(max_length=64, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.point}: {self.from_status or '∅'} → {self.to_status}"


class StockEdit(models.Model):
    """One stock edit sent by the point's staff page, possibly made offline and sent later.

    `client_id` is generated by the browser for each edit: a second delivery of the same id
    (a retry, the service worker and the page flushing the queue at once) is answered from this
    row and never applied again. The edit carries what the staff member saw (`seen_*`) so the
    server applies it as a change relative to that (see `services.listing_apply_edit`).
    """

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Đã áp dụng")
        REJECTED = "rejected", _("Bị từ chối")

    client_id = models.UUIDField(unique=True)
    point = models.ForeignKey(SalesPoint, on_delete=models.CASCADE, related_name="stock_edits")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(_("thực hiện lúc"))
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    seen_quantity = models.IntegerField(null=True, blank=True)
    quantity = models.IntegerField(null=True, blank=True)
    seen_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    seen_in_stock = models.BooleanField(null=True)
    in_stock = models.BooleanField(null=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    found_quantity = models.IntegerField(null=True, blank=True)  # on the server when the edit arrived
    result_quantity = models.IntegerField(null=True, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["made_at", "pk"]
        indexes = [models.Index(fields=["point", "made_at"])]

    def __str__(self):
        return f"{self.point} – {self.product_id} @ {self.made_at:%d/%m/%Y %H:%M}"

    @property
    def moved(self):
        """The numbers moved on the server between what the staff member saw and the edit's arrival."""
        return self.seen_quantity is not None and self.found_quantity is not None and self.seen_quantity != self.found_quantity


def new_pickup_code():
    from marketplace.order.models import new_voucher_code  # one alphabet for codes read aloud at a counter

    return new_voucher_code()


class PickupReservation(models.Model):
    """Click & collect: the part of an order a shopper collects at a sales point (one parcel of the
    order, fulfilled from the point's own stock), with the code shown at the counter."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Đã đặt, chờ chuẩn bị")
        READY = "ready", _("Sẵn sàng")
        COLLECTED = "collected", _("Đã nhận")
        CANCELLED = "cancelled", _("Đã hủy")

    parcel = models.OneToOneField("order.Parcel", on_delete=models.CASCADE, related_name="pickup")
    point = models.ForeignKey(SalesPoint, on_delete=models.PROTECT, related_name="reservations")
    code = models.CharField(_("mã nhận hàng"), max_length=16, unique=True, default=new_pickup_code)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.RESERVED)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("giữ hàng đến"))
    ready_at = models.DateTimeField(null=True, blank=True)
    collected_at = models.DateTimeField(null=True, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("đơn nhận tại điểm bán")
        verbose_name_plural = _("đơn nhận tại điểm bán")
        ordering = ["expires_at", "pk"]
        indexes = [models.Index(fields=["status", "expires_at"]), models.Index(fields=["point", "status"])]

    def __str__(self):
        return f"{self.point} – {self.code}"

    @property
    def is_open(self):
        return self.status in (self.Status.RESERVED, self.Status.READY)
