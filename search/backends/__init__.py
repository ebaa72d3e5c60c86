"""The search app's backends: `get_backend()` picks Elasticsearch when
ELASTICSEARCH_URL is set (falling back to the database if it fails), else the database."""
from django.conf import settings

from search.backends.base import SearchQuery, SearchResults  # noqa: F401


def elasticsearch_configured():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_backend():
    if elasticsearch_configured():
        from search.backends.elasticsearch import FallbackBackend

        return FallbackBackend()
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()
