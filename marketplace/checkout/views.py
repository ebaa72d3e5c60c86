"""Oscar's checkout with producer parcels, the payment method step and the VN address.

Order: gateway (guest e-mail or sign in) → shipping address (province → ward → street,
phone) → shipping (one method: per-producer parcels, auto-selected) → payment method
(COD, VietQR transfer, card when Stripe is configured) with the parcel fees shown →
preview → place order. Stock is allocated under row locks when the order is placed; a
card order reserves its stock first and is paid on the card page afterwards.
"""
from django import http
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import exceptions, views as oscar_views
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_class, get_model

from marketplace.checkout import vietnam
from marketplace.checkout.forms import PaymentMethodForm
from marketplace.payments import gateways, services as payment_services, vietqr
from marketplace.payments.models import Method
from marketplace.security import stripe_csp
from marketplace.shipping.selectors import parcel_quotes

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")
CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")


class IndexView(oscar_views.IndexView):
    """Oscar's gateway; its sign-in form gets the request so django-axes can throttle it."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


ShippingMethodView = oscar_views.ShippingMethodView
UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView


class ParcelContextMixin:
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["parcel_quotes"] = parcel_quotes(self.request.basket)
        return ctx


class ShippingAddressView(oscar_views.ShippingAddressView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and "address_id" in request.POST:
            # Another shopper's (or a made-up) address id is a 404, not a 500.
            try:
                address_id = int(request.POST["address_id"])
            except (TypeError, ValueError):
                raise http.Http404
            get_object_or_404(UserAddress, pk=address_id, user=request.user)
        return super().post(request, *args, **kwargs)


class PaymentMethodView(ParcelContextMixin, oscar_views.PaymentMethodView):
    template_name = "oscar/checkout/payment_method.html"
    success_url = None

    def get(self, request, *args, **kwargs):
        form = PaymentMethodForm(initial={"method": self.checkout_session.payment_method() or "cod"})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = PaymentMethodForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["stripe_enabled"] = settings.STRIPE_ENABLED
        return ctx


class PaymentDetailsView(ParcelContextMixin, oscar_views.PaymentDetailsView):
    _stripe_intent = None

    def get(self, request, *args, **kwargs):
        if not self.preview:
            # No details to enter before the order: the card is entered on the card page.
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def check_payment_data_is_captured(self, request):
        if not gateways.is_available(self.checkout_session.payment_method()):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"), message=_("Vui lòng chọn phương thức thanh toán.")
            )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        code = self.checkout_session.payment_method()
        ctx["payment_method"] = dict(gateways.method_choices()).get(code)
        return ctx

    def handle_payment(self, order_number, total, **kwargs):
        method = self.checkout_session.payment_method()
        if not gateways.is_available(method):
            raise UnableToTakePayment(_("Phương thức thanh toán này không khả dụng; vui lòng chọn lại."))
        amount = int(total.incl_tax)
        if method == Method.CARD:
            from marketplace.payments.stripe import gateway

            try:
                self._stripe_intent = gateway.create_payment_intent(order_number=order_number, amount=amount)
            except gateway.GatewayError:
                raise UnableToTakePayment(
                    _("Chưa kết nối được cổng thanh toán thẻ. Vui lòng thử lại hoặc chọn COD/chuyển khoản.")
                )
        # By its unique code: two first orders at once cannot create two "COD" source types (by
        # name they could, and every later order then failed with MultipleObjectsReturned).
        source_type, _created = SourceType.objects.get_or_create(
            code=f"ocop-{method}", defaults={"name": dict(Method.choices)[method]}
        )
        self.add_payment_source(
            Source(
                source_type=source_type,
                currency=total.currency,
                amount_allocated=total.incl_tax,
                reference=self._stripe_intent.id if self._stripe_intent else "",
            )
        )

    def place_order(self, *args, **kwargs):
        with transaction.atomic():
            order = super().place_order(*args, **kwargs)
            payment_services.payment_start(
                order=order,
                method=self.checkout_session.payment_method(),
                stripe_payment_intent=self._stripe_intent.id if self._stripe_intent else "",
            )
        return order

    def handle_successful_order(self, order):
        self._placed_order = order
        return super().handle_successful_order(order)

    def get_success_url(self):
        order = getattr(self, "_placed_order", None)
        if order is not None and order.payment.method == Method.CARD:
            return reverse("checkout:card-payment", kwargs={"order_number": order.number})
        return reverse("checkout:thank-you")


def order_payment_context(order):
    """What the shopper needs to pay: VietQR for transfers, the card page for cards."""
    payment = getattr(order, "payment", None)
    ctx = {"payment": payment, "parcels": order.parcels.select_related("partner").all()}
    if payment and payment.method == Method.TRANSFER and payment.status == payment.Status.PENDING:
        account = gateways.bank_account()
        payload = vietqr.build_payload(
            bank_bin=account["bank_bin"],
            account_number=account["account_number"],
            amount=payment.amount,
            message=payment.reference,
        )
        ctx.update(bank_account=account, vietqr_payload=payload, vietqr_svg=vietqr.qr_svg(payload))
    return ctx


ThankYouView = oscar_views.ThankYouView


@stripe_csp
class CardPaymentView(generic.TemplateView):
    """The Stripe Payment Element for an order whose stock is already reserved."""

    template_name = "checkout/card_payment.html"

    def get_order(self):
        order = get_object_or_404(Order.objects.select_related("payment"), number=self.kwargs["order_number"])
        owner = self.request.user.is_authenticated and order.user_id == self.request.user.pk
        just_placed = self.request.session.get("checkout_order_id") == order.pk
        if not (owner or just_placed) or not hasattr(order, "payment") or order.payment.method != Method.CARD:
            raise http.Http404
        return order

    def get_context_data(self, **kwargs):
        if not settings.STRIPE_ENABLED:
            raise http.Http404
        from marketplace.payments.stripe import gateway

        ctx = super().get_context_data(**kwargs)
        order = self.get_order()
        ctx["order"] = order
        ctx["payment"] = order.payment
        ctx["stripe_publishable_key"] = settings.STRIPE_PUBLISHABLE_KEY
        if order.payment.status in (order.payment.Status.PENDING, order.payment.Status.FAILED):
            try:
                ctx["client_secret"] = gateway.retrieve_payment_intent(order.payment.stripe_payment_intent).client_secret
            except gateway.GatewayError:
                messages.error(self.request, _("Chưa kết nối được cổng thanh toán thẻ. Vui lòng thử lại sau."))
        ctx["return_url"] = self.request.build_absolute_uri(reverse("checkout:thank-you"))
        return ctx


def wards_json(request):
    """Communes/wards of a province for the address form's suggestions."""
    province = vietnam.province_by_code(request.GET.get("province", ""))
    if province is None:
        return http.JsonResponse({"error": _("Tỉnh/thành phố không hợp lệ.")}, status=400)
    return http.JsonResponse({"province": province.name, "wards": [w.name for w in vietnam.wards_of(province.code)]})
