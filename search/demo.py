"""Demo step: (re)build the search rows and, when configured, the Elasticsearch index.

Idempotent: rebuilding twice gives the same rows; it runs last so every demo product,
producer and certificate loaded before it is searchable.
"""


def load_search_index(*, log):
    from search.backends import index_backends

    (database,) = index_backends(elasticsearch=False)
    n = database.rebuild()
    log(f"  search: {n} products in the database search rows")
    for backend in index_backends(database=False):
        try:
            n = backend.rebuild()
            log(f"  search: {n} products indexed in Elasticsearch")
        except Exception as exc:  # the demo works without Elasticsearch: the database serves
            log(f"  search: Elasticsearch not indexed ({exc}); the database backend serves searches")
