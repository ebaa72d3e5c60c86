"""Every rule of complaints and returns, in one place (views and forms only call these).

open (shopper, on a delivered line of their own order, within WINDOW_DAYS of delivery)
  → producer_accepted | producer_rejected (the line's producer answers)
  producer_rejected, or open unanswered for PRODUCER_ANSWER_DAYS → escalated (shopper)
  escalated → staff_accepted | staff_rejected (staff with complaints.decide_returnrequest)
  producer_accepted | staff_accepted → refunded (card: Stripe refund at once; COD and VietQR
  transfer: staff record the bank transfer they made) ; open | producer_rejected → closed (shopper)
"""
import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.complaints import locks, notifications, rules
from marketplace.complaints.models import Refund, ReturnEvent, ReturnPhoto, ReturnRequest
from marketplace.money import to_dong

Status = ReturnRequest.Status
Action = ReturnEvent.Action


# --- reads used by the rules --------------------------------------------------------------


def line_parcel(line):
    Parcel = get_model("order", "Parcel")
    return Parcel.objects.filter(order_id=line.order_id, partner_id=line.partner_id).first()


def delivered_at(parcel):
    """When the parcel was marked delivered. Delivered is final, so the parcel's last update is
    that moment (parcel_set_status saves it; nothing moves a delivered parcel again)."""
    Parcel = get_model("order", "Parcel")
    if parcel is None or parcel.status != Parcel.Status.DELIVERED:
        return None
    return parcel.updated_at


def window_closes_at(delivered):
    return delivered + datetime.timedelta(days=rules.WINDOW_DAYS)


def line_paid_amount(line):
    return to_dong(line.line_price_incl_tax)


def line_refunded(line):
    """(quantity, đồng) already refunded on this line by earlier requests."""
    done = ReturnRequest.objects.filter(line=line, status=Status.REFUNDED).aggregate(
        quantity=Sum("quantity"), amount=Sum("refund__amount")
    )
    return int(done["quantity"] or 0), int(done["amount"] or 0)


def refund_amount_for(line, quantity):
    """What `quantity` units of the line cost the shopper (discounts included, shipping not),
    never more than what is left of the line after earlier refunds."""
    paid = line_paid_amount(line)
    amount = to_dong(Decimal(paid) * quantity / line.quantity)
    _qty, refunded = line_refunded(line)
    return max(0, min(amount, paid - refunded))


def user_owns_order(user, order):
    return bool(user is not None and user.is_authenticated and order.user_id and order.user_id == user.pk)


def guest_owns_order(guest_email, order):
    """A guest order is reached through Oscar's order-status link (signed number) plus the order's
    e-mail typed into its form; the views check the link, this checks the e-mail."""
    return bool(order.user_id is None and guest_email and order.guest_email and guest_email == order.guest_email)


def requester_may_act(request, *, user=None, guest_email=None):
    if request.user_id is not None:
        return bool(user is not None and user.is_authenticated and request.user_id == user.pk)
    return guest_owns_order(guest_email, request.order)


def user_is_producer_of(user, request):
    return bool(user.is_authenticated and request.partner.users.filter(pk=user.pk).exists())


def user_can_decide(user):
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm("complaints.decide_returnrequest")))


def open_check(*, line, user, now=None, guest_email=None):
    """Why this user may not open a request on this line now (ValidationError), else the parcel's
    delivery time. The order page uses it to show or hide the link."""
    now = now or timezone.now()
    if not (user_owns_order(user, line.order) or guest_owns_order(guest_email, line.order)):
        raise PermissionDenied
    if line.partner_id is None:
        raise ValidationError(_("Dòng hàng này không còn nhà sản xuất để tiếp nhận khiếu nại."))
    delivered = delivered_at(line_parcel(line))
    if delivered is None:
        raise ValidationError(_("Chỉ gửi được yêu cầu đổi trả cho hàng đã giao."))
    if now > window_closes_at(delivered):
        raise ValidationError(
            _("Đã quá %(days)s ngày kể từ khi nhận hàng (%(date)s); không thể gửi yêu cầu đổi trả.")
            % {"days": rules.WINDOW_DAYS, "date": timezone.localtime(delivered).strftime("%d/%m/%Y %H:%M")}
        )
    if ReturnRequest.objects.filter(line=line).exclude(status__in=ReturnRequest.FINAL).exists():
        raise ValidationError(_("Dòng hàng này đã có một yêu cầu đang xử lý."))
    refunded_qty, _amount = line_refunded(line)
    if refunded_qty >= line.quantity:
        raise ValidationError(_("Toàn bộ số lượng của dòng hàng này đã được hoàn tiền."))
    return delivered


def _event(request, action, actor, note=""):
    return ReturnEvent.objects.create(request=request, action=action, actor=actor, note=note)


# --- writes -------------------------------------------------------------------------------


def request_open(
    *, line_id, user, quantity, reason, description="", photos=(), refund_bank_name="", refund_account_number="",
    refund_account_name="", now=None, guest_email=None,
):
    from shops.images import resized_image_file

    from marketplace.payments.models import Method

    errors = {}
    if reason not in dict(rules.Reason.CHOICES):
        errors["reason"] = _("Hãy chọn một lý do trong danh sách.")
    description = (description or "").strip()
    if len(description) > rules.DESCRIPTION_MAX:
        errors["description"] = _("Mô tả tối đa %(n)s ký tự.") % {"n": rules.DESCRIPTION_MAX}
    photos = list(photos or [])
    if len(photos) < rules.MIN_PHOTOS:
        errors["photos"] = _("Hãy gửi kèm ít nhất %(n)s ảnh chụp sản phẩm.") % {"n": rules.MIN_PHOTOS}
    elif len(photos) > rules.MAX_PHOTOS:
        errors["photos"] = _("Tối đa %(n)s ảnh cho một yêu cầu.") % {"n": rules.MAX_PHOTOS}
    else:
        files = []
        for upload in photos:
            try:
                files.append(resized_image_file(upload, rules.PHOTO_SIZE, name_hint="khieu-nai"))
            except ValidationError as error:
                errors["photos"] = _("Ảnh “%(name)s”: %(error)s") % {"name": upload.name, "error": " ".join(error.messages)}
                break
    with transaction.atomic():
        line = locks.line_for_update(line_id)
        delivered = open_check(line=line, user=user, now=now, guest_email=guest_email)
        if not user_owns_order(user, line.order):
            user = None  # a guest order: the request belongs to the order's e-mail
        refunded_qty, _amount = line_refunded(line)
        left = line.quantity - refunded_qty
        try:
            quantity = int(quantity)
        except (TypeError, ValueError):
            quantity = 0
        if not 1 <= quantity <= left:
            errors["quantity"] = _("Số lượng trả phải từ 1 đến %(n)s.") % {"n": left}
        payment = getattr(line.order, "payment", None)
        bank = {
            "refund_bank_name": (refund_bank_name or "").strip(),
            "refund_account_number": (refund_account_number or "").replace(" ", ""),
            "refund_account_name": (refund_account_name or "").strip(),
        }
        if payment is None or payment.method != Method.CARD:
            for field, value in bank.items():
                if not value:
                    errors[field] = _("Đơn COD và chuyển khoản được hoàn bằng chuyển khoản: hãy nhập đủ thông tin tài khoản.")
            if bank["refund_account_number"] and not bank["refund_account_number"].isdigit():
                errors["refund_account_number"] = _("Số tài khoản chỉ gồm chữ số.")
        if errors:
            raise ValidationError(errors)
        try:
            with transaction.atomic():
                request = ReturnRequest.objects.create(
                    line=line, order=line.order, partner=line.partner, user=user, quantity=quantity, reason=reason,
                    description=description, refund_amount=refund_amount_for(line, quantity), delivered_at=delivered,
                    **bank,
                )
        except IntegrityError:
            raise ValidationError(_("Dòng hàng này đã có một yêu cầu đang xử lý."))
        for content in files:
            photo = ReturnPhoto(request=request)
            photo.image.save(content.name, content, save=True)
        _event(request, Action.OPENED, user, description)
        notifications.producer_notify(request=request)
    return request


def request_answer(*, request_id, user, accept, answer=""):
    """The line's producer accepts (a refund follows) or rejects with a reason."""
    answer = (answer or "").strip()
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        if not user_is_producer_of(user, request):
            raise PermissionDenied
        if request.status != Status.OPEN:
            raise ValidationError(_("Yêu cầu này đã được trả lời hoặc đã đóng."))
        if not accept and not answer:
            raise ValidationError({"answer": _("Khi từ chối, hãy ghi rõ lý do cho người mua.")})
        now = timezone.now()
        request.status = Status.PRODUCER_ACCEPTED if accept else Status.PRODUCER_REJECTED
        request.producer_answer = answer
        request.answered_at = now
        if accept:
            request.accepted_at = now
        request.save()
        _event(request, Action.PRODUCER_ACCEPTED if accept else Action.PRODUCER_REJECTED, user, answer)
        notifications.customer_notify(request=request, kind="answered")
    if accept:
        _refund_card_if_possible(request_id=request.pk, user=user)
    return request


def can_escalate(request, now=None):
    now = now or timezone.now()
    if request.status == Status.PRODUCER_REJECTED:
        return True
    return request.status == Status.OPEN and now >= request.created_at + datetime.timedelta(days=rules.PRODUCER_ANSWER_DAYS)


def request_escalate(*, request_id, user, note="", now=None, guest_email=None):
    """The shopper disagrees with the producer (or got no answer in time): staff decide."""
    note = (note or "").strip()
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        if not requester_may_act(request, user=user, guest_email=guest_email):
            raise PermissionDenied
        if not can_escalate(request, now):
            raise ValidationError(
                _("Chỉ chuyển Ban quản lý sàn khi nhà sản xuất từ chối hoặc không trả lời sau %(days)s ngày.")
                % {"days": rules.PRODUCER_ANSWER_DAYS}
            )
        request.status = Status.ESCALATED
        request.escalation_note = note
        request.escalated_at = timezone.now()
        request.save()
        _event(request, Action.ESCALATED, request.user, note)
    return request


def request_close(*, request_id, user, guest_email=None):
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        if not requester_may_act(request, user=user, guest_email=guest_email):
            raise PermissionDenied
        if request.status not in (Status.OPEN, Status.PRODUCER_REJECTED):
            raise ValidationError(_("Không thể đóng yêu cầu ở trạng thái này."))
        request.status = Status.CLOSED
        request.save()
        _event(request, Action.CLOSED, request.user)
    return request


def request_decide(*, request_id, user, accept, note=""):
    """Staff settle a disputed request; the decision is final."""
    note = (note or "").strip()
    if not user_can_decide(user):
        raise PermissionDenied
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        if request.status != Status.ESCALATED:
            raise ValidationError(_("Chỉ quyết định được yêu cầu đang chờ Ban quản lý sàn."))
        if not note:
            raise ValidationError({"note": _("Hãy ghi lý do quyết định (người mua và nhà sản xuất đều thấy).")})
        now = timezone.now()
        request.status = Status.STAFF_ACCEPTED if accept else Status.STAFF_REJECTED
        request.decision_note = note
        request.decided_at = now
        request.decided_by = user
        if accept:
            request.accepted_at = now
        request.save()
        _event(request, Action.STAFF_ACCEPTED if accept else Action.STAFF_REJECTED, user, note)
        notifications.customer_notify(request=request, kind="decided")
    if accept:
        _refund_card_if_possible(request_id=request.pk, user=user)
    return request


def _refund_card_if_possible(*, request_id, user):
    """After the acceptance commits (its row locks released), refund a card order through Stripe."""
    from marketplace.payments.models import Method

    request = ReturnRequest.objects.select_related("order__payment").get(pk=request_id)
    payment = getattr(request.order, "payment", None)
    if payment is None or payment.method != Method.CARD:
        return

    def refund():
        try:
            refund_card(request_id=request_id, user=user)
        except ValidationError as error:
            # The acceptance stands; staff see the failure in the history and retry.
            _event(request, Action.REFUND_FAILED, user, " ".join(error.messages))

    transaction.on_commit(refund)


def refund_card(*, request_id, user=None):
    """Give the money back to the card through Stripe, once: a second call returns the first refund.

    Stripe is called outside any row lock; the result is recorded under the request's and the
    payment's locks, where a concurrent call that recorded first wins (same idempotency key, so
    Stripe made one refund)."""
    from marketplace.payments import refunds as payment_refunds
    from marketplace.payments.models import Method
    from marketplace.payments.stripe import gateway

    request = ReturnRequest.objects.select_related("order__payment").get(pk=request_id)
    existing = Refund.objects.filter(request=request).first()
    if existing is not None:
        return existing
    if request.status not in ReturnRequest.REFUND_DUE:
        raise ValidationError(_("Yêu cầu chưa được chấp nhận; chưa thể hoàn tiền."))
    payment = request.order.payment
    if payment.method != Method.CARD:
        raise ValidationError(_("Đơn này được hoàn bằng chuyển khoản ngân hàng."))
    try:
        result = payment_refunds.card_refund_call(
            payment_id=payment.pk, amount=request.refund_amount, idempotency_key=f"complaint-{request.pk}-refund"
        )
    except gateway.GatewayError:
        raise ValidationError(_("Cổng thanh toán thẻ chưa hoàn được tiền; hãy thử lại sau."))
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        existing = Refund.objects.filter(request=request).first()
        if existing is not None:
            return existing
        payment_refunds.card_refund_record(payment_id=payment.pk, result=result)
        refund = Refund.objects.create(
            request=request, payment=payment, order=request.order, partner=request.partner, method=Refund.Method.CARD,
            amount=request.refund_amount, reference=result.id, stripe_refund_id=result.id, recorded_by=user,
        )
        _refunded(request, user, refund)
    return refund


def refund_transfer_record(*, request_id, user, reference):
    """Staff record the bank transfer they made to the shopper's account (COD and VietQR orders)."""
    from marketplace.payments import refunds as payment_refunds

    if not user_can_decide(user):
        raise PermissionDenied
    reference = (reference or "").strip()
    with transaction.atomic():
        request = locks.request_for_update(request_id)
        existing = Refund.objects.filter(request=request).first()
        if existing is not None:
            return existing
        if request.status not in ReturnRequest.REFUND_DUE:
            raise ValidationError(_("Yêu cầu chưa được chấp nhận; chưa thể hoàn tiền."))
        if not reference:
            raise ValidationError({"reference": _("Hãy nhập mã giao dịch chuyển khoản hoàn tiền.")})
        payment = request.order.payment
        payment_refunds.bank_transfer_refund_record(payment_id=payment.pk, amount=request.refund_amount)
        refund = Refund.objects.create(
            request=request, payment=payment, order=request.order, partner=request.partner,
            method=Refund.Method.BANK_TRANSFER, amount=request.refund_amount, reference=reference, recorded_by=user,
        )
        _refunded(request, user, refund)
    return refund


def _refunded(request, user, refund):
    request.status = Status.REFUNDED
    request.save(update_fields=["status", "updated_at"])
    _event(request, Action.REFUNDED, user, refund.reference)
    notifications.customer_notify(request=request, kind="refunded")


def transfer_refund_overdue(request, now=None):
    now = now or timezone.now()
    return bool(
        request.refund_due and request.accepted_at
        and now > request.accepted_at + datetime.timedelta(days=rules.TRANSFER_REFUND_DAYS)
    )


def overdue_digest_send(*, now=None):
    """Daily (beat): tell the staff who decide returns what waits for them — escalated requests
    and transfer refunds overdue by TRANSFER_REFUND_DAYS — once a day each."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    now = now or timezone.now()
    escalated = list(ReturnRequest.objects.filter(status=Status.ESCALATED).select_related("order").order_by("escalated_at"))
    overdue = [
        request
        for request in ReturnRequest.objects.filter(status__in=ReturnRequest.REFUND_DUE, accepted_at__isnull=False)
        .select_related("order").order_by("accepted_at")
        if transfer_refund_overdue(request, now)
    ]
    if not (escalated or overdue):
        return 0
    User = get_user_model()
    staff = (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="decide_returnrequest")
            | Q(groups__permissions__codename="decide_returnrequest")
        )
        .exclude(email="").distinct().values_list("pk", "email")
    )
    return notifications.staff_digest_send(
        on=timezone.localdate(now), escalated=escalated, overdue_refunds=overdue, recipients=list(staff)
    )
