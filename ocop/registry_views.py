"""Public pages of the province's OCOP registry ("Tra cứu sản phẩm OCOP"): list, CSV, entry, QR."""
import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ocop import places, qr, rules as ocop_rules, selectors

PAGE_SIZE = 25
FILTER_KEYS = ("q", "stars", "group", "district", "commune", "status", "year", "sort")


def _params(request):
    return {key: (request.GET.get(key) or "").strip()[:100] for key in FILTER_KEYS}


@require_safe
def registry(request):
    params = _params(request)
    page = Paginator(selectors.registry_search(params), PAGE_SIZE).get_page(request.GET.get("page"))
    entries = list(page.object_list.select_related("product"))
    on_sale = selectors.registry_on_sale_ids(entries)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ocop/registry_list.html",
        {
            "page_obj": page,
            "entries": entries,
            "on_sale": on_sale,
            "params": params,
            "querystring": query.urlencode(),
            "groups": ocop_rules.group_choices(),
            "districts": places.districts(),
            "units": sorted(places.by_code().values(), key=lambda u: (u["district"], u["short_name"])),
            "years": selectors.registry_years(),
            "statuses": [(key, label) for key, label in _status_choices()],
            "sorts": _sort_choices(),
        },
    )


def _status_choices():
    from ocop.models import RegistryEntry

    return list(RegistryEntry.STATUS_LABELS.items())


def _sort_choices():
    return [
        ("name", _("Tên sản phẩm")),
        ("-stars", _("Hạng sao cao trước")),
        ("-decision_date", _("Quyết định mới nhất")),
        ("valid_until", _("Sắp hết hiệu lực")),
    ]


CSV_HEADERS = (
    "ma", "ten_san_pham", "chu_the", "loai_hinh", "xa_phuong_thi_tran_cu", "huyen_cu", "nhom", "phan_nhom", "so_sao",
    "diem", "so_quyet_dinh", "ngay_quyet_dinh", "co_quan_cong_nhan", "hieu_luc_den", "trang_thai", "ngay_thu_hoi",
    "ly_do_thu_hoi", "vung_nguyen_lieu", "tieu_chuan", "du_lieu_mau", "nguon", "trang_tren_san",
)


def csv_row(entry, request=None, on_sale=()):
    unit = entry.unit()
    shop = ""
    if entry.product_id and entry.product_id in on_sale:
        shop = entry.product.get_absolute_url()
        shop = request.build_absolute_uri(shop) if request else shop
    return [
        entry.code, entry.name, entry.producer_name, entry.get_producer_kind_display(), unit["name"] if unit else "",
        entry.district, entry.group_label(), entry.subgroup, entry.stars_value or "",
        entry.cert_score if entry.cert_score is not None else "", entry.cert_number or "",
        entry.cert_date.strftime("%d/%m/%Y") if entry.cert_date else "", entry.authority_label(),
        entry.cert_valid_until.strftime("%d/%m/%Y") if entry.cert_valid_until else "", entry.status_label(),
        entry.cert_revoked_at.strftime("%d/%m/%Y") if entry.cert_revoked_at else "", entry.cert_revocation_reason or "",
        entry.raw_material_area, ", ".join(entry.standard_labels()),
        "có" if (entry.is_demo or entry.cert_is_demo) else "", entry.source, shop,
    ]


class _Echo:
    def write(self, value):
        return value


@require_safe
def registry_csv(request):
    entries = selectors.registry_search(_params(request)).select_related("product")
    on_sale = set(selectors.on_sale_products().filter(registry_entry__isnull=False).values_list("pk", flat=True))
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"
        yield writer.writerow(CSV_HEADERS)
        for entry in entries.iterator(chunk_size=1000):
            yield writer.writerow(csv_row(entry, request, on_sale))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="san-pham-ocop-bac-kan.csv"'
    return response


@require_safe
def registry_detail(request, code):
    from ocop.models import RegistryEntry

    try:
        entry = selectors.registry_entry(code)
    except RegistryEntry.DoesNotExist:
        raise Http404(code) from None
    on_sale = bool(selectors.registry_on_sale_ids([entry]))
    url = request.build_absolute_uri(entry.get_absolute_url())
    return render(
        request,
        "ocop/registry_detail.html",
        {
            "entry": entry,
            "history": selectors.registry_history(entry),
            "on_sale": on_sale,
            "trace_url": reverse("ocop:trace", kwargs={"code": entry.product.trace_code})
            if entry.product_id and entry.product.trace_code and entry.product.is_public
            else "",
            "entry_url": url,
            "qr_svg": qr.qr_svg_inline(url),
        },
    )


@require_safe
@cache_control(public=True, max_age=86400)
def registry_qr(request, code):
    from ocop.models import RegistryEntry

    entry = RegistryEntry.objects.filter(code=code).first()
    if entry is None:
        raise Http404(code)
    return HttpResponse(qr.qr_svg(request.build_absolute_uri(entry.get_absolute_url())), content_type="image/svg+xml")
