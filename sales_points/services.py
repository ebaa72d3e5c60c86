"""Writes for sales points: registration, the appraisal state machine, stock updates and CSV import."""
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from oscar.core.loading import get_model

from background.services import mail_enqueue
from marketplace.csv_safe import read_rows
from marketplace.money import parse_dong
from marketplace.partner.strategy import is_on_sale
from sales_points import locks, selectors
from sales_points.models import (
    AppraisalEvent,
    PickupReservation,
    OpeningPeriod,
    SalesPoint,
    SalesPointListing,
    SalesPointPhoto,
    StockEdit,
)
from sales_points.permissions import can_appraise, can_manage_point
from search.folding import slug as fold_slug

Product = get_model("catalogue", "Product")
S = SalesPoint.Status

# Who may move a point from one status to another. No jump from draft to approved.
APPLICANT_TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED),
    (S.CHANGES_REQUESTED, S.SUBMITTED),
}
STAFF_TRANSITIONS = {
    (S.SUBMITTED, S.APPROVED),
    (S.SUBMITTED, S.CHANGES_REQUESTED),
    (S.SUBMITTED, S.REJECTED),
    (S.APPROVED, S.SUSPENDED),
    (S.APPROVED, S.REVOKED),
    (S.SUSPENDED, S.APPROVED),
    (S.SUSPENDED, S.REVOKED),
}


RESERVED_SLUGS = {"register", "mine", "pickup", "collect"}


class TransitionError(ValidationError):
    pass


def _unique_slug(name):
    base = fold_slug(name)[:200] or "diem-ban"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or SalesPoint.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _record(point, *, actor, from_status, to_status, reason="", decision_number="", decision_date=None):
    return AppraisalEvent.objects.create(
        point=point,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
        decision_number=decision_number,
        decision_date=decision_date,
    )


def _notify_applicant(point, event):
    """Email the applicant (and the point's contact address) about a step, after the commit."""
    recipients = sorted({email for email in (point.contact_email, getattr(point.applicant, "email", "")) if email})
    if not recipients:
        return
    with override("vi"):
        context = {
            "point": point,
            "event": event,
            "status_label": S(event.to_status).label,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("sales_points:mine"),
        }
        subject = _("[Điểm bán OCOP] %(name)s: %(status)s") % {"name": point.name, "status": context["status_label"]}
        body = render_to_string("sales_points/email/status_changed.txt", context)
    mail_enqueue(key=f"sales-point:{point.pk}:event:{event.pk}", to=recipients, subject=subject, body=body)


def sales_point_save(*, point, actor, product_ids, hours, photos=()):
    """Create or update an application (a draft, or one sent back for changes) with its products,
    opening hours and new photos. Saving never requires the criteria to be met."""
    if point.pk:
        if not can_manage_point(actor, point):
            raise PermissionDenied
        point = _refresh_editable(point)
    creating = point.pk is None
    if creating:
        point.slug = _unique_slug(point.name)
        point.applicant = actor
        point.status = S.DRAFT
    point.full_clean(exclude=["slug"] if creating else None)
    point.save()
    if creating:
        point.managers.add(actor)
        _record(point, actor=actor, from_status="", to_status=S.DRAFT, reason=_("Tạo hồ sơ đăng ký"))

    wanted = {int(pk) for pk in product_ids}
    allowed = set(Product.objects.certified().filter(pk__in=wanted).values_list("pk", flat=True))
    point.listings.exclude(product_id__in=allowed).delete()
    existing = set(point.listings.values_list("product_id", flat=True))
    SalesPointListing.objects.bulk_create(
        [SalesPointListing(point=point, product_id=pk, in_stock=False) for pk in sorted(allowed - existing)]
    )

    point.opening_periods.all().delete()
    OpeningPeriod.objects.bulk_create(
        [OpeningPeriod(point=point, weekday=weekday, opens=opens, closes=closes) for weekday, opens, closes in hours]
    )
    for upload in photos:
        SalesPointPhoto.objects.create(point=point, image=upload)
    return point


def _refresh_editable(point):
    locked = locks.lock_point(point.pk)
    if not locked.is_editable_by_applicant:
        raise TransitionError(_("Hồ sơ đang ở trạng thái “%(status)s”, không sửa được.") % {"status": locked.get_status_display()})
    # Keep the form's field values on the instance but the locked status.
    point.status = locked.status
    return point


def _transition(point, *, actor, to, reason="", decision_number="", decision_date=None, staff, only_from=None):
    locked = locks.lock_point(point.pk)
    pair = (locked.status, to)
    allowed = STAFF_TRANSITIONS if staff else APPLICANT_TRANSITIONS
    if pair not in allowed or (only_from and locked.status not in only_from):
        raise TransitionError(
            _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
            % {"from": S(locked.status).label, "to": S(to).label}
        )
    from_status = locked.status
    locked.status = to
    fields = ["status", "updated_at"]
    if to == S.SUBMITTED:
        locked.submitted_at = timezone.now()
        fields.append("submitted_at")
    if to == S.APPROVED and decision_number:
        locked.decision_number, locked.decision_date = decision_number, decision_date
        fields += ["decision_number", "decision_date"]
    locked.save(update_fields=fields)
    event = _record(
        locked,
        actor=actor,
        from_status=from_status,
        to_status=to,
        reason=reason,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    _notify_applicant(locked, event)
    if point is not locked:
        point.refresh_from_db()
    return locked


def _require_staff(actor):
    if not can_appraise(actor):
        raise PermissionDenied(_("Chỉ cán bộ thẩm định được thực hiện thao tác này."))


def _require_reason(reason):
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Vui lòng nêu lý do.")})
    return reason.strip()


@transaction.atomic
def sales_point_submit(*, point, actor):
    """The applicant sends the application for appraisal: the confirmed criteria must be met."""
    if not can_manage_point(actor, point):
        raise PermissionDenied
    report = selectors.point_criteria(point)
    if not report.is_met:
        raise TransitionError([criterion.detail for criterion in report.unmet])
    return _transition(point, actor=actor, to=S.SUBMITTED, staff=False)


@transaction.atomic
def sales_point_approve(*, point, actor, decision_number, decision_date, reason=""):
    _require_staff(actor)
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Vui lòng nhập số quyết định công nhận.")
    if not decision_date:
        errors["decision_date"] = _("Vui lòng nhập ngày quyết định.")
    elif decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày quyết định không được ở tương lai.")
    if errors:
        raise ValidationError(errors)
    if not selectors.point_criteria(point).is_met:
        raise TransitionError(_("Hồ sơ chưa đạt các tiêu chí đã xác nhận của Quyết định 736."))
    return _transition(
        point,
        actor=actor,
        to=S.APPROVED,
        reason=reason,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        staff=True,
        only_from={S.SUBMITTED},
    )


@transaction.atomic
def sales_point_request_changes(*, point, actor, reason):
    _require_staff(actor)
    return _transition(point, actor=actor, to=S.CHANGES_REQUESTED, reason=_require_reason(reason), staff=True)


@transaction.atomic
def sales_point_reject(*, point, actor, reason):
    _require_staff(actor)
    return _transition(point, actor=actor, to=S.REJECTED, reason=_require_reason(reason), staff=True)


@transaction.atomic
def sales_point_suspend(*, point, actor, reason):
    _require_staff(actor)
    return _transition(point, actor=actor, to=S.SUSPENDED, reason=_require_reason(reason), staff=True)


@transaction.atomic
def sales_point_reinstate(*, point, actor, reason):
    _require_staff(actor)
    return _transition(
        point, actor=actor, to=S.APPROVED, reason=_require_reason(reason), staff=True, only_from={S.SUSPENDED}
    )


@transaction.atomic
def sales_point_revoke(*, point, actor, reason):
    _require_staff(actor)
    return _transition(point, actor=actor, to=S.REVOKED, reason=_require_reason(reason), staff=True)


@transaction.atomic
def sales_point_set_pickup(*, point, actor, enabled):
    """Click & collect: an approved point may accept online orders for pick-up of what it lists in stock."""
    if not can_manage_point(actor, point):
        raise PermissionDenied
    locked = locks.lock_point(point.pk)
    if enabled and locked.status != S.APPROVED:
        raise ValidationError(_("Chỉ điểm bán đã được công nhận mới nhận đơn lấy tại điểm."))
    locked.pickup_enabled = bool(enabled)
    locked.save(update_fields=["pickup_enabled", "updated_at"])
    point.pickup_enabled = locked.pickup_enabled
    if locked.pickup_enabled:
        point_partner_ensure(point=locked)
        for listing in _lock_stock(locked, list(locked.listings.values_list("product_id", flat=True))).values():
            listing.point = locked
            _save_listing(listing, price=listing.price, quantity=listing.quantity, in_stock=listing.in_stock)
    elif locked.partner_id:
        # No new pick-up orders: nothing left to sell on the point's records (reservations stay allocated).
        StockRecord = get_model("partner", "StockRecord")
        for record in StockRecord.objects.filter(partner_id=locked.partner_id):
            record.num_in_stock = record.num_allocated or 0
            record.save(update_fields=["num_in_stock"])
    return locked


def sales_point_add_manager(*, point, actor, user):
    if not (can_manage_point(actor, point) or can_appraise(actor)):
        raise PermissionDenied
    point.managers.add(user)


# --- Stock -------------------------------------------------------------------------------


@transaction.atomic
def listing_update(*, point, actor, product, price=None, quantity=None, in_stock=True):
    """The point's staff set price and stock of one product (only certified products can be listed)."""
    if not can_manage_point(actor, point):
        raise PermissionDenied
    if not is_on_sale(product):
        raise ValidationError(_("“%(title)s” không còn chứng nhận OCOP hiệu lực.") % {"title": product.title})
    if quantity is not None and quantity < 0:
        raise ValidationError(_("Số lượng không được âm."))
    listing = _lock_stock(point, [product.pk]).get(product.pk) or SalesPointListing(point=point, product=product)
    return _save_listing(listing, price=price, quantity=quantity, in_stock=in_stock)


def _lock_stock(point, product_ids):
    """Lock the point's stock records (click & collect) before its listings: the order's stock path
    locks records first too, so the two never wait on each other in opposite order."""
    if point.partner_id:
        from marketplace import stock

        StockRecord = get_model("partner", "StockRecord")
        stock.lock(
            StockRecord.objects.filter(partner_id=point.partner_id, product_id__in=product_ids).values_list("pk", flat=True)
        )
    return locks.lock_listings(point, product_ids)


def _save_listing(listing, *, price, quantity, in_stock):
    """The one place a listing's price and stock are written: "in stock" needs a quantity above 0.

    A point taking pick-up orders keeps the same count and price on its stock record (what
    checkout allocates from); goods reserved and not yet collected are still on the shelf, so the
    count cannot go below them."""
    StockRecord = get_model("partner", "StockRecord")
    record = None
    if listing.point.partner_id and listing.point.pickup_enabled:
        record = StockRecord.objects.filter(partner_id=listing.point.partner_id, product_id=listing.product_id).first()
        if quantity is not None and record is not None:
            quantity = max(quantity, record.num_allocated or 0)
    listing.price = price
    listing.quantity = quantity
    listing.in_stock = bool(in_stock) and (quantity is None or quantity > 0)
    listing.updated_at = timezone.now()
    listing.save()
    if listing.point.partner_id and listing.point.pickup_enabled:
        record = record or StockRecord(
            partner_id=listing.point.partner_id,
            product_id=listing.product_id,
            partner_sku=selectors.point_sku(listing.point, listing.product),
            num_allocated=0,
        )
        sellable = listing.in_stock and listing.price is not None and quantity is not None
        record.price = listing.price
        record.num_in_stock = quantity if sellable else (record.num_allocated or 0)
        record.save()
    return listing


@dataclass
class EditResult:
    edit: StockEdit
    duplicate: bool = False


def listing_apply_edit(
    *,
    point,
    actor,
    client_id,
    product_id,
    made_at,
    seen_quantity=None,
    quantity=None,
    seen_price=None,
    price=None,
    seen_in_stock=None,
    in_stock=None,
):
    """Apply one edit from the stock page, possibly made offline minutes or hours ago; once per `client_id`.

    The rule for conflicts: an edit is a change relative to what the staff member saw, never an
    overwrite. A quantity typed as 8 where 10 was shown is applied as −2 to the quantity the
    server holds now, so a sale or reservation made online meanwhile (10 → 9) is kept (9 − 2 = 7);
    the result never goes below 0 (the staff member is told when it was clamped). Price and the
    "còn hàng" flag change only when the edit changed them (typed value ≠ seen value). When the
    numbers moved since the staff member saw them, the edit still applies and its message says so.

    A second delivery of the same `client_id` returns the stored result without applying anything.
    """
    if not can_manage_point(actor, point):
        raise PermissionDenied
    existing = StockEdit.objects.filter(client_id=client_id).first()
    if existing is not None:
        return _duplicate(existing, point)
    now = timezone.now()
    made_at = min(made_at or now, now)  # a phone clock ahead of the server cannot date an edit in the future
    try:
        with transaction.atomic():
            listing = _lock_stock(point, [product_id]).get(product_id)
            existing = StockEdit.objects.filter(client_id=client_id).first()  # the lock serialises retries
            if existing is not None:
                return _duplicate(existing, point)
            edit = StockEdit(
                client_id=client_id,
                point=point,
                product_id=product_id,
                actor=actor,
                made_at=made_at,
                received_at=now,
                seen_quantity=seen_quantity,
                quantity=quantity,
                seen_price=seen_price,
                price=price,
                seen_in_stock=seen_in_stock,
                in_stock=in_stock,
            )
            _apply_edit(edit, listing)
            edit.save()
            return EditResult(edit)
    except IntegrityError:  # the same id raced in with another product: answer from the stored row
        return _duplicate(StockEdit.objects.get(client_id=client_id), point)


def _duplicate(edit, point):
    if edit.point_id != point.pk:
        raise PermissionDenied
    return EditResult(edit, duplicate=True)


def _apply_edit(edit, listing):
    if listing is None:
        edit.outcome = StockEdit.Outcome.REJECTED
        edit.message = _("Sản phẩm này không còn trong danh sách của điểm bán.")
        return
    if not is_on_sale(listing.product):
        edit.outcome = StockEdit.Outcome.REJECTED
        edit.found_quantity = edit.result_quantity = listing.quantity
        edit.message = _("“%(title)s” không còn chứng nhận OCOP hiệu lực.") % {"title": listing.product.title}
        return
    if edit.quantity is not None and edit.quantity < 0:
        edit.outcome = StockEdit.Outcome.REJECTED
        edit.found_quantity = edit.result_quantity = listing.quantity
        edit.message = _("Số lượng không được âm.")
        return
    found = edit.found_quantity = listing.quantity
    quantity, messages_ = found, []
    if edit.quantity != edit.seen_quantity:
        if edit.seen_quantity is None or found is None or edit.quantity is None:
            quantity = edit.quantity  # counted from nothing (or stock no longer counted): the count itself
        else:
            delta = edit.quantity - edit.seen_quantity
            quantity = max(0, found + delta)
            if found != edit.seen_quantity:
                messages_.append(
                    _("Số lượng đã thay đổi từ %(seen)s thành %(found)s trong lúc chờ gửi (bán, đặt trước): "
                      "đã áp dụng thay đổi %(delta)+d, còn %(result)s.")
                    % {"seen": edit.seen_quantity, "found": found, "delta": delta, "result": quantity}
                )
            if found + delta < 0:
                messages_.append(_("Không thể xuống dưới 0: đã để 0."))
    price = edit.price if edit.price != edit.seen_price else listing.price
    in_stock = edit.in_stock if edit.in_stock is not None and edit.in_stock != edit.seen_in_stock else listing.in_stock
    if quantity is not None and quantity > 0 and found is not None and found <= 0 and edit.in_stock:
        in_stock = True  # restocked from 0 with "còn hàng" ticked
    _save_listing(listing, price=price, quantity=quantity, in_stock=in_stock)
    edit.outcome = StockEdit.Outcome.APPLIED
    edit.result_quantity = listing.quantity
    edit.message = " ".join(messages_)


def listing_remove(*, point, actor, product):
    if not can_manage_point(actor, point):
        raise PermissionDenied
    point.listings.filter(product=product).delete()


@dataclass
class ImportResult:
    saved: int = 0
    errors: list = field(default_factory=list)  # (line number, message)


CSV_COLUMNS = {
    "upc": ("upc", "ma_san_pham", "mã sản phẩm", "ma"),
    "price": ("price", "gia", "giá"),
    "quantity": ("quantity", "so_luong", "số lượng"),
    "in_stock": ("in_stock", "con_hang", "còn hàng"),
}
YES = {"1", "true", "yes", "co", "có", "x", "con", "còn"}
NO = {"0", "false", "no", "khong", "không", "het", "hết"}


def listings_import_csv(*, point, actor, data):
    """Import stock rows from CSV text (upc, price, quantity, in_stock). Each row is validated
    and saved on its own: a bad row is reported with its line number, the good rows are kept."""
    if not can_manage_point(actor, point):
        raise PermissionDenied
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return ImportResult(errors=[(1, _("Tệp không phải văn bản UTF-8."))])
    rows = read_rows(data.lstrip("\ufeff"))
    result = ImportResult()
    try:
        _line, header, error = next(rows)
    except StopIteration:
        result.errors.append((1, _("Tệp trống.")))
        return result
    if error:
        result.errors.append((1, error))
        return result
    normalised = [column.strip().lower() for column in header]
    positions = {}
    for key, aliases in CSV_COLUMNS.items():
        for index, column in enumerate(normalised):
            if column in aliases:
                positions[key] = index
                break
    if "upc" not in positions:
        result.errors.append((1, _("Thiếu cột mã sản phẩm (upc).")))
        return result

    for line, row, error in rows:
        if error:
            result.errors.append((line, error))
            continue
        if not any(cell.strip() for cell in row):
            continue

        def cell(key):
            index = positions.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            with transaction.atomic():
                upc = cell("upc")
                product = Product.objects.filter(upc=upc).first() if upc else None
                if product is None:
                    raise ValidationError(_("Không tìm thấy sản phẩm có mã “%(upc)s”.") % {"upc": upc})
                price = parse_dong(cell("price"))
                quantity_text = cell("quantity")
                if quantity_text:
                    if not quantity_text.isdigit():
                        raise ValidationError(_("Số lượng “%(value)s” phải là số nguyên không âm.") % {"value": quantity_text})
                    quantity = int(quantity_text)
                else:
                    quantity = None
                flag = cell("in_stock").lower()
                if flag and flag not in YES | NO:
                    raise ValidationError(_("Cột còn hàng chỉ nhận 1/0, có/không."))
                in_stock = flag not in NO
                listing_update(
                    point=point, actor=actor, product=product, price=price, quantity=quantity, in_stock=in_stock
                )
                result.saved += 1
        except ValidationError as error:
            result.errors.append((line, " ".join(error.messages)))
    return result




# --- Click & collect ------------------------------------------------------------------------------
# A point that takes pick-up orders sells through its own Oscar partner: its stock records hold the
# point's stock and price, so an order line collected there is allocated, consumed and released by
# the order's stock path like any other line (marketplace/order → the one stock module), and its
# parcel (fee 0, nothing to ship) appears in the settlement like a producer's.


def point_partner_ensure(*, point):
    """The point's Oscar partner (created once), with the point's staff as its users."""
    Partner = get_model("partner", "Partner")
    locked = locks.lock_point(point.pk)
    if locked.partner_id is None:
        locked.partner = Partner.objects.create(name=point.name[:128], code=f"diem-ban-{point.pk}")
        locked.save(update_fields=["partner", "updated_at"])
    locked.partner.users.add(*point.managers.all())
    point.partner = locked.partner
    return locked.partner


def pickup_reservations_create_for_order(*, order):
    """Called when an order is placed: each parcel of a sales point's partner becomes a reservation
    to collect there (no shipping, no fee), held for SALES_POINT_PICKUP_HOLD_DAYS."""
    import datetime

    Parcel = get_model("order", "Parcel")
    now = timezone.now()
    hold = datetime.timedelta(days=settings.SALES_POINT_PICKUP_HOLD_DAYS)
    created = []
    for parcel in Parcel.objects.filter(order=order, partner__sales_point__isnull=False).select_related(
        "partner__sales_point"
    ):
        parcel.requires_shipping = False
        parcel.shipping_charge = 0
        parcel.save(update_fields=["requires_shipping", "shipping_charge", "updated_at"])
        created.append(
            PickupReservation.objects.create(
                parcel=parcel, point=parcel.partner.sales_point, created_at=now, expires_at=now + hold
            )
        )
    _pickup_email(created, kind="reserved")
    return created


def _pickup_email(reservations, *, kind):
    for reservation in reservations:
        order = reservation.parcel.order
        if not order.email:
            continue
        with override("vi"):
            context = {
                "reservation": reservation,
                "point": reservation.point,
                "order": order,
                "hours": reservation.point.opening_periods.all(),
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("sales_points:pickup", args=[reservation.code]),
            }
            subject = render_to_string(f"sales_points/email/pickup_{kind}_subject.txt", context).strip()
            body = render_to_string(f"sales_points/email/pickup_{kind}.txt", context)
        mail_enqueue(key=f"pickup:{reservation.pk}:{kind}", to=[order.email], subject=subject, body=body)


class PickupError(ValidationError):
    pass


def _require_point_staff(actor, point):
    if not can_manage_point(actor, point):
        raise PermissionDenied(_("Bạn không quản lý điểm bán này."))


@transaction.atomic
def pickup_mark_ready(*, reservation_id, actor):
    """The point's staff have prepared the goods: "sẵn sàng"; the shopper is told by e-mail."""
    from marketplace.order.services import parcel_set_status

    reservation = locks.lock_reservation(reservation_id)
    _require_point_staff(actor, reservation.point)
    if reservation.status != PickupReservation.Status.RESERVED:
        raise PickupError(
            _("Đơn đang ở trạng thái “%(status)s”, không chuyển sang sẵn sàng được.")
            % {"status": reservation.get_status_display()}
        )
    Parcel = get_model("order", "Parcel")
    parcel_set_status(parcel_id=reservation.parcel_id, status=Parcel.Status.CONFIRMED, user=actor)
    reservation.status = PickupReservation.Status.READY
    reservation.ready_at = timezone.now()
    reservation.save(update_fields=["status", "ready_at"])
    _pickup_email([reservation], kind="ready")
    return reservation


def normalise_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


@transaction.atomic
def pickup_collect(*, point, code, actor):
    """The shopper shows the code (typed or scanned) at the counter: "đã nhận", once, at this point only.

    The goods leave stock (allocation consumed) and a "pay at the counter" order counts as paid."""
    from marketplace.order.services import parcel_set_status

    _require_point_staff(actor, point)
    code = normalise_code(code)
    try:
        reservation = locks.lock_reservation_by_code(code)
    except PickupReservation.DoesNotExist:
        raise PickupError(_("Không có đơn nhận hàng nào với mã “%(code)s”.") % {"code": code})
    if reservation.point_id != point.pk:
        raise PickupError(
            _("Mã này là của điểm bán “%(name)s”, không nhận tại điểm này.") % {"name": reservation.point.name}
        )
    if reservation.status == PickupReservation.Status.COLLECTED:
        raise PickupError(
            _("Mã đã được dùng: khách đã nhận hàng lúc %(when)s.")
            % {"when": timezone.localtime(reservation.collected_at).strftime("%H:%M %d/%m/%Y")}
        )
    if reservation.status == PickupReservation.Status.CANCELLED:
        raise PickupError(
            _("Đơn đã bị hủy lúc %(when)s: %(reason)s")
            % {
                "when": timezone.localtime(reservation.cancelled_at).strftime("%H:%M %d/%m/%Y"),
                "reason": reservation.cancel_reason,
            }
        )
    Parcel = get_model("order", "Parcel")
    parcel = reservation.parcel
    if parcel.status == Parcel.Status.CANCELLED:  # the whole order was cancelled (unpaid, staff)
        raise PickupError(_("Đơn hàng này đã bị hủy, không giao hàng."))
    if parcel.status == Parcel.Status.PENDING:
        parcel_set_status(parcel_id=parcel.pk, status=Parcel.Status.CONFIRMED, user=actor)
    parcel_set_status(parcel_id=parcel.pk, status=Parcel.Status.SHIPPED, user=actor)  # leaves stock
    for line in parcel.lines().select_related("stockrecord"):
        if line.stockrecord is not None:  # the shelf count follows the point's stock record
            point.listings.filter(product_id=line.stockrecord.product_id).update(
                quantity=line.stockrecord.num_in_stock, updated_at=timezone.now()
            )
    parcel_set_status(parcel_id=parcel.pk, status=Parcel.Status.DELIVERED, user=actor)  # handed over (COD: paid)
    reservation.status = PickupReservation.Status.COLLECTED
    reservation.collected_at = timezone.now()
    reservation.collected_by = actor
    reservation.save(update_fields=["status", "collected_at", "collected_by"])
    return reservation


def pickups_expire(*, now=None):
    """Cancel the reservations not collected in time and release their stock; returns how many.

    A plain function (the scheduler calls it: `manage.py expire_pickups`); each reservation is
    locked and re-checked on its own, so a collection at the counter at the same moment wins or
    loses cleanly, never both."""
    from marketplace.order.services import parcel_set_status

    now = now or timezone.now()
    Parcel = get_model("order", "Parcel")
    due = list(
        PickupReservation.objects.filter(
            status__in=[PickupReservation.Status.RESERVED, PickupReservation.Status.READY], expires_at__lte=now
        ).values_list("pk", flat=True)
    )
    cancelled = 0
    for pk in due:
        with transaction.atomic():
            reservation = locks.lock_reservation(pk)
            if not reservation.is_open or reservation.expires_at > now:
                continue
            if reservation.parcel.status != Parcel.Status.CANCELLED:  # else already released with its order
                parcel_set_status(parcel_id=reservation.parcel_id, status=Parcel.Status.CANCELLED, user=None)
            reservation.status = PickupReservation.Status.CANCELLED
            reservation.cancelled_at = now
            reservation.cancel_reason = _("Quá hạn nhận hàng (%(days)s ngày).") % {
                "days": settings.SALES_POINT_PICKUP_HOLD_DAYS
            }
            reservation.save(update_fields=["status", "cancelled_at", "cancel_reason"])
            cancelled += 1
    return cancelled


def basket_collect_at_point(*, basket, point, origin=None):
    """The shopper chose "Nhận tại điểm bán" at `point`: the basket lines the point can supply are
    drawn from its stock records (its stock and price); the other lines stay with their producers
    (shipped). One point per basket. Returns how many lines are collected there."""
    option = next((o for o in selectors.pickup_options(basket) if o.point.pk == point.pk), None)
    if option is None:
        raise ValidationError(_("Điểm bán này không nhận đơn cho các sản phẩm trong giỏ của bạn."))
    basket_ship_all(basket=basket)
    for line in basket.all_lines():
        record = option.records.get(line.pk)
        if record is not None:
            _line_use_stockrecord(basket, line, record)
    basket.reset_offer_applications()
    return len(option.records)


def basket_ship_all(*, basket):
    """Back to delivery: every line collected at a point is drawn from its producer again."""
    for line in basket.all_lines():
        if selectors.is_point_stockrecord(line.stockrecord):
            record = basket.strategy.select_stockrecord(line.product)
            if record is not None:
                _line_use_stockrecord(basket, line, record)
    basket.reset_offer_applications()


def _line_use_stockrecord(basket, line, record):
    line.stockrecord = record
    line.line_reference = basket._create_line_reference(line.product, record, [])
    line.save(update_fields=["stockrecord", "line_reference"])
