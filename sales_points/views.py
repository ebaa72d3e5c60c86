"""Public pages: directory + map, a point with its stock, registration, and the point's stock page."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
import hashlib
import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from marketplace.money import parse_dong
from marketplace.security import map_csp
from marketplace.partner.strategy import is_on_sale
from sales_points import criteria, selectors, services
from sales_points.forms import (
    AddListingForm,
    CriteriaCheckForm,
    CsvImportForm,
    DirectoryFilterForm,
    ListingForm,
    SalesPointForm,
    StockEditForm,
)
from sales_points.models import SalesPoint
from sales_points.permissions import can_appraise, can_manage_point
from sales_points.templatetags.sales_points_tags import SESSION_ORIGIN_KEY

Product = get_model("catalogue", "Product")
PAGE_SIZE = 20


@map_csp
def index(request):
    form = DirectoryFilterForm(
        request.GET or None,
        commune_codes=selectors.communes_in_directory(),
        products=selectors.products_for_filter(),
    )
    filters, origin = {}, None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {"commune_code": data["commune"], "site_kind": data["kind"] or None, "product": data["product"]}
        origin = selectors.parse_origin(data.get("lat"), data.get("lng"))
        if origin is not None:
            # The visitor chose "near me": product pages may then list points nearest first.
            request.session[SESSION_ORIGIN_KEY] = [round(origin.lat, 4), round(origin.lng, 4)]
    points = selectors.directory(origin=origin, **filters)
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "sales_points/index.html",
        {
            "form": form,
            "page_obj": page,
            "points": page.object_list,
            "markers": selectors.map_markers(points),
            "origin": origin,
            "querystring": query.urlencode(),
            "is_filtered": any(filters.values()),
        },
    )


def _visible_point(request, slug):
    point = get_object_or_404(SalesPoint, slug=slug)
    if point.is_recognised:
        return point
    if can_manage_point(request.user, point) or can_appraise(request.user):
        return point
    raise Http404


def detail(request, slug):
    point = _visible_point(request, slug)
    listings = selectors.public_listings(point)
    return render(
        request,
        "sales_points/detail.html",
        {
            "point": point,
            "listings": listings,
            "is_open": point.is_open_at(),
            "periods": point.opening_periods.all(),
            "photos": point.photos.all(),
            "can_manage": can_manage_point(request.user, point),
            "pickup_ids": selectors.pickup_product_ids(point),
        },
    )


def _save_application(request, point):
    form = SalesPointForm(request.POST or None, request.FILES or None, instance=point)
    report = selectors.point_criteria(point) if point.pk else None
    if request.method == "POST":
        if form.is_valid():
            try:
                with transaction.atomic():
                    saved = services.sales_point_save(
                        point=form.save(commit=False),
                        actor=request.user,
                        product_ids=[p.pk for p in form.cleaned_data["products"]],
                        hours=form.cleaned_data["hours"],
                        photos=form.cleaned_data["photos"],
                    )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
                return redirect("sales_points:edit", slug=point.slug) if point.pk else redirect("sales_points:register")
            if "submit" in request.POST:
                try:
                    services.sales_point_submit(point=saved, actor=request.user)
                except services.TransitionError as error:
                    messages.warning(request, _("Đã lưu hồ sơ nhưng chưa gửi thẩm định được:"))
                    for message in error.messages:
                        messages.warning(request, message)
                    return redirect("sales_points:edit", slug=saved.slug)
                messages.success(request, _("Đã gửi hồ sơ để Sở Công Thương thẩm định."))
                return redirect("sales_points:mine")
            messages.success(request, _("Đã lưu bản nháp. Bạn có thể quay lại hoàn thiện sau."))
            return redirect("sales_points:edit", slug=saved.slug)
        product_ids = [p.pk for p in form.cleaned_data.get("products", [])] if hasattr(form, "cleaned_data") else []
        report = criteria.check_736(
            ocop_kinds=selectors.certified_product_count(product_ids),
            local_item_kinds=form.cleaned_data.get("local_item_kinds") or 0,
            other_item_kinds=form.cleaned_data.get("other_item_kinds") or 0,
            stamps_confirmed=bool(form.cleaned_data.get("stamps_confirmed")),
        )
    if report is None:
        report = criteria.check_736(ocop_kinds=0, local_item_kinds=0, other_item_kinds=0, stamps_confirmed=False)
    return render(
        request,
        "sales_points/register.html",
        {"form": form, "point": point if point.pk else None, "report": report, "guidance": criteria.guidance_736()},
    )


@map_csp
@login_required
def register(request):
    return _save_application(request, SalesPoint())


@map_csp
@login_required
def edit(request, slug):
    point = get_object_or_404(SalesPoint, slug=slug)
    if not can_manage_point(request.user, point):
        raise PermissionDenied
    if not point.is_editable_by_applicant:
        messages.info(request, _("Hồ sơ đang ở trạng thái “%(status)s”, không sửa được.") % {"status": point.get_status_display()})
        return redirect("sales_points:mine")
    return _save_application(request, point)


@login_required
@require_POST
def check(request):
    """Live Decision 736 check for the registration form (JSON)."""
    form = CriteriaCheckForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    data = form.cleaned_data
    report = criteria.check_736(
        ocop_kinds=selectors.certified_product_count([p.pk for p in data["products"]]),
        local_item_kinds=data["local_item_kinds"] or 0,
        other_item_kinds=data["other_item_kinds"] or 0,
        stamps_confirmed=data["stamps_confirmed"],
    )
    return JsonResponse(report.as_dict())


@login_required
def mine(request):
    return render(request, "sales_points/mine.html", {"points": selectors.points_managed_by(request.user)})


def _managed_point(request, slug):
    point = get_object_or_404(SalesPoint, slug=slug)
    if not can_manage_point(request.user, point):
        raise PermissionDenied
    return point


@login_required
def stock(request, slug):
    point = _managed_point(request, slug)
    listings = list(point.listings.select_related("product").prefetch_related("product__ocop_certificates"))
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "pickup":
            try:
                services.sales_point_set_pickup(point=point, actor=request.user, enabled=request.POST.get("enabled") == "1")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Đã cập nhật nhận đơn lấy tại điểm."))
            return redirect("sales_points:stock", slug=point.slug)
        if action == "add":
            add_form = AddListingForm(request.POST, point=point)
            if add_form.is_valid():
                try:
                    services.listing_update(
                        point=point, actor=request.user, product=add_form.cleaned_data["product"], in_stock=False
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("Đã thêm sản phẩm."))
            else:
                messages.error(request, _("Vui lòng chọn một sản phẩm OCOP còn hiệu lực."))
            return redirect("sales_points:stock", slug=point.slug)
        listing = next((item for item in listings if str(item.pk) == request.POST.get("listing")), None)
        if listing is None:
            messages.error(request, _("Không tìm thấy sản phẩm này trong danh sách của điểm bán."))
            return redirect("sales_points:stock", slug=point.slug)
        if action == "remove":
            services.listing_remove(point=point, actor=request.user, product=listing.product)
            messages.success(request, _("Đã bỏ “%(title)s” khỏi danh sách.") % {"title": listing.product.title})
            return redirect("sales_points:stock", slug=point.slug)
        form = ListingForm(request.POST, prefix=f"l{listing.pk}")
        if form.is_valid():
            try:
                services.listing_update(
                    point=point,
                    actor=request.user,
                    product=listing.product,
                    price=parse_dong(form.cleaned_data["price"]),
                    quantity=form.cleaned_data["quantity"],
                    in_stock=form.cleaned_data["in_stock"],
                )
            except ValidationError as error:
                messages.error(request, f"{listing.product.title}: {' '.join(error.messages)}")
            else:
                messages.success(request, _("Đã cập nhật “%(title)s”.") % {"title": listing.product.title})
            return redirect("sales_points:stock", slug=point.slug)
        for errors in form.errors.values():
            messages.error(request, f"{listing.product.title}: {' '.join(errors)}")
        return redirect("sales_points:stock", slug=point.slug)
    rows = []
    for listing in listings:
        price = "" if listing.price is None else f"{int(listing.price)}"
        rows.append(
            (
                listing,
                ListingForm(
                    prefix=f"l{listing.pk}",
                    initial={"price": price, "quantity": listing.quantity, "in_stock": listing.in_stock},
                ),
                is_on_sale(listing.product),
            )
        )
    return render(
        request,
        "sales_points/stock.html",
        {"point": point, "rows": rows, "add_form": AddListingForm(point=point), "import_form": CsvImportForm()},
    )


@login_required
def stock_import(request, slug):
    point = _managed_point(request, slug)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.listings_import_csv(point=point, actor=request.user, data=form.cleaned_data["file"].read())
        if result.saved:
            messages.success(request, _("Đã lưu %(n)s dòng.") % {"n": result.saved})
    return render(request, "sales_points/stock_import.html", {"point": point, "form": form, "result": result})


# --- The stock page offline: sync endpoint, service worker, web app manifest -----------------------

MAX_EDITS_PER_SYNC = 200


def stock_sync(request, slug):
    """The offline queue of the stock page posts its edits here (JSON); each edit answered once per id."""
    if request.method != "POST":
        return JsonResponse({"error": _("Chỉ nhận POST.")}, status=405)
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Vui lòng đăng nhập lại để gửi các thay đổi.")}, status=403)
    point = get_object_or_404(SalesPoint, slug=slug)
    if not can_manage_point(request.user, point):
        return JsonResponse({"error": _("Bạn không quản lý điểm bán này.")}, status=403)
    try:
        edits = json.loads(request.body.decode("utf-8"))["edits"]
        if not isinstance(edits, list):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return JsonResponse({"error": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    results = [_sync_one(request, point, item) for item in edits[:MAX_EDITS_PER_SYNC]]
    return JsonResponse({"results": results})


def _sync_one(request, point, item):
    form = StockEditForm(item if isinstance(item, dict) else {})
    if not form.is_valid():
        raw_id = item.get("id") if isinstance(item, dict) else None
        errors = " ".join(message for messages_ in form.errors.values() for message in messages_)
        return {"id": raw_id, "product": item.get("product") if isinstance(item, dict) else None,
                "status": "rejected", "message": errors, "moved": False, "listing": None}
    data = form.cleaned_data
    result = services.listing_apply_edit(
        point=point,
        actor=request.user,
        client_id=data["id"],
        product_id=data["product"],
        made_at=data["made_at"],
        seen_quantity=data["seen_quantity"],
        quantity=data["quantity"],
        seen_price=data["seen_price"],
        price=data["price"],
        seen_in_stock=data["seen_in_stock"],
        in_stock=data["in_stock"],
    )
    edit = result.edit
    listing = point.listings.filter(product_id=edit.product_id).first()
    status = "duplicate" if result.duplicate else edit.outcome
    return {
        "id": item.get("id"),
        "product": edit.product_id,
        "status": status,
        "moved": edit.moved,
        "message": edit.message,
        "listing": None
        if listing is None
        else {
            "quantity": listing.quantity,
            "price": "" if listing.price is None else f"{int(listing.price)}",
            "in_stock": listing.in_stock,
        },
    }


def _offline_assets():
    """What the service worker keeps for the stock page besides the page itself."""
    return [
        static("css/site.css"),
        static("sales_points/sales_points.css"),
        static("vendor/jquery/jquery.min.js"),
        static("js/site.js"),
        static("img/favicon.svg"),
        static("sales_points/stock-queue.js"),
        static("sales_points/stock-offline.js"),
        static("sales_points/icons/stock-192.png"),
    ]


def stock_service_worker(request, slug):
    """The service worker, served from the stock page's own path so its scope is that page.

    Its logic is the static file stock-sw.js; this answer only sets the point's URLs and the
    cache name (which changes when an asset's URL does: hashed names in production).
    It names the point, so it answers like the point's public page (drafts: managers only)."""
    point = _visible_point(request, slug)
    page = reverse("sales_points:stock", kwargs={"slug": point.slug})
    precache = _offline_assets() + [reverse("sales_points:stock-manifest", kwargs={"slug": point.slug})]
    version = hashlib.sha256("\n".join([page, *precache, static("sales_points/stock-sw.js")]).encode()).hexdigest()[:12]
    config = {
        "page": page,
        "precache": precache,
        "manifest": precache[-1],
        "staticUrl": static(""),
        "cacheFamily": f"ocop-stock-{point.pk}-",
        "cache": f"ocop-stock-{point.pk}-{version}",
    }
    body = (
        "/* Sales-point stock page, offline: see static/sales_points/stock-sw.js */\n"
        f"self.OCOP_STOCK = {json.dumps(config)};\n"
        f"importScripts({json.dumps(static('sales_points/stock-queue.js'))}, {json.dumps(static('sales_points/stock-sw.js'))});\n"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def stock_manifest(request, slug):
    """Web app manifest: the stock page installs to the phone's home screen (public like the point's page)."""
    point = _visible_point(request, slug)
    page = reverse("sales_points:stock", kwargs={"slug": point.slug})
    manifest = {
        "name": _("Hàng tại %(name)s") % {"name": point.name},
        "short_name": _("Kho điểm bán"),
        "description": _("Cập nhật hàng tại điểm bán OCOP, cả khi mất mạng."),
        "lang": request.LANGUAGE_CODE,
        "start_url": page,
        "scope": page,
        "id": page,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1b6e3a",
        "icons": [
            {"src": static("sales_points/icons/stock-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("sales_points/icons/stock-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("sales_points/icons/stock-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


# --- Click & collect -----------------------------------------------------------------------------


@login_required
def pickups(request, slug):
    """The point's staff: reservations to prepare ("sẵn sàng") and hand over by code ("đã nhận")."""
    point = _managed_point(request, slug)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "ready":
                reservation = get_object_or_404(point.reservations, pk=request.POST.get("reservation") or 0)
                services.pickup_mark_ready(reservation_id=reservation.pk, actor=request.user)
                messages.success(
                    request, _("Đơn %(number)s đã sẵn sàng; khách đã được báo.") % {"number": reservation.parcel.order.number}
                )
            elif action == "collect":
                reservation = services.pickup_collect(point=point, code=request.POST.get("code", ""), actor=request.user)
                messages.success(
                    request,
                    _("Đã giao đơn %(number)s cho khách (mã %(code)s).")
                    % {"number": reservation.parcel.order.number, "code": reservation.code},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("sales_points:pickups", slug=point.slug)
    return render(
        request,
        "sales_points/pickups.html",
        {"point": point, "reservations": selectors.open_reservations(point), "recent": selectors.recent_reservations(point)},
    )


def pickup(request, code):
    """The shopper's pick-up code and QR (the link in the e-mail; the code is the key, like a voucher)."""
    reservation = get_object_or_404(
        selectors.reservations_with_lines(), code=services.normalise_code(code)
    )
    return render(request, "sales_points/pickup.html", {"reservation": reservation, "point": reservation.point})


def collect_choice(request):
    """Checkout: "Nhận tại điểm bán" — the shopper picks a point for the basket lines it can supply
    (nearest first when the browser shared a location; hours shown), or goes back to delivery."""
    from django.utils.http import url_has_allowed_host_and_scheme

    from sales_points.templatetags.sales_points_tags import origin_from_request

    basket = request.basket
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST":
        choice = request.POST.get("point", "")
        if choice == "ship":
            services.basket_ship_all(basket=basket)
            messages.success(request, _("Tất cả sản phẩm sẽ được giao tận nơi."))
        else:
            point = get_object_or_404(SalesPoint, pk=choice if choice.isdigit() else 0)
            try:
                count = services.basket_collect_at_point(basket=basket, point=point)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(reverse("sales_points:collect") + (f"?next={next_url}" if next_url else ""))
            messages.success(
                request,
                _("%(count)s sản phẩm sẽ nhận tại %(name)s; các sản phẩm còn lại được giao tận nơi.")
                % {"count": count, "name": point.name},
            )
        return redirect(next_url or reverse("checkout:index"))
    origin = origin_from_request(request)
    return render(
        request,
        "sales_points/collect_choice.html",
        {
            "options": selectors.pickup_options(basket, origin=origin),
            "chosen": selectors.basket_pickup_point(basket),
            "origin": origin,
            "next": next_url,
        },
    )
