"""The API's root, its documentation page (rendered from the OpenAPI schema on the server: no
script from a CDN) and the daily bulk files."""
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ocop import open_data

ENDPOINTS = ("products", "registry", "certificates", "producers", "sales-points", "live-sessions", "culture-themes")


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def index(request):
    links = {name: request.build_absolute_uri(reverse(f"api:{name}")) for name in ENDPOINTS}
    links |= {
        "schema": request.build_absolute_uri(reverse("api:schema")),
        "docs": request.build_absolute_uri(reverse("api:docs")),
        "bulk": request.build_absolute_uri(reverse("api:bulk")),
    }
    return _cors(JsonResponse({"version": "v1", "licence": "CC-BY-4.0", "endpoints": links}, json_dumps_params={"ensure_ascii": False}))


@require_safe
def docs(request):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=None, urlconf=None).get_schema(request=None, public=True)
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary") or operation.get("operationId", ""),
                    "parameters": operation.get("parameters", []),
                }
            )
    return render(request, "ocop/api_docs.html", {"operations": operations, "manifest": open_data.manifest(), "licence": open_data.LICENCE})


@require_safe
def bulk(request):
    manifest = open_data.manifest() or {"files": {}}
    files = {name: request.build_absolute_uri(reverse("api:bulk-file", kwargs={"name": name})) for name in manifest["files"]}
    return _cors(JsonResponse({**manifest, "urls": files}, json_dumps_params={"ensure_ascii": False}))


@require_safe
def bulk_file(request, name):
    if name not in open_data.FILES or not default_storage.exists(open_data.PREFIX + name):
        raise Http404(name)
    content_type = {"json": "application/json", "csv": "text/csv", "txt": "text/plain"}[name.rsplit(".", 1)[1]]
    response = FileResponse(default_storage.open(open_data.PREFIX + name), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ocop-bac-kan-{name}"'
    return _cors(response)
