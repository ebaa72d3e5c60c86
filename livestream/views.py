"""Pages of the live layer: the list, the viewer/replay page, the host console; JSON
endpoints for 'Mua ngay' and reminders. Thin: selectors read, services write."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from livestream import selectors, services
from livestream.media import services as media_services
from marketplace.security import live_csp
from livestream.forms import FeaturedProductForm, OfferForm, SessionForm
from livestream.models import LiveSession
from marketplace.partner.strategy import is_on_sale


def _session_or_404(pk):
    try:
        session = selectors.session_detail(pk)
    except LiveSession.DoesNotExist:
        raise Http404(_("Không tìm thấy phiên live."))
    return session


def index(request):
    past = Paginator(selectors.sessions_past(), 12).get_page(request.GET.get("page"))
    return render(
        request,
        "livestream/index.html",
        {
            "live_sessions": selectors.sessions_live(),
            "upcoming_sessions": selectors.sessions_upcoming(),
            "past_page": past,
            "can_schedule": request.user.is_authenticated and selectors.partners_hosted_by(request.user).exists(),
        },
    )


@live_csp
def detail(request, pk):
    session = _session_or_404(pk)
    if session.status == LiveSession.Status.CANCELLED:
        raise Http404(_("Phiên live đã huỷ."))
    context = {
        "session": session,
        "featured": [item for item in session.featured.all() if is_on_sale(item.product)],
        "is_host": selectors.can_host(request.user, session),
        "has_reminder": request.user.is_authenticated and session.reminders.filter(user=request.user).exists(),
        "own_media": media_services.sources(session),
    }
    if session.is_ended:
        context["markers"] = selectors.replay_markers(session)
        context["chat"] = selectors.visible_chat(session)
    return render(request, "livestream/detail.html", context)


@login_required
def schedule(request):
    if not selectors.partners_hosted_by(request.user).exists():
        raise PermissionDenied
    form = SessionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = services.session_schedule(
            partner=data["partner"],
            user=request.user,
            title=data["title"],
            description=data["description"],
            scheduled_start=data["scheduled_start"],
            stream_url=data["stream_url"],
            embed_url=data["embed_url"],
            cover=data.get("cover"),
        )
        if data.get("banned_words"):
            session.banned_words = data["banned_words"]
            session.save(update_fields=["banned_words"])
        messages.success(request, _("Đã lên lịch phiên live. Hãy thêm sản phẩm sẽ giới thiệu."))
        return redirect("livestream:host", pk=session.pk)
    return render(request, "livestream/schedule.html", {"form": form})


@live_csp
@login_required
def host(request, pk):
    session = _session_or_404(pk)
    if not selectors.can_host(request.user, session):
        raise PermissionDenied
    form = FeaturedProductForm(request.POST or None, session=session)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.featured_product_add(
                    session=session,
                    product=data["product"],
                    live_price=data["live_price"],
                    quantity_cap=data["quantity_cap"],
                    per_buyer_limit=data["per_buyer_limit"],
                    position=session.featured.count(),
                )
            except services.LiveError as error:
                form.add_error("product", error.message)
            else:
                messages.success(request, _("Đã thêm sản phẩm vào phiên live."))
                return redirect("livestream:host", pk=session.pk)
    return render(
        request,
        "livestream/host.html",
        {
            "session": session,
            "featured": list(session.featured.all()),
            "form": form,
            "offer_form": OfferForm(),
            "sales": selectors.sales_summary(session),
            "viewers": selectors.viewer_count(session.pk),
            **media_services.host_console(request, session),
        },
    )


@require_POST
def buy(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({"ok": False, "code": "login_required", "message": _("Vui lòng đăng nhập để mua.")}, status=401)
    try:
        result = services.live_buy(
            session_id=pk,
            featured_id=request.POST.get("featured_id"),
            user=request.user,
            basket=request.basket,
            quantity=request.POST.get("quantity", "1"),
        )
    except services.LiveError as error:
        return JsonResponse({"ok": False, "code": error.code, "message": error.message}, status=error.status)
    return JsonResponse(result)


@require_POST
@login_required
def remind(request, pk):
    try:
        services.reminder_subscribe(session_id=pk, user=request.user)
    except services.LiveError as error:
        if error.status == 404:
            raise Http404(error.message)
        messages.error(request, error.message)
    else:
        messages.success(request, _("Chúng tôi sẽ gửi email cho bạn khi phiên live bắt đầu."))
    return redirect("livestream:detail", pk=pk)
