"""Thin views: the shopper's pages under /accounts/returns/, the producer's answer pages in the
producer back office, the staff pages under /dashboard/returns/. Rules live in services.py."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from marketplace.complaints import forms, rules, selectors, services
from marketplace.complaints.models import ReturnRequest
from marketplace.payments.models import Method
from shops.dashboard_views import ProducerMixin

Line = get_model("order", "Line")
PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _errors_into(form, error):
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def rules_context():
    return {
        "window_days": rules.WINDOW_DAYS, "answer_days": rules.PRODUCER_ANSWER_DAYS, "max_photos": rules.MAX_PHOTOS,
        "min_photos": rules.MIN_PHOTOS, "reasons": [label for _code, label in rules.Reason.CHOICES],
        "transfer_days": rules.TRANSFER_REFUND_DAYS,
    }


# --- shopper ------------------------------------------------------------------------------


class ShopperListView(LoginRequiredMixin, View):
    def get(self, request):
        page = _page(request, selectors.requests_of_shopper(request.user))
        return render(
            request, "complaints/list.html", {"page_obj": page, "page_title": _("Yêu cầu đổi trả của tôi"), **rules_context()}
        )


class OpenBase(View):
    template_name = "complaints/open.html"
    base_template = "oscar/customer/baseaccountpage.html"

    def identity(self, request):
        """Who files: the signed-in owner (guest views: the order's verified e-mail)."""
        return {"user": request.user}

    def get_line(self, request, line_id):
        # Another shopper's line (or a guest order's) is a 404: nothing to learn by probing ids.
        return get_object_or_404(
            Line.objects.select_related("order", "partner", "order__payment"), pk=line_id, order__user=request.user
        )

    def order_url(self, order):
        return reverse("customer:order", kwargs={"order_number": order.number})

    def detail_url(self, obj):
        return reverse("complaints:detail", kwargs={"pk": obj.pk})

    def setup_line(self, request, line_id):
        self.line = self.get_line(request, line_id)
        self.payment = getattr(self.line.order, "payment", None)
        self.needs_bank = self.payment is None or self.payment.method != Method.CARD
        refunded_qty, _amount = services.line_refunded(self.line)
        self.max_quantity = max(1, self.line.quantity - refunded_qty)

    def render(self, request, form, refusal=None, status=200):
        context = {
            "line": self.line, "order": self.line.order, "form": form, "refusal": refusal, "needs_bank": self.needs_bank,
            "page_title": _("Yêu cầu đổi trả"), "base_template": self.base_template,
            "order_url": self.order_url(self.line.order), **rules_context(),
        }
        return render(request, self.template_name, context, status=status)

    def refusal(self, request):
        try:
            services.open_check(line=self.line, **self.identity(request))
        except ValidationError as error:
            return " ".join(error.messages)
        return None

    def get(self, request, line_id, **kwargs):
        self.setup_line(request, line_id)
        form = forms.OpenForm(needs_bank=self.needs_bank, max_quantity=self.max_quantity, initial={"quantity": self.max_quantity})
        return self.render(request, form, self.refusal(request))

    def post(self, request, line_id, **kwargs):
        self.setup_line(request, line_id)
        form = forms.OpenForm(request.POST, request.FILES, needs_bank=self.needs_bank, max_quantity=self.max_quantity)
        refusal = self.refusal(request)
        if refusal:
            return self.render(request, form, refusal, status=400)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.request_open(
                    line_id=self.line.pk, quantity=data["quantity"], reason=data["reason"],
                    description=data["description"], photos=data["photos"] or request.FILES.getlist("photos"),
                    refund_bank_name=data.get("refund_bank_name", ""),
                    refund_account_number=data.get("refund_account_number", ""),
                    refund_account_name=data.get("refund_account_name", ""), **self.identity(request),
                )
            except ValidationError as error:
                _errors_into(form, error)
            else:
                messages.success(request, _("Đã gửi yêu cầu đổi trả. Nhà sản xuất sẽ trả lời trong %(days)s ngày.") % {"days": rules.PRODUCER_ANSWER_DAYS})
                return redirect(self.detail_url(created))
        return self.render(request, form, status=400)


class DetailBase(View):
    base_template = "oscar/customer/baseaccountpage.html"

    def identity(self, request):
        return {"user": request.user}

    def get_object(self, request, pk):
        return get_object_or_404(selectors.requests_of_shopper(request.user), pk=pk)

    def detail_url(self, obj):
        return reverse("complaints:detail", kwargs={"pk": obj.pk})

    def get(self, request, pk, form=None, **kwargs):
        obj = self.get_object(request, pk)
        return render(
            request,
            "complaints/detail.html",
            {
                "req": obj, "events": obj.events.select_related("actor"), "can_escalate": services.can_escalate(obj),
                "form": form or forms.NoteForm(), "page_title": _("Yêu cầu đổi trả #%(pk)s") % {"pk": obj.pk},
                "base_template": self.base_template, **rules_context(),
            },
        )

    def post(self, request, pk, **kwargs):
        obj = self.get_object(request, pk)
        form = forms.NoteForm(request.POST)
        action = request.POST.get("action")
        if form.is_valid():
            try:
                if action == "escalate":
                    services.request_escalate(request_id=obj.pk, note=form.cleaned_data["note"], **self.identity(request))
                    messages.success(request, _("Đã chuyển yêu cầu cho Ban quản lý sàn."))
                elif action == "close":
                    services.request_close(request_id=obj.pk, **self.identity(request))
                    messages.success(request, _("Đã đóng yêu cầu."))
                else:
                    raise ValidationError(_("Thao tác không hợp lệ."))
            except ValidationError as error:
                _errors_into(form, error)
                return self.get(request, pk, form=form)
        return redirect(self.detail_url(obj))


class OpenView(LoginRequiredMixin, OpenBase):
    pass


class ShopperDetailView(LoginRequiredMixin, DetailBase):
    pass


class GuestOrderMixin:
    """A guest order, reached as Oscar reaches it: the signed order-status link (number + hash) and
    the order's e-mail typed into Oscar's form (kept in the session). A wrong link is a 404; a right
    link without the e-mail goes to Oscar's e-mail form."""

    base_template = "complaints/guest_base.html"

    def dispatch(self, request, *args, **kwargs):
        Order = get_model("order", "Order")
        order = Order._default_manager.filter(user=None, number=kwargs["order_number"]).first()
        if order is None or not order.check_verification_hash(kwargs["hash"]):
            raise Http404
        email = request.session.get("anon_order_email")
        if not services.guest_owns_order(email, order):
            return redirect("customer:anon-order-form", order_number=order.number, hash=kwargs["hash"])
        self.order, self.guest_email, self.hash = order, email, kwargs["hash"]
        return super().dispatch(request, *args, **kwargs)

    def identity(self, request):
        return {"user": None, "guest_email": self.guest_email}

    def order_url(self, order):
        return reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": self.hash})

    def detail_url(self, obj):
        return reverse("complaints:guest-detail", kwargs={"order_number": self.order.number, "hash": self.hash, "pk": obj.pk})


class GuestOpenView(GuestOrderMixin, OpenBase):
    def get_line(self, request, line_id):
        return get_object_or_404(
            Line.objects.select_related("order", "partner", "order__payment"), pk=line_id, order=self.order
        )


class GuestDetailView(GuestOrderMixin, DetailBase):
    def get_object(self, request, pk):
        return get_object_or_404(selectors.requests_of_guest_order(self.order), pk=pk)


# --- producer -----------------------------------------------------------------------------


class ProducerListView(ProducerMixin, View):
    def get(self, request, slug):
        queryset = selectors.requests_of_partner(self.partner)
        status = request.GET.get("status")
        if status in ReturnRequest.Status.values:
            queryset = queryset.filter(status=status)
        return render(
            request,
            "complaints/producer/list.html",
            self.context(
                page_obj=_page(request, queryset), statuses=ReturnRequest.Status.choices, status=status,
                filter_query=f"status={status}" if status else "",
            ),
        )


class ProducerDetailView(ProducerMixin, View):
    def get_object(self, pk):
        # Only this producer's requests; another producer's id is a 404.
        return get_object_or_404(selectors.requests_of_partner(self.partner), pk=pk)

    def show(self, request, obj, form=None, status=200):
        return render(
            request,
            "complaints/producer/detail.html",
            self.context(req=obj, events=obj.events.select_related("actor"), form=form or forms.AnswerForm()),
            status=status,
        )

    def get(self, request, slug, pk):
        return self.show(request, self.get_object(pk))

    def post(self, request, slug, pk):
        obj = self.get_object(pk)
        form = forms.AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.request_answer(
                    request_id=obj.pk, user=request.user, accept=form.cleaned_data["decision"] == "accept",
                    answer=form.cleaned_data["answer"],
                )
            except PermissionDenied:
                raise Http404
            except ValidationError as error:
                _errors_into(form, error)
            else:
                messages.success(request, _("Đã gửi trả lời cho người mua."))
                return redirect("complaints:producer-detail", slug=slug, pk=obj.pk)
        return self.show(request, obj, form, status=400)


# --- staff --------------------------------------------------------------------------------


class StaffMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not services.user_can_decide(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffListView(StaffMixin, View):
    def get(self, request):
        # Default: what staff must act on (decide a dispute, refund an accepted request).
        status = request.GET.get("status") or "todo"
        if status not in ("todo", "all") and status not in ReturnRequest.Status.values:
            status = "todo"
        queryset = selectors.requests_for_staff(status=None if status == "all" else status)
        page = _page(request, queryset)
        for obj in page:
            obj.overdue = services.transfer_refund_overdue(obj)
        return render(
            request,
            "complaints/dashboard/list.html",
            {
                "page_obj": page, "status": status, "statuses": ReturnRequest.Status.choices,
                "filter_query": f"status={status}", **rules_context(),
            },
        )


class StaffDetailView(StaffMixin, View):
    def show(self, request, obj, decide_form=None, refund_form=None, status=200):
        payment = getattr(obj.order, "payment", None)
        return render(
            request,
            "complaints/dashboard/detail.html",
            {
                "req": obj, "events": obj.events.select_related("actor"), "payment": payment,
                "is_card": payment is not None and payment.method == Method.CARD,
                "decide_form": decide_form or forms.DecideForm(), "refund_form": refund_form or forms.TransferRefundForm(),
                "overdue": services.transfer_refund_overdue(obj), **rules_context(),
            },
            status=status,
        )

    def get(self, request, pk):
        return self.show(request, get_object_or_404(selectors.requests_for_staff(), pk=pk))

    def post(self, request, pk):
        obj = get_object_or_404(selectors.requests_for_staff(), pk=pk)
        action = request.POST.get("action")
        decide_form = refund_form = None
        try:
            if action == "decide":
                decide_form = forms.DecideForm(request.POST)
                if not decide_form.is_valid():
                    return self.show(request, obj, decide_form=decide_form, status=400)
                services.request_decide(
                    request_id=obj.pk, user=request.user, accept=decide_form.cleaned_data["decision"] == "accept",
                    note=decide_form.cleaned_data["note"],
                )
                messages.success(request, _("Đã ghi quyết định và báo cho người mua."))
            elif action == "refund_transfer":
                refund_form = forms.TransferRefundForm(request.POST)
                if not refund_form.is_valid():
                    return self.show(request, obj, refund_form=refund_form, status=400)
                services.refund_transfer_record(
                    request_id=obj.pk, user=request.user, reference=refund_form.cleaned_data["reference"]
                )
                messages.success(request, _("Đã ghi nhận khoản hoàn tiền bằng chuyển khoản."))
            elif action == "refund_card":
                services.refund_card(request_id=obj.pk, user=request.user)
                messages.success(request, _("Đã hoàn tiền về thẻ."))
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))
        except ValidationError as error:
            form = decide_form or refund_form or forms.DecideForm()
            _errors_into(form, error)
            if refund_form is not None:
                return self.show(request, obj, refund_form=refund_form, status=400)
            return self.show(request, obj, decide_form=form, status=400)
        return redirect("complaints:staff-detail", pk=obj.pk)


# --- photos (private files: each request re-checks who may see the request) ----------------


def _photo(obj, photo_pk):
    from marketplace.private_files import private_file_response

    photo = get_object_or_404(obj.photos.all(), pk=photo_pk)
    return private_file_response(photo.image, download_name=f"anh-yeu-cau-{obj.pk}-{photo.pk}")


class ShopperPhotoView(ShopperDetailView):
    http_method_names = ["get"]

    def get(self, request, pk, photo_pk, **kwargs):
        return _photo(self.get_object(request, pk), photo_pk)


class GuestPhotoView(GuestDetailView):
    http_method_names = ["get"]

    def get(self, request, pk, photo_pk, **kwargs):
        return _photo(self.get_object(request, pk), photo_pk)


class ProducerPhotoView(ProducerDetailView):
    http_method_names = ["get"]

    def get(self, request, slug, pk, photo_pk):
        return _photo(self.get_object(pk), photo_pk)


class StaffPhotoView(StaffMixin, View):
    def get(self, request, pk, photo_pk):
        return _photo(get_object_or_404(selectors.requests_for_staff(), pk=pk), photo_pk)
