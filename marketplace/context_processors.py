from django.conf import settings


def site_identity(request):
    """Seller identity for the footer, and the current path without a language prefix
    so the language switch can be plain links (pages stay cacheable)."""
    from django.urls import translate_url

    path = request.get_full_path()
    return {
        "seller_legal": settings.SELLER_LEGAL,
        "demo_data_notice": getattr(settings, "DEMO_DATA_NOTICE", False),
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
        ],
    }
