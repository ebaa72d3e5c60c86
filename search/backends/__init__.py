"""The search app's backends, the one way in for every read and write of a search index.

Reads: `get_backend()` picks Elasticsearch when ELASTICSEARCH_URL is set (falling back to the
database if it fails), else the database. Writes: `index_update()` (a product, its stock,
certificate or producer changed) and `index_backends()` (rebuilds) reach the database rows and,
when configured, Elasticsearch (a retried background job); one Elasticsearch client per process
(`search.backends.elasticsearch.client`)."""
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


def index_backends(*, database=True, elasticsearch=True):
    """The backends holding an index to write: the database rows, and Elasticsearch when configured."""
    backends = []
    if database:
        from search.backends.database import DatabaseBackend

        backends.append(DatabaseBackend())
    if elasticsearch and elasticsearch_configured():
        from search.backends.elasticsearch import ElasticsearchBackend

        backends.append(ElasticsearchBackend())
    return backends


def index_update(product_ids, *, database=True, elasticsearch=True):
    """Re-index these products: the database rows now (same transaction); Elasticsearch by a
    background job recorded in the same transaction, pushed by a worker after commit and retried
    while the cluster is down (search.services.search_index_push), so a save never fails for it."""
    ids = sorted({pk for pk in product_ids if pk})
    if not ids:
        return
    for backend in index_backends(database=database, elasticsearch=False):
        backend.update_products(ids)
    if elasticsearch and elasticsearch_configured():
        from search.services import search_index_enqueue

        search_index_enqueue(product_ids=ids)
