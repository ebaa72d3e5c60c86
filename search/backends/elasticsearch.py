"""Elasticsearch backend (when ELASTICSEARCH_URL is set), through elasticsearch.dsl.

Mapping: the accented title/text (analyzer `vi_accent`) and their folded twins
(`vi_fold`) are indexed as separate fields filled by the document builder with
search.folding.fold() — not through `copy_to`, which the test emulator lacks; feeding
both fields explicitly is equally right on Elasticsearch 8 and keeps Python and the
index agreeing on "đ" → "d". Exact-accent matches score higher because the accented
field is queried with the original text. Suggestions use an edge-n-gram field.

The OCOP gate is part of every query: each product carries its certificates' on-sale
windows (a nested [from, until] per certificate that `is_current` on its first day),
and the query keeps only products with a window containing today. Stars and in-stock
boost relevance through function_score. Facets are aggregations, each filtered by the
other facets' filters, so a facet's count equals what choosing it returns.

`FallbackBackend` serves the database backend whenever Elasticsearch fails or takes
longer than one second, and logs the failure.
"""
import functools
import logging
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Long,
    Nested,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from oscar.core.loading import get_model

from marketplace.content_language import canonical_language
from search.backends.base import FACETS, PRICE_BANDS, Facet, FacetValue, SearchBackend, SearchResults, Suggestion, price_band
from search.documents import product_search_data
from search.folding import fold
from search.services import products_for_indexing

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 1

vi_accent = analyzer("vi_accent", tokenizer="standard", filter=["lowercase"])
vi_fold = analyzer("vi_fold", tokenizer="standard", filter=["lowercase", "asciifolding"])
vi_autocomplete = analyzer(
    "vi_autocomplete",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", token_filter("vi_edge", type="edge_ngram", min_gram=1, max_gram=20)],
)


class OnSaleWindow(InnerDoc):
    start = Date()
    end = Date()


class ProductDocument(Document):
    title = Text(analyzer=vi_accent)
    title_folded = Text(analyzer=vi_fold)
    title_suggest = Text(analyzer=vi_autocomplete, search_analyzer=vi_fold)
    text = Text(analyzer=vi_accent)
    text_folded = Text(analyzer=vi_fold)
    slug = Keyword(index=False)
    category_ids = Keyword()  # every category and its ancestors (category pages)
    group_ids = Keyword()
    subgroup_ids = Keyword()
    stars = Integer()
    price = Long()
    in_stock = Boolean()
    district = Keyword()
    producer_slug = Keyword()
    producer_name = Keyword()
    date_created = Date()
    on_sale = Nested(OnSaleWindow)


def alias_name():
    return getattr(settings, "ELASTICSEARCH_INDEX", "ocop-products")


@functools.lru_cache(maxsize=4)
def _client(url):
    return Elasticsearch(url, request_timeout=TIMEOUT_SECONDS, max_retries=0, retry_on_timeout=False)


def client():
    """The process's one Elasticsearch client (thread-safe, pooled connections), per configured URL."""
    return _client(settings.ELASTICSEARCH_URL)


def product_document(product):
    """The Elasticsearch source of one browsable product, in Vietnamese (see product_search_data)."""
    with canonical_language():
        return _product_document(product)


def _product_document(product):
    data = product_search_data(product)
    category_ids, group_ids, subgroup_ids = set(), set(), set()
    paths = {c.path for c in data["categories"]}
    steplen = Category.steplen
    ancestor_paths = {path[:n] for path in paths for n in range(steplen, len(path) + 1, steplen)}
    by_path = _categories_by_path(ancestor_paths)
    for path in ancestor_paths:
        category = by_path.get(path)
        if category is None:
            continue
        category_ids.add(str(category.pk))
        if category.depth == 1:
            group_ids.add(str(category.pk))
        elif category.depth == 2:
            subgroup_ids.add(str(category.pk))
    windows = [
        {"start": c.decision_date.isoformat(), "end": c.valid_until.isoformat()}
        for c in product.ocop_certificates.all()
        # A window per certificate that the gate accepts on its first day.
        if c.valid_until and c.is_current(on=c.decision_date)
    ]
    return {
        "title": product.title,
        "title_folded": fold(product.title),
        "title_suggest": fold(product.title),
        "text": data["text"],
        "text_folded": fold(data["text"]),
        "slug": product.slug,
        "category_ids": sorted(category_ids),
        "group_ids": sorted(group_ids),
        "subgroup_ids": sorted(subgroup_ids),
        "stars": data["stars"],
        "price": int(data["price"]) if data["price"] is not None else None,
        "in_stock": data["in_stock"],
        "district": data["district"],
        "producer_slug": data["producer_slug"],
        "producer_name": data["producer_name"],
        "date_created": product.date_created.isoformat(),
        "on_sale": windows,
    }


_CATEGORY_CACHE = {}


def _categories_by_path(paths):
    missing = [p for p in paths if p not in _CATEGORY_CACHE]
    if missing:
        for category in Category.objects.filter(path__in=missing):
            _CATEGORY_CACHE[category.path] = category
    return {p: _CATEGORY_CACHE[p] for p in paths if p in _CATEGORY_CACHE}


def is_indexable(product):
    return product.is_public and not product.is_child


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, es=None):
        self.es = es or client()  # shoppers' queries: 1 s, then the database answers
        self.admin = self.es.options(request_timeout=60)  # index management: bulk may take longer
        self.alias = alias_name()

    # --- index management -------------------------------------------------------------
    def new_index(self, name):
        index = Index(name, using=self.admin)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.document(ProductDocument)
        index.create()
        return name

    def ensure_index(self):
        if not self.admin.indices.exists_alias(name=self.alias):
            name = self.new_index(f"{self.alias}-{datetime.now():%Y%m%d%H%M%S%f}")
            self.admin.indices.put_alias(index=name, name=self.alias)

    def rebuild(self, *, batch_size=500, progress=None):
        """Index every browsable product into a new index, then swap the alias atomically."""
        _CATEGORY_CACHE.clear()
        name = self.new_index(f"{self.alias}-{datetime.now():%Y%m%d%H%M%S%f}")
        ids = list(Product.objects.browsable().order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            batch = products_for_indexing().filter(pk__in=ids[start : start + batch_size])
            actions = [
                {"_index": name, "_id": product.pk, "_source": product_document(product)}
                for product in batch
                if is_indexable(product)
            ]
            helpers.bulk(self.admin, actions)
            if progress:
                progress(len(actions))
        self.admin.indices.refresh(index=name)
        old = list(self.admin.indices.get_alias(name=self.alias)) if self.admin.indices.exists_alias(name=self.alias) else []
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.admin.indices.update_aliases(actions=actions)
        for index in old:
            self.admin.indices.delete(index=index, ignore_unavailable=True)
        return len(ids)

    def update_products(self, product_ids, refresh=False):
        self.ensure_index()
        products = {
            p.pk: p for p in products_for_indexing().filter(pk__in=product_ids)
        }
        actions = []
        for pk in product_ids:
            product = products.get(pk)
            if product is not None and is_indexable(product):
                actions.append({"_op_type": "index", "_index": self.alias, "_id": pk, "_source": product_document(product)})
            else:
                actions.append({"_op_type": "delete", "_index": self.alias, "_id": pk})
        helpers.bulk(self.admin, actions, raise_on_error=False)
        if refresh:
            self.admin.indices.refresh(index=self.alias)

    # --- queries -------------------------------------------------------------------------
    def gate(self):
        today = timezone.localdate().isoformat()
        return Q(
            "nested",
            path="on_sale",
            query=Q("range", on_sale__start={"lte": today}) & Q("range", on_sale__end={"gte": today}),
        )

    def filter_clauses(self, query, skip=None):
        clauses = []
        if query.category:
            clauses.append(Q("term", category_ids=str(query.category)))
        if query.group and skip != "group":
            clauses.append(Q("term", group_ids=str(query.group)))
        if query.subgroup and skip not in ("subgroup", "group"):
            clauses.append(Q("term", subgroup_ids=str(query.subgroup)))
        if query.stars and skip != "stars":
            clauses.append(Q("term", stars=query.stars))
        if query.district and skip != "district":
            clauses.append(Q("term", district=query.district))
        if query.producer and skip != "producer":
            clauses.append(Q("term", producer_slug=query.producer))
        if query.price and skip != "price":
            band = price_band(query.price)
            if band is None:
                clauses.append(Q("ids", values=[]))
            else:
                bounds = {}
                if band[1] is not None:
                    bounds["gte"] = int(band[1])
                if band[2] is not None:
                    bounds["lt"] = int(band[2])
                clauses.append(Q("range", price=bounds))
        if query.in_stock and skip != "in_stock":
            clauses.append(Q("term", in_stock=True))
        return clauses

    def text_query(self, text):
        folded = fold(text)
        return Q(
            "bool",
            should=[
                Q("match", title_folded={"query": folded, "operator": "and", "fuzziness": "AUTO", "boost": 3}),
                Q("match_phrase", title_folded={"query": folded, "boost": 6}),
                Q("match", title={"query": text.lower(), "operator": "and", "boost": 4}),
                Q("match", text_folded={"query": folded, "operator": "and", "fuzziness": "AUTO", "boost": 1}),
            ],
            minimum_should_match=1,
        )

    def build(self, query):
        search = Search(using=self.es, index=self.alias)
        must = [self.text_query(query.text)] if fold(query.text) else []
        base = Q("bool", filter=[self.gate()], must=must)
        scored = Q(
            "function_score",
            query=base,
            functions=[
                {"field_value_factor": {"field": "stars", "factor": 0.3, "missing": 0}},
                {"filter": {"term": {"in_stock": True}}, "weight": 0.5},
            ],
            score_mode="sum",
            boost_mode="sum",
        )
        search = search.query(scored)
        clauses = self.filter_clauses(query)
        if clauses:
            search = search.post_filter(Q("bool", filter=clauses))
        for name, field in (
            ("group", "group_ids"),
            ("subgroup", "subgroup_ids"),
            ("stars", "stars"),
            ("district", "district"),
            ("producer", "producer_slug"),
        ):
            others = self.filter_clauses(query, skip=name)
            agg = search.aggs.bucket(name, "filter", filter=Q("bool", filter=others) if others else Q("match_all"))
            agg.bucket("values", "terms", field=field, size=100)
            if name == "producer":
                agg.aggs["values"].bucket("names", "terms", field="producer_name", size=1)
        others = self.filter_clauses(query, skip="price")
        ranges = []
        for key, low, high, _label in PRICE_BANDS:
            bucket = {"key": key}
            if low is not None:
                bucket["from"] = int(low)
            if high is not None:
                bucket["to"] = int(high)
            ranges.append(bucket)
        search.aggs.bucket("price", "filter", filter=Q("bool", filter=others) if others else Q("match_all")).bucket(
            "values", "range", field="price", ranges=ranges
        )
        others = self.filter_clauses(query, skip="in_stock") + [Q("term", in_stock=True)]
        search.aggs.bucket("in_stock", "filter", filter=Q("bool", filter=others))
        sort = {
            "price_asc": [{"price": {"order": "asc", "missing": "_last"}}, {"date_created": "desc"}],
            "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}],
            "newest": [{"date_created": "desc"}],
            "stars": [{"stars": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}],
        }.get(query.sort)
        if sort is None:
            sort = ["_score", {"date_created": "desc"}] if must else [
                {"in_stock": "desc"}, {"stars": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}
            ]
        search = search.sort(*sort).extra(track_total_hits=True, size=query.per_page, **{"from": query.offset})
        return search.source(False)

    def search(self, query):
        response = self.build(query).execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        total = response.hits.total.value
        aggs = response.aggregations.to_dict()
        facets = self.facets(query, aggs) if total else []
        results = SearchResults(product_ids=ids, total=total, facets=facets, backend=self.name)
        if not total and fold(query.text):
            results.suggestion = self.did_you_mean(query.text)
        return results

    def facets(self, query, aggs):
        def buckets(name):
            return [b for b in aggs.get(name, {}).get("values", {}).get("buckets", []) if b["doc_count"]]

        category_ids = {int(b["key"]) for name in ("group", "subgroup") for b in buckets(name)}
        categories = {c.pk: c for c in Category.objects.filter(pk__in=category_ids)} if category_ids else {}
        facets = []
        groups = sorted(
            (b for b in buckets("group") if int(b["key"]) in categories), key=lambda b: categories[int(b["key"])].path
        )
        facets.append(
            Facet("group", FACETS["group"], [
                FacetValue(b["key"], categories[int(b["key"])].name, b["doc_count"], query.group == int(b["key"]))
                for b in groups
            ])
        )
        parent_id = query.group or query.category
        parent = Category.objects.filter(pk=parent_id, depth=1).first() if parent_id else None
        if parent is not None:
            subs = sorted(
                (b for b in buckets("subgroup") if int(b["key"]) in categories and categories[int(b["key"])].path.startswith(parent.path)),
                key=lambda b: categories[int(b["key"])].path,
            )
            facets.append(
                Facet("subgroup", FACETS["subgroup"], [
                    FacetValue(b["key"], categories[int(b["key"])].name, b["doc_count"], query.subgroup == int(b["key"]))
                    for b in subs
                ])
            )
        facets.append(
            Facet("stars", FACETS["stars"], [
                FacetValue(str(b["key"]), _("%(n)s sao") % {"n": b["key"]}, b["doc_count"], query.stars == int(b["key"]))
                for b in sorted(buckets("stars"), key=lambda b: -int(b["key"]))
            ])
        )
        facets.append(
            Facet("district", FACETS["district"], [
                FacetValue(b["key"], b["key"], b["doc_count"], query.district == b["key"])
                for b in sorted(buckets("district"), key=lambda b: b["key"]) if b["key"]
            ])
        )
        producers = []
        for b in buckets("producer"):
            if not b["key"]:
                continue
            names = b.get("names", {}).get("buckets", [])
            producers.append(FacetValue(b["key"], names[0]["key"] if names else b["key"], b["doc_count"], query.producer == b["key"]))
        facets.append(Facet("producer", FACETS["producer"], sorted(producers, key=lambda v: v.label)))
        labels = {key: label for key, _low, _high, label in PRICE_BANDS}
        facets.append(
            Facet("price", FACETS["price"], [
                FacetValue(b["key"], str(labels[b["key"]]), b["doc_count"], query.price == b["key"])
                for b in buckets("price") if b["key"] in labels
            ])
        )
        n = aggs.get("in_stock", {}).get("doc_count", 0)
        facets.append(Facet("in_stock", FACETS["in_stock"], [FacetValue("1", _("Còn hàng"), n, query.in_stock)] if n else []))
        return facets

    def did_you_mean(self, text):
        """The closest on-sale title (fuzzy on every word, any of them), or ''."""
        folded = fold(text)
        search = Search(using=self.es, index=self.alias).query(
            Q("bool", filter=[self.gate()], must=[Q("match", title_folded={"query": folded, "fuzziness": 2, "operator": "or"})])
        ).extra(size=1).source(["title"])
        hits = search.execute().hits
        return hits[0].title if len(hits) else ""

    def suggest(self, prefix, limit=8):
        folded = fold(prefix)
        if not folded:
            return []
        search = (
            Search(using=self.es, index=self.alias)
            .query(
                Q(
                    "bool",
                    filter=[self.gate()],
                    must=[Q("match", title_suggest={"query": folded, "operator": "and"})],
                    should=[Q("match_phrase_prefix", title_folded={"query": folded})],
                )
            )
            .extra(size=limit)
            .source(["title", "slug"])
        )
        from django.urls import reverse

        return [
            Suggestion(
                title=hit.title,
                url=reverse("catalogue:detail", kwargs={"product_slug": hit.slug, "pk": int(hit.meta.id)}),
                product_id=int(hit.meta.id),
            )
            for hit in search.execute().hits
        ]


class FallbackBackend(SearchBackend):
    """Elasticsearch first; the database when it is unreachable, slow (> 1 s) or failing."""

    name = "elasticsearch"

    def __init__(self):
        from search.backends.database import DatabaseBackend

        self.primary = ElasticsearchBackend()
        self.fallback = DatabaseBackend()

    def _call(self, method, *args, **kwargs):
        try:
            return getattr(self.primary, method)(*args, **kwargs)
        except Exception as exc:  # any Elasticsearch failure: serve from the database
            logger.warning("search: Elasticsearch %s failed, served by the database: %s: %s", method, type(exc).__name__, exc)
            return getattr(self.fallback, method)(*args, **kwargs)

    def search(self, query):
        return self._call("search", query)

    def suggest(self, prefix, limit=8):
        return self._call("suggest", prefix, limit=limit)
