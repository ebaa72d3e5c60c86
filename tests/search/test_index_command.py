import os
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.models import ProductSearchEntry
from tests.search.conftest import ES_URL, elasticsearch_available

pytestmark = pytest.mark.django_db


def test_rebuild_restores_missing_database_rows(catalogue):
    ProductSearchEntry.objects.all().delete()
    out = StringIO()
    call_command("search_index", "--rebuild", "--database-only", stdout=out, stderr=StringIO())
    assert ProductSearchEntry.objects.count() == 7
    assert "Database search rows: 7 products." in out.getvalue()
    entry = ProductSearchEntry.objects.get(product=catalogue["banh_troi"])
    assert entry.title_folded == " banh troi cho don " and entry.district == "Chợ Đồn" and entry.stars == 3


def test_command_needs_an_action():
    with pytest.raises(CommandError):
        call_command("search_index")


def test_rebuild_swaps_the_elasticsearch_alias(catalogue, settings):
    if not elasticsearch_available():
        if os.environ.get("SEARCH_REQUIRE_ELASTICSEARCH") == "1":
            pytest.fail(f"no Elasticsearch at {ES_URL}")
        pytest.skip(f"no Elasticsearch at {ES_URL}")
    settings.ELASTICSEARCH_URL = ES_URL
    settings.ELASTICSEARCH_INDEX = f"test-cmd-{uuid.uuid4().hex[:10]}"
    from search.backends.elasticsearch import client

    es = client()
    try:
        call_command("search_index", "--rebuild", stdout=StringIO(), stderr=StringIO())
        first = set(es.indices.get_alias(name=settings.ELASTICSEARCH_INDEX))
        call_command("search_index", "--rebuild", stdout=StringIO(), stderr=StringIO())
        second = set(es.indices.get_alias(name=settings.ELASTICSEARCH_INDEX))
        assert len(first) == len(second) == 1 and first != second
        assert not es.indices.exists(index=list(first)[0])  # the old index is gone
        assert es.count(index=settings.ELASTICSEARCH_INDEX)["count"] == 7
    finally:
        if es.indices.exists_alias(name=settings.ELASTICSEARCH_INDEX):
            for index in es.indices.get_alias(name=settings.ELASTICSEARCH_INDEX):
                es.indices.delete(index=index, ignore_unavailable=True)
