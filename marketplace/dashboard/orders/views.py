"""Oscar's order dashboard, scoped: producers see only their own lines and parcels.

Oscar's own views show every order to `is_staff` users and every line of an order to
any partner user; here the scope comes from `marketplace.order.selectors`.
"""
from django import http
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View, generic
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from marketplace.checkout.templatetags.order_parcels import status_shown
from marketplace.csv_safe import csv_download
from marketplace.order import selectors, services as order_services
from marketplace.payments import services as payment_services

Order = get_model("order", "Order")
Parcel = get_model("order", "Parcel")


def get_order_for_user_or_404(user, number):
    try:
        return selectors.orders_visible_to(user).get(number=number)
    except Order.DoesNotExist:
        raise http.Http404


class OrderListView(oscar_views.OrderListView):
    def dispatch(self, request, *args, **kwargs):
        self.base_queryset = selectors.orders_visible_to(request.user).order_by("-date_placed")
        self.producer_view = not selectors.user_sees_all_orders(request.user)
        # Skip Oscar's dispatch, which would widen the queryset for is_staff users.
        return super(oscar_views.OrderListView, self).dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.producer_view:
            # Bulk actions (CSV of whole orders) are for staff: they carry other producers' lines.
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def download_selected_orders(self, request, orders):
        """Oscar's order CSV, through the one spreadsheet-safe writer (names and e-mails are typed
        by shoppers: "=HYPERLINK(…)" must not become a formula in staff's spreadsheet)."""
        response, writer = csv_download(self.get_download_filename(request))
        writer.writerow(self.CSV_COLUMNS.values())
        for order in orders:
            values = self.get_row_values(order)
            writer.writerow([values.get(column, "") for column in self.CSV_COLUMNS])
        return response

    def get_row_values(self, order):
        row = super().get_row_values(order)
        row["status"] = order.get_status_display()  # the label, as on the pages, not the stored code
        return row

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["producer_view"] = self.producer_view
        if not self.producer_view:
            # Oscar's list prints order.status: show each order's label instead of its code.
            ctx["orders"] = [status_shown(order) for order in ctx["orders"]]
        if self.producer_view:
            orders = list(ctx["orders"])
            parcels = Parcel.objects.filter(
                order__in=orders, partner__in=selectors.producer_partners(self.request.user)
            ).select_related("partner")
            by_order = {}
            for parcel in parcels:
                by_order.setdefault(parcel.order_id, []).append(parcel)
            ctx["producer_rows"] = [(order, by_order.get(order.pk, [])) for order in orders]
        return ctx


def producer_notes(user, order):
    """The notes a producer sees on an order: those written by its own team, never staff's or others'."""
    return order.notes.filter(user__partners__in=selectors.producer_partners(user)).distinct()


def producer_may_act_on_order(request, *, note_id=None):
    """What a producer (a user without order.view_order) may POST on an order's page (issue 17 §3).

    Its parcel moves through ParcelStatusView (status, tracking code). On the order page itself it
    may only add a note or edit one of its own team's notes. Oscar's line actions (payment and
    shipping events, line statuses) and every other order action (order status, payment events,
    deleting notes) are order-level data: staff work, by permission. PermissionDenied otherwise.
    """
    if request.method != "POST":
        if note_id is not None and not producer_notes(request.user, _order_of(request)).filter(pk=note_id).exists():
            raise PermissionDenied
        return
    if "line_action" in request.POST or request.POST.get("order_action") != "save_note":
        raise PermissionDenied
    if note_id is not None and not producer_notes(request.user, _order_of(request)).filter(pk=note_id).exists():
        raise PermissionDenied


def _order_of(request):
    return get_order_for_user_or_404(request.user, request.resolver_match.kwargs["number"])


class OrderDetailView(oscar_views.OrderDetailView):
    def get_object(self, queryset=None):
        return get_order_for_user_or_404(self.request.user, self.kwargs["number"])

    def get_order_lines(self):
        return selectors.lines_visible_to(self.request.user, self.object)

    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_sees_all_orders(request.user):
            producer_may_act_on_order(request, note_id=kwargs.get("note_id"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["producer_view"] = not selectors.user_sees_all_orders(self.request.user)
        if ctx["producer_view"]:
            ctx["producer_notes"] = producer_notes(self.request.user, self.object)
        payment = getattr(self.object, "payment", None)
        ctx["can_confirm_transfer"] = payment is not None and payment_services.user_can_confirm_transfer(
            self.request.user, payment
        )
        ctx["visible_parcels"] = list(selectors.parcels_visible_to(self.request.user, self.object))
        ctx["parcel_statuses"] = Parcel.Status
        ctx["order_payment"] = getattr(self.object, "payment", None)
        return ctx


class LineDetailView(oscar_views.LineDetailView):
    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        return get_object_or_404(selectors.lines_visible_to(self.request.user, order), pk=self.kwargs["line_id"])


class ShippingAddressUpdateView(oscar_views.ShippingAddressUpdateView):
    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_sees_all_orders(request.user):
            raise PermissionDenied  # the address is the whole order's: staff work (issue 17 §3)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        return get_object_or_404(self.model, order=order)


class OrderStatsView(oscar_views.OrderStatsView):
    def dispatch(self, request, *args, **kwargs):
        if not selectors.user_sees_all_orders(request.user):
            raise PermissionDenied  # statistics cover every producer's sales
        return super().dispatch(request, *args, **kwargs)


class ParcelStatusView(View):
    """POST: move one parcel along (a producer its own, staff any)."""

    def post(self, request, number, parcel_id):
        order = get_order_for_user_or_404(request.user, number)
        parcel = get_object_or_404(selectors.parcels_visible_to(request.user, order), pk=parcel_id)
        try:
            order_services.parcel_set_status(
                parcel_id=parcel.pk,
                status=request.POST.get("status", ""),
                user=request.user,
                tracking_code=request.POST.get("tracking_code", "").strip()[:64],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã cập nhật trạng thái kiện hàng."))
        return redirect("dashboard:order-detail", number=order.number)


class TransferConfirmView(View):
    """POST: staff with payments.confirm_transfer record that the transfer arrived (the money goes
    to the marketplace's account, which producers cannot see)."""

    def post(self, request, number):
        order = get_order_for_user_or_404(request.user, number)
        payment = getattr(order, "payment", None)
        if payment is None:
            raise http.Http404
        if not payment_services.user_can_confirm_transfer(request.user, payment):
            raise PermissionDenied
        try:
            payment_services.transfer_confirm(payment_id=payment.pk, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã xác nhận nhận được chuyển khoản."))
        return redirect("dashboard:order-detail", number=order.number)


class ServiceVoucherRedeemView(generic.FormView):
    """A producer (or staff) types the code the guest shows on arrival; it works once."""

    template_name = "oscar/dashboard/orders/voucher_redeem.html"

    def get_form_class(self):
        from django import forms

        class RedeemForm(forms.Form):
            code = forms.CharField(
                label=_("Mã phiếu"), max_length=16, error_messages={"required": _("Vui lòng nhập mã phiếu.")}
            )

        return RedeemForm

    def form_valid(self, form):
        try:
            voucher = order_services.service_voucher_redeem(code=form.cleaned_data["code"], user=self.request.user)
        except ValidationError as error:
            form.add_error("code", " ".join(error.messages))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã xác nhận phiếu %(code)s: %(title)s × %(quantity)s.")
            % {"code": voucher.code, "title": voucher.line.title, "quantity": voucher.line.quantity},
        )
        return redirect("dashboard:order-voucher-redeem")


class SettlementView(generic.TemplateView):
    """Settlement per producer and period, with a CSV export (staff: every producer; a
    producer: its own row)."""

    template_name = "oscar/dashboard/orders/settlement.html"

    def get_period(self):
        import datetime

        from django.utils import timezone

        today = timezone.localdate()
        default_start = today.replace(day=1)

        def parse(name, default):
            value = self.request.GET.get(name, "")
            if not value:
                return default, None
            try:
                return datetime.datetime.strptime(value, "%d/%m/%Y").date(), None
            except ValueError:
                return default, _("Ngày “%(value)s” không hợp lệ; dùng dạng dd/mm/yyyy.") % {"value": value}

        start, start_error = parse("start", default_start)
        end, end_error = parse("end", today)
        errors = [e for e in (start_error, end_error) if e]
        if start > end:
            errors.append(_("Ngày bắt đầu phải trước ngày kết thúc."))
            start, end = end, start
        return start, end, errors

    def get_rows(self, start, end):
        from marketplace.payments.selectors import settlement_report

        partners = None if selectors.user_sees_all_orders(self.request.user) else selectors.producer_partners(self.request.user)
        return settlement_report(start=start, end=end, partners=partners)

    def get(self, request, *args, **kwargs):
        start, end, errors = self.get_period()
        rows = self.get_rows(start, end)
        if request.GET.get("format") == "csv" and not errors:
            return self.render_csv(rows, start, end)
        for error in errors:
            messages.error(request, error)
        return self.render_to_response(self.get_context_data(rows=rows, start=start, end=end))

    def render_csv(self, rows, start, end):
        response, writer = csv_download(f"doi-soat-{start:%Y%m%d}-{end:%Y%m%d}.csv")  # spreadsheet-safe, BOM
        writer.writerow(
            ["nha_san_xuat", "so_don", "tien_hang", "phi_giao", "thu_cod", "thu_chuyen_khoan", "thu_the",
             "hoan_tien", "phi_san", "san_phai_tra"]
        )
        for row in rows:
            writer.writerow(
                [row.partner.name, row.orders, int(row.sold), int(row.shipping), int(row.collected["cod"]),
                 int(row.collected["transfer"]), int(row.collected["card"]), int(row.refunds), int(row.commission),
                 int(row.owed)]
            )
        return response
