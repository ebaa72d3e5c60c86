"""Database search backend: the default, on SQLite and PostgreSQL.

Matching is accent-free through the folded search column (search.models); every query
token must start a word of the product's text ("mien dong" finds "Miến dong Tài
Hoan"). Relevance ranks title matches, then exact-accent matches, stars and stock.
When nothing matches, the query is corrected against the catalogue's vocabulary
("mat ongg" → "mat ong") and rerun; if that fails too, the closest title is offered
as "did you mean" (pg_trgm similarity over the unaccented title on PostgreSQL, difflib
over the cached titles elsewhere).
"""
import difflib

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    CharField,
    FloatField,
    Func,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from search.backends.base import (
    FACETS,
    PRICE_BANDS,
    Facet,
    FacetValue,
    SearchBackend,
    SearchResults,
    Suggestion,
    price_band,
)
from search.folding import fold, normalise
from search.models import ProductSearchEntry
from search.selectors import on_sale_products

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
OcopCertificate = get_model("catalogue", "OcopCertificate")
StockRecord = get_model("partner", "StockRecord")

MAX_TOKENS = 8


class DatabaseBackend(SearchBackend):
    name = "database"

    # --- query building -----------------------------------------------------------
    def annotated(self):
        """The gate plus stars, price and stock, built once per day per backend instance."""
        from django.utils import timezone

        today = timezone.localdate()
        cached = getattr(self, "_annotated", None)
        if cached is None or cached[0] != today:
            self._annotated = cached = (today, self._build_annotated())
        return cached[1]

    def _build_annotated(self):
        # Stars, price and stock come from the search row (kept current by signals);
        # products without a row (bulk-loaded, not yet indexed) still list, unfaceted.
        return on_sale_products().annotate(
            s_stars=F("search_entry__stars"),
            s_price=F("search_entry__price"),
            s_in_stock=Coalesce(F("search_entry__in_stock"), Value(False)),
        )

    def _in_category(self, category):
        return Exists(
            ProductCategory.objects.filter(product=OuterRef("pk"), category__path__startswith=category.path)
        )

    def filtered(self, query, categories, text_tokens):
        qs = self.annotated()
        if query.category and query.category in categories:
            qs = qs.filter(self._in_category(categories[query.category]))
        if query.group:
            qs = qs.filter(self._in_category(categories[query.group])) if query.group in categories else qs.none()
        if query.subgroup:
            qs = qs.filter(self._in_category(categories[query.subgroup])) if query.subgroup in categories else qs.none()
        if query.stars:
            qs = qs.filter(s_stars=query.stars)
        if query.district:
            qs = qs.filter(search_entry__district=query.district)
        if query.producer:
            qs = qs.filter(search_entry__producer_slug=query.producer)
        if query.price:
            band = price_band(query.price)
            if band is None:
                return qs.none()
            if band[1] is not None:
                qs = qs.filter(s_price__gte=band[1])
            if band[2] is not None:
                qs = qs.filter(s_price__lt=band[2])
        if query.in_stock:
            qs = qs.filter(s_in_stock=True)
        for token in text_tokens:
            qs = qs.filter(search_entry__text_folded__contains=f" {token}")
        return qs

    def ordered(self, qs, query, text):
        folded = fold(text)
        if query.sort == "price_asc":
            return qs.order_by(F("s_price").asc(nulls_last=True), "-pk")
        if query.sort == "price_desc":
            return qs.order_by(F("s_price").desc(nulls_last=True), "-pk")
        if query.sort == "newest":
            return qs.order_by("-date_created", "-pk")
        if query.sort == "stars":
            return qs.order_by(F("s_stars").desc(nulls_last=True), "-date_created", "-pk")
        if not folded:
            return qs.order_by("-s_in_stock", F("s_stars").desc(nulls_last=True), "-date_created", "-pk")
        score = self.relevance(folded, normalise(text))
        return qs.annotate(s_score=score).order_by("-s_score", "-s_in_stock", "-date_created", "-pk")

    def relevance(self, folded, accented):
        def when(condition, points):
            return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())

        tokens = folded.split()[:MAX_TOKENS]
        score = (
            when(Q(search_entry__title_folded=f" {folded} "), 100)
            + when(Q(search_entry__title_folded__startswith=f" {folded} "), 40)
            + when(Q(search_entry__title_folded__startswith=f" {folded}"), 20)
            + when(Q(search_entry__title_folded__contains=f" {folded} "), 30)
            + when(Q(search_entry__title_normal__contains=f" {accented}"), 25)
            + when(Q(s_in_stock=True), 3)
            + Coalesce(F("s_stars"), 0) * 2
        )
        for token in tokens:
            score = score + when(Q(search_entry__title_folded__contains=f" {token} "), 10)
            score = score + when(Q(search_entry__title_folded__contains=f" {token}"), 5)
        return score

    # --- facets ---------------------------------------------------------------------
    def facets(self, query, categories, text_tokens):
        facets = []
        steplen = Category.steplen

        def base(name):
            return self.filtered(query.without(name), categories, text_tokens)

        # Product groups (top-level categories) and sub-groups: counted by path prefix.
        group_qs = base("group")
        rows = (
            ProductCategory.objects.filter(product__in=group_qs.values("pk"))
            .annotate(top=Substr("category__path", 1, steplen))
            .values("top")
            .annotate(n=Count("product", distinct=True))
        )
        counts = {row["top"]: row["n"] for row in rows}
        groups = Category.objects.filter(depth=1, path__in=list(counts)).order_by("path")
        facets.append(
            Facet(
                "group",
                FACETS["group"],
                [FacetValue(str(c.pk), c.name, counts[c.path], query.group == c.pk) for c in groups],
            )
        )
        parent = categories.get(query.group) or categories.get(query.category)
        if parent is not None and parent.depth == 1:
            sub_qs = base("subgroup")
            rows = (
                ProductCategory.objects.filter(product__in=sub_qs.values("pk"), category__path__startswith=parent.path)
                .exclude(category__depth=1)
                .annotate(sub=Substr("category__path", 1, 2 * steplen))
                .values("sub")
                .annotate(n=Count("product", distinct=True))
            )
            counts = {row["sub"]: row["n"] for row in rows}
            subs = Category.objects.filter(depth=2, path__in=list(counts)).order_by("path")
            facets.append(
                Facet(
                    "subgroup",
                    FACETS["subgroup"],
                    [FacetValue(str(c.pk), c.name, counts[c.path], query.subgroup == c.pk) for c in subs],
                )
            )

        rows = base("stars").values("s_stars").annotate(n=Count("pk")).order_by("-s_stars")
        facets.append(
            Facet(
                "stars",
                FACETS["stars"],
                [
                    FacetValue(str(r["s_stars"]), _("%(n)s sao") % {"n": r["s_stars"]}, r["n"], query.stars == r["s_stars"])
                    for r in rows
                    if r["s_stars"]
                ],
            )
        )
        rows = (
            base("district")
            .exclude(search_entry__district="")
            .exclude(search_entry__district__isnull=True)
            .values("search_entry__district")
            .annotate(n=Count("pk"))
            .order_by("search_entry__district")
        )
        facets.append(
            Facet(
                "district",
                FACETS["district"],
                [
                    FacetValue(r["search_entry__district"], r["search_entry__district"], r["n"], query.district == r["search_entry__district"])
                    for r in rows
                ],
            )
        )
        rows = (
            base("producer")
            .exclude(search_entry__producer_slug="")
            .exclude(search_entry__producer_slug__isnull=True)
            .values("search_entry__producer_slug", "search_entry__producer_name")
            .annotate(n=Count("pk"))
            .order_by("search_entry__producer_name")
        )
        facets.append(
            Facet(
                "producer",
                FACETS["producer"],
                [
                    FacetValue(
                        r["search_entry__producer_slug"],
                        r["search_entry__producer_name"],
                        r["n"],
                        query.producer == r["search_entry__producer_slug"],
                    )
                    for r in rows
                ],
            )
        )
        aggregates = {}
        for key, low, high, _label in PRICE_BANDS:
            condition = Q()
            if low is not None:
                condition &= Q(s_price__gte=low)
            if high is not None:
                condition &= Q(s_price__lt=high)
            aggregates[f"band_{PRICE_BANDS.index((key, low, high, _label))}"] = Count("pk", filter=condition)
        totals = base("price").aggregate(**aggregates)
        facets.append(
            Facet(
                "price",
                FACETS["price"],
                [
                    FacetValue(key, str(label), totals[f"band_{i}"], query.price == key)
                    for i, (key, _low, _high, label) in enumerate(PRICE_BANDS)
                    if totals[f"band_{i}"]
                ],
            )
        )
        n = base("in_stock").filter(s_in_stock=True).count()
        facets.append(Facet("in_stock", FACETS["in_stock"], [FacetValue("1", _("Còn hàng"), n, query.in_stock)] if n else []))
        return facets

    # --- the contract -----------------------------------------------------------------
    def _categories(self, query):
        ids = {pk for pk in (query.group, query.subgroup, query.category) if pk}
        if not ids:
            return {}
        return {c.pk: c for c in Category.objects.filter(pk__in=ids)}

    def _run(self, query, text, categories, with_facets=True):
        text_tokens = fold(text).split()[:MAX_TOKENS]
        qs = self.filtered(query, categories, text_tokens)
        total = qs.count()
        ids = []
        if total:
            ids = list(self.ordered(qs, query, text).values_list("pk", flat=True)[query.offset : query.offset + query.per_page])
        facets = self.facets(query, categories, text_tokens) if with_facets and total else []
        return SearchResults(product_ids=ids, total=total, facets=facets, backend=self.name)

    def search(self, query):
        categories = self._categories(query)
        results = self._run(query, query.text, categories)
        if results.total or not fold(query.text):
            return results
        corrected = self.correct(query.text)
        if corrected and corrected != fold(query.text):
            retry = self._run(query, corrected, categories)
            if retry.total:
                retry.corrected_text = corrected
                return retry
        results.suggestion = self.closest_title(query.text) or ""
        return results

    # --- typo tolerance and "did you mean" --------------------------------------------
    def _vocabulary(self):
        entries = ProductSearchEntry.objects.filter(product__in=on_sale_products().values("pk"))
        state = entries.aggregate(n=Count("pk"), last=Max("updated_at"))
        stamp = state["last"].timestamp() if state["last"] else 0
        key = f"search:db:vocab:{state['n']}:{stamp}"
        cached = cache.get(key)
        if cached is None:
            titles = list(entries.values_list("product__title", "title_folded"))
            words = set()
            for _title, folded_title in titles:
                words.update(folded_title.split())
            for name in Category.objects.values_list("name", flat=True):
                words.update(fold(name).split())
            cached = {"words": sorted(words), "titles": [(f.strip(), title) for title, f in titles]}
            cache.set(key, cached, 600)
        return cached

    def correct(self, text):
        vocabulary = self._vocabulary()
        words = vocabulary["words"]
        known = set(words)
        corrected = []
        for token in fold(text).split()[:MAX_TOKENS]:
            if token in known or len(token) < 3:
                corrected.append(token)
                continue
            match = difflib.get_close_matches(token, words, n=1, cutoff=0.75)
            corrected.append(match[0] if match else token)
        return " ".join(corrected)

    def closest_title(self, text):
        if connection.vendor == "postgresql":
            return self._closest_title_trigram(text)
        titles = self._vocabulary()["titles"]
        folded_titles = [folded for folded, _normal in titles]
        match = difflib.get_close_matches(fold(text), folded_titles, n=1, cutoff=0.5)
        if not match:
            return ""
        return dict(titles)[match[0]]

    def _closest_title_trigram(self, text):
        """PostgreSQL: pg_trgm similarity on the unaccented title (indexed by migration 0002)."""
        unaccented = Func(F("title_normal"), function="ocop_unaccent", output_field=CharField())
        similarity = Func(Value(fold(text)), unaccented, function="similarity", output_field=FloatField())
        title = (
            ProductSearchEntry.objects.filter(product__in=on_sale_products().values("pk"))
            .annotate(s_similarity=similarity)
            .filter(s_similarity__gte=0.3)
            .order_by("-s_similarity", "product_id")
            .values_list("product__title", flat=True)
            .first()
        )
        return title or ""

    def suggest(self, prefix, limit=8):
        tokens = fold(prefix).split()[:MAX_TOKENS]
        if not tokens:
            return []
        qs = on_sale_products()
        for token in tokens:
            qs = qs.filter(search_entry__title_folded__contains=f" {token}")
        starts = Case(
            When(search_entry__title_folded__startswith=f" {' '.join(tokens)}", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        rows = qs.annotate(s_starts=starts).order_by("-s_starts", "title", "pk").values("pk", "title", "slug")[:limit]
        return [
            Suggestion(
                title=row["title"],
                url=reverse("catalogue:detail", kwargs={"product_slug": row["slug"], "pk": row["pk"]}),
                product_id=row["pk"],
            )
            for row in rows
        ]
