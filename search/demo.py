"""Demo step: (re)build the search rows and, when configured, the Elasticsearch index.

Idempotent: rebuilding twice gives the same rows; it runs last so every demo product,
producer and certificate loaded before it is searchable.
"""


def load_search_index(*, log):
    from search.backends import elasticsearch_configured
    from search.services import search_entries_rebuild

    n = search_entries_rebuild()
    log(f"  search: {n} products in the database search rows")
    if elasticsearch_configured():
        from search.backends.elasticsearch import ElasticsearchBackend

        try:
            n = ElasticsearchBackend().rebuild()
            log(f"  search: {n} products indexed in Elasticsearch")
        except Exception as exc:  # the demo works without Elasticsearch: the database serves
            log(f"  search: Elasticsearch not indexed ({exc}); the database backend serves searches")
