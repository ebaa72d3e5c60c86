"""`/search/suggest/?q=`: product titles as the shopper types (JSON for search-suggest.js)."""
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from search.backends import get_backend
from search.folding import fold

MIN_CHARS = 2
MAX_CHARS = 100


@require_GET
def suggest(request):
    text = request.GET.get("q", "")
    if len(text) > MAX_CHARS:
        return JsonResponse({"error": f"q is longer than {MAX_CHARS} characters"}, status=400)
    if len(fold(text).replace(" ", "")) < MIN_CHARS:
        return JsonResponse({"query": text, "suggestions": []})
    suggestions = get_backend().suggest(text, limit=8)
    response = JsonResponse(
        {"query": text, "suggestions": [{"title": s.title, "url": s.url} for s in suggestions]}
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
