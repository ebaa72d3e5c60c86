"""Read-only endpoints of the open data API. Filters are the pages' filters (the same selectors)."""
import hashlib

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from oscar.core.loading import get_model
from rest_framework import generics
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from marketplace.content_language import canonical_language
from ocop import selectors
from ocop.api import serializers
from ocop.api.throttles import AddressRateThrottle, ApiKeyRateThrottle

Product = get_model("catalogue", "Product")
OcopCertificate = get_model("catalogue", "OcopCertificate")
StockRecord = get_model("partner", "StockRecord")


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class OpenDataView(generics.GenericAPIView):
    """Anonymous, read-only, JSON; ETag / If-None-Match; CORS for GET; rate limited."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AddressRateThrottle, ApiKeyRateThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class = Pagination
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        # One address for every language: product titles, group names and theme stories are the
        # canonical Vietnamese, whatever Accept-Language the client sends (LocaleMiddleware
        # would otherwise hand it the English columns).
        with canonical_language():
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, X-API-Key"
        response["Access-Control-Expose-Headers"] = "ETag"
        response["Vary"] = "Accept, X-API-Key"
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            etag = '"%s"' % hashlib.sha256(response.content).hexdigest()[:32]
            response["ETag"] = etag
            response["Cache-Control"] = "public, max-age=300"
            if etag in [tag.strip() for tag in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")]:
                response.status_code = 304
                response.content = b""
        return response


class OpenDataList(OpenDataView, generics.ListAPIView):
    pass


def _param(name, description, type_=OpenApiTypes.STR, enum=None):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, enum=enum)


REGISTRY_PARAMS = [
    _param("q", "Tìm theo tên sản phẩm, chủ thể (có dấu hoặc không dấu)"),
    _param("stars", "Hạng sao", OpenApiTypes.INT, [3, 4, 5]),
    _param("group", "Nhóm sản phẩm (Quyết định 148/QĐ-TTg)", enum=serializers.GROUP_CODES),
    _param("district", "Huyện/thành phố trước 07/2025, ví dụ 'Huyện Chợ Đồn'"),
    _param("commune", "Mã xã/phường/thị trấn trước 07/2025", OpenApiTypes.INT),
    _param("status", "Trạng thái", enum=list(selectors.REGISTRY_STATUSES)),
    _param("year", "Năm của quyết định mới nhất", OpenApiTypes.INT),
    _param("sort", "Sắp xếp", enum=list(selectors.REGISTRY_SORTS)),
]


@extend_schema(parameters=REGISTRY_PARAMS, summary="Cơ sở dữ liệu sản phẩm OCOP (mọi sản phẩm được chứng nhận)")
class RegistryList(OpenDataList):
    serializer_class = serializers.RegistryEntrySerializer

    def get_queryset(self):
        return selectors.registry_search(self.request.query_params).select_related("product")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        context = self.get_serializer_context() | {"on_sale": selectors.registry_on_sale_ids(page)}
        return self.get_paginated_response(self.serializer_class(page, many=True, context=context).data)


@extend_schema(summary="Một sản phẩm trong cơ sở dữ liệu OCOP, với lịch sử chứng nhận")
class RegistryDetail(OpenDataView):
    serializer_class = serializers.RegistryEntryDetailSerializer

    def get(self, request, code):
        from rest_framework.response import Response

        from ocop.models import RegistryEntry

        try:
            entry = selectors.registry_entry(code)
        except RegistryEntry.DoesNotExist:
            raise Http404(code) from None
        history = OcopCertificate.objects.filter(entry=entry).select_related("entry").order_by("-decision_date", "-pk")
        context = self.get_serializer_context() | {"on_sale": selectors.registry_on_sale_ids([entry]), "history": history}
        return Response(self.serializer_class(entry, context=context).data)


@extend_schema(
    parameters=[
        _param("status", "valid / expired / revoked", enum=["valid", "expired", "revoked"]),
        _param("year", "Năm quyết định", OpenApiTypes.INT),
        _param("stars", "Hạng sao", OpenApiTypes.INT, [3, 4, 5]),
    ],
    summary="Quyết định công nhận OCOP",
)
class CertificateList(OpenDataList):
    serializer_class = serializers.CertificateSerializer

    def get_queryset(self):
        from django.utils import timezone

        params, today = self.request.query_params, timezone.localdate()
        certificates = OcopCertificate.objects.select_related("entry").order_by("-decision_date", "-pk")
        status = params.get("status")
        if status == "revoked":
            certificates = certificates.filter(status=OcopCertificate.Status.REVOKED)
        elif status == "expired":
            certificates = certificates.filter(status=OcopCertificate.Status.VALID, valid_until__lt=today)
        elif status == "valid":
            certificates = certificates.filter(status=OcopCertificate.Status.VALID, valid_until__gte=today)
        if (params.get("year") or "").isdigit():
            certificates = certificates.filter(decision_date__year=int(params["year"]))
        if (params.get("stars") or "").isdigit():
            certificates = certificates.filter(stars=int(params["stars"]))
        return certificates


@extend_schema(
    parameters=[
        _param("q", "Tìm theo tên (có dấu hoặc không dấu)"),
        _param("stars", "Hạng sao", OpenApiTypes.INT, [3, 4, 5]),
        _param("group", "Nhóm sản phẩm", enum=serializers.GROUP_CODES),
    ],
    summary="Sản phẩm đang bán trên sàn (chứng nhận còn hiệu lực)",
)
class ProductList(OpenDataList):
    serializer_class = serializers.ProductSerializer

    def get_queryset(self):
        from django.db.models import Exists, OuterRef

        from search.folding import fold

        params = self.request.query_params
        products = selectors.on_sale_products()
        for word in fold(params.get("q") or "").split()[:8]:
            # the search app's folded column (kept by search.signals)
            products = products.filter(search_entry__text_folded__contains=word)
        if (params.get("stars") or "").isdigit():
            current = OcopCertificate.objects.current().filter(product=OuterRef("pk"), stars=int(params["stars"]))
            products = products.filter(Exists(current))
        if params.get("group"):
            from ocop.models import RegistryEntry

            products = products.filter(
                Exists(RegistryEntry.objects.filter(product=OuterRef("pk"), group=params["group"]))
            )
        return (
            products.select_related("registry_entry")
            .prefetch_related(
                Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__producer_profile")),
                "ocop_certificates",
                "categories",
            )
            .order_by("title", "pk")
        )


@extend_schema(summary="Chủ thể OCOP có gian hàng trên sàn (thông tin công khai)")
class ProducerList(OpenDataList):
    serializer_class = serializers.ProducerSerializer

    def get_queryset(self):
        from shops.models import ProducerProfile

        return ProducerProfile.objects.select_related("partner").order_by("partner__name", "pk")


@extend_schema(
    parameters=[_param("commune", "Mã xã/phường/thị trấn trước 07/2025", OpenApiTypes.INT)],
    summary="Điểm giới thiệu và bán sản phẩm OCOP đã được công nhận (Quyết định 736/QĐ-UBND)",
)
class SalesPointList(OpenDataList):
    serializer_class = serializers.SalesPointSerializer

    def get_queryset(self):
        from sales_points.models import SalesPoint

        points = SalesPoint.objects.recognised().order_by("name", "pk")
        if (self.request.query_params.get("commune") or "").isdigit():
            points = points.filter(commune_code=int(self.request.query_params["commune"]))
        return points


@extend_schema(
    parameters=[_param("status", "scheduled / live / ended", enum=["scheduled", "live", "ended"])],
    summary="Lịch phiên bán hàng trực tiếp",
)
class LiveSessionList(OpenDataList):
    serializer_class = serializers.LiveSessionSerializer

    def get_queryset(self):
        from livestream.models import LiveSession

        sessions = LiveSession.objects.exclude(status=LiveSession.Status.CANCELLED).select_related("partner")
        if self.request.query_params.get("status") in ("scheduled", "live", "ended"):
            sessions = sessions.filter(status=self.request.query_params["status"])
        return sessions.order_by("-scheduled_start", "-pk")


@extend_schema(summary="Chủ đề văn hóa của giỏ quà")
class CultureThemeList(OpenDataList):
    serializer_class = serializers.CultureThemeSerializer

    def get_queryset(self):
        from gift_baskets.models import CultureTheme

        return CultureTheme.objects.order_by("code")
