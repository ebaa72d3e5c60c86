"""Thin views of the gift baskets: curated baskets by theme, the builder, the basket page."""
import re

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gift_baskets import selectors, services
from gift_baskets.forms import BuilderForm, CuratedAddForm
from gift_baskets.models import CultureTheme, GiftBasket

SLUG = re.compile(r"[-\w]{1,100}")


def _theme_from(request):
    code = request.POST.get("theme") or request.GET.get("theme")
    if not code:
        return selectors.themes().first()
    # Theme codes are slugs; anything else (e.g. a NUL byte PostgreSQL cannot compare) is no theme,
    # and the builder form says so.
    return CultureTheme.objects.filter(code=code).first() if SLUG.fullmatch(code) else None


def _curated_cards(request, baskets):
    cards = []
    for gift in baskets:
        components = selectors.component_views(request.strategy, selectors.curated_pairs(gift))
        cards.append({"gift": gift, "info": request.strategy.fetch_for_product(gift.product), "parts": selectors.sum_of_parts(components)})
    return cards


def _picks(request, theme):
    return [
        {"product": product, "info": request.strategy.fetch_for_product(product), "certificate": product.current_certificate()}
        for product in (selectors.theme_products(theme) if theme else [])
    ]


def index(request):
    theme = _theme_from(request)
    builder = selectors.builder_product()
    if request.method == "POST":
        form = BuilderForm(request.POST)
        if builder is None:
            form.add_error(None, _("Chức năng tự chọn giỏ quà chưa được mở."))
        if form.is_valid():
            data = form.cleaned_data
            services.built_basket_add(
                basket=request.basket,
                product=builder,
                theme=data["theme"],
                items=data["items"],
                packaging=data["packaging"],
                card_message=data["card_message"],
            )
            messages.success(request, _("Đã thêm giỏ quà tự chọn “%(theme)s” vào giỏ hàng.") % {"theme": data["theme"].name})
            return redirect("basket:summary")
    else:
        form = BuilderForm(initial={"theme": theme.code if theme else None, "box_size": theme.min_items if theme else 3})
    context = {
        "themes": selectors.themes(),
        "theme": theme,
        "curated": _curated_cards(request, selectors.curated_baskets(theme)),
        "form": form,
        "picks": _picks(request, theme),
        "builder": builder,
        "box_sizes": range(theme.min_items, theme.max_items + 1) if theme else [],
        "selected_items": {str(pk) for pk in request.POST.getlist("items")},
    }
    return render(request, "gift_baskets/index.html", context)


def quote(request):
    """Price and availability of a basket being built (JSON, for the builder's live update).

    A basket still being built is not an error: the answer is 200 with `valid` false and the
    reasons (a 400 here filled the browser console while the shopper was picking)."""
    form = BuilderForm(request.GET)
    valid = form.is_valid()
    items = list(form.cleaned_data.get("items") or []) if hasattr(form, "cleaned_data") else []
    components = selectors.component_views(request.strategy, [(product.pk, 1) for product in items])
    packaging = form.cleaned_data.get("packaging") if hasattr(form, "cleaned_data") else None
    total = (selectors.sum_of_parts(components) or 0) + (packaging.fee if packaging else 0)
    availability = selectors.availability_from_components(components)
    return JsonResponse(
        {
            "valid": valid,
            "errors": [str(error) for errors in form.errors.values() for error in errors],
            "count": len(components),
            "total": int(total),
            "available": int(getattr(availability, "num_available", 0) or 0) if components else 0,
            "availability": str(availability.message),
        },
    )


def detail(request, pk):
    gift = get_object_or_404(
        GiftBasket.objects.select_related("product", "theme"), pk=pk, is_builder=False, product__is_public=True
    )
    components = selectors.component_views(request.strategy, selectors.curated_pairs(gift))
    info = request.strategy.fetch_for_product(gift.product)
    parts = selectors.sum_of_parts(components)
    context = {
        "gift": gift,
        "components": components,
        "info": info,
        "parts": parts,
        "saving": parts - info.price.incl_tax if parts is not None and info.price.exists else None,
        "form": CuratedAddForm(gift_basket=gift),
    }
    return render(request, "gift_baskets/detail.html", context)


@require_POST
def add_curated(request, pk):
    gift = get_object_or_404(GiftBasket.objects.select_related("product"), pk=pk, is_builder=False, product__is_public=True)
    form = CuratedAddForm(request.POST, gift_basket=gift)
    info = request.strategy.fetch_for_product(gift.product)
    permitted, reason = info.availability.is_purchase_permitted(1)
    if not permitted:
        messages.error(request, _("Không thể thêm giỏ quà: %(reason)s") % {"reason": reason})
        return redirect(reverse("gift_baskets:detail", args=[gift.pk]))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(reverse("gift_baskets:detail", args=[gift.pk]))
    services.curated_basket_add(
        basket=request.basket,
        product=gift.product,
        packaging=form.cleaned_data["packaging"],
        card_message=form.cleaned_data["card_message"],
    )
    messages.success(request, _("Đã thêm “%(title)s” vào giỏ hàng.") % {"title": gift.product.get_title()})
    return redirect("basket:summary")
