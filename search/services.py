"""The database search rows (folded text for the database backend); written through `search.backends`."""
from oscar.core.loading import get_model

from search.documents import product_search_data
from search.models import ProductSearchEntry

Product = get_model("catalogue", "Product")

ENTRY_FIELDS = (
    "title_folded",
    "title_normal",
    "text",
    "text_folded",
    "district",
    "producer_slug",
    "producer_name",
    "stars",
    "price",
    "in_stock",
)


def products_for_indexing():
    return Product.objects.select_related("parent", "product_class", "parent__product_class").prefetch_related(
        "categories", "stockrecords__partner__producer_profile", "ocop_certificates"
    )


def search_entries_refresh(*, product_ids):
    """Rebuild the folded search rows of these products (parents stand for their children)."""
    ids = set(product_ids)
    entries = []
    for product in products_for_indexing().filter(pk__in=ids):
        data = product_search_data(product)
        values = {name: data[name] for name in ENTRY_FIELDS}
        values["title_folded"] = values["title_folded"][:400]
        values["title_normal"] = values["title_normal"][:400]
        entries.append(ProductSearchEntry(product=product, **values))
    ProductSearchEntry.objects.filter(product_id__in=ids).delete()
    ProductSearchEntry.objects.bulk_create(entries)


def search_entries_rebuild(*, batch_size=500, progress=None):
    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        search_entries_refresh(product_ids=batch)
        if progress:
            progress(len(batch))
    ProductSearchEntry.objects.exclude(product_id__in=ids).delete()
    return len(ids)


def search_index_enqueue(*, product_ids):
    """Record that these products must be pushed to Elasticsearch (when it is configured): a
    background job in the caller's transaction, run by a worker after the commit and retried
    with backoff while the cluster is down (search_index_push)."""
    import uuid

    from background.services import job_enqueue
    from search.backends import elasticsearch_configured

    if not elasticsearch_configured():
        return None
    return job_enqueue("search.services.search_index_push", key=f"search:{uuid.uuid4().hex}",
                       product_ids=sorted(set(product_ids)))


def search_index_push(*, product_ids):
    """Worker: push these products to Elasticsearch through its backend; a failure raises, so the job is retried."""
    from search.backends import index_backends

    for backend in index_backends(database=False):
        backend.update_products(product_ids)

