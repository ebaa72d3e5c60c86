"""Public pages of the OCOP programme: traceability (/trace/<code>/) and figures (/ocop/)."""
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ocop import qr, selectors


@require_safe
def trace(request, code):
    try:
        context = selectors.trace_page(code)
    except Http404:
        return render(request, "ocop/trace_not_found.html", {"code": code}, status=404)
    context["trace_url"] = qr.trace_url(request, code.upper())
    return render(request, "ocop/trace.html", context)


@require_safe
@cache_control(public=True, max_age=86400)
def trace_qr(request, code):
    try:
        selectors.trace_target(code)
    except Http404:
        raise Http404(_("Không có mã truy xuất này.")) from None
    return HttpResponse(qr.qr_svg(qr.trace_url(request, code.upper())), content_type="image/svg+xml")


@require_safe
def programme(request):
    from ocop import figures

    return render(
        request,
        "ocop/programme.html",
        {
            "figures": selectors.programme_figures(),
            "official": figures.official_figures(),
            "directive": figures.DIRECTIVE_32,
            "registry": selectors.registry_counts(),
            "plan": selectors.plan_progress(),
        },
    )
