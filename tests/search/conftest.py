"""Fixtures shared by the contract suite: the same catalogue on every backend.

`backend` runs each contract test on the database backend and, when an Elasticsearch
(8-compatible) server answers at TEST_ELASTICSEARCH_URL (default the noida-db emulator
on 127.0.0.1:19201), on the Elasticsearch backend too. Without a server those cases
skip, unless SEARCH_REQUIRE_ELASTICSEARCH=1 (CI), where they fail.
"""
import os
import uuid

import pytest

from search.backends.base import SearchQuery
from tests.factories.search import search_catalogue

ES_URL = os.environ.get("TEST_ELASTICSEARCH_URL", "http://127.0.0.1:19201")


def elasticsearch_available():
    from elasticsearch import Elasticsearch

    try:
        return bool(Elasticsearch(ES_URL, request_timeout=5, max_retries=0).ping())
    except Exception:
        return False


@pytest.fixture
def catalogue(db):
    return search_catalogue()


class BackendUnderTest:
    def __init__(self, backend, es=None):
        self.backend, self.es = backend, es
        self.name = backend.name

    def sync(self):
        """Make the index reflect the database (a full rebuild: the same path as the command)."""
        if self.es is not None:
            self.backend.rebuild()

    def refresh(self):
        if self.es is not None:
            self.backend.admin.indices.refresh(index=self.backend.alias)

    def search(self, text="", **kwargs):
        return self.backend.search(SearchQuery(text=text, **kwargs))

    def titles(self, text="", **kwargs):
        from catalogue.models import Product

        ids = self.search(text, **kwargs).product_ids
        titles = dict(Product.objects.filter(pk__in=ids).values_list("pk", "title"))
        return [titles[pk] for pk in ids]

    def suggest(self, prefix):
        return [s.title for s in self.backend.suggest(prefix)]


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, catalogue, settings):
    if request.param == "database":
        from search.backends.database import DatabaseBackend

        yield BackendUnderTest(DatabaseBackend())
        return
    if not elasticsearch_available():
        if os.environ.get("SEARCH_REQUIRE_ELASTICSEARCH") == "1":
            pytest.fail(f"SEARCH_REQUIRE_ELASTICSEARCH=1 but no Elasticsearch answers at {ES_URL}")
        pytest.skip(f"no Elasticsearch at {ES_URL}")
    settings.ELASTICSEARCH_URL = ES_URL
    settings.ELASTICSEARCH_INDEX = f"test-products-{uuid.uuid4().hex[:10]}"
    from search.backends.elasticsearch import ElasticsearchBackend, client

    # A loaded CI machine must not turn the 1 s production timeout into flaky tests;
    # the timeout itself is tested in test_pages.py.
    es_backend = ElasticsearchBackend(es=client().options(request_timeout=15))
    under_test = BackendUnderTest(es_backend, es=es_backend.es)
    under_test.sync()
    yield under_test
    es = es_backend.es
    if es.indices.exists_alias(name=es_backend.alias):
        for index in es.indices.get_alias(name=es_backend.alias):
            es.indices.delete(index=index, ignore_unavailable=True)
