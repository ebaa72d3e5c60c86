"""The database backend's search column: one folded row per product.

Maintained by the model layer (search.signals refreshes it in the same transaction as
the product, its categories or its producer change), so SQLite gets accent-free
matching without any database extension. On PostgreSQL a migration adds trigram and
full-text indexes over it (see migrations/0002).
"""
from django.db import models


class ProductSearchEntry(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    # Padded with spaces (" mien dong tai hoan ") so " word" matches a word start.
    title_folded = models.CharField(max_length=400)
    title_normal = models.CharField(max_length=400)  # accents kept, lower-case: exact-accent boost
    text_folded = models.TextField()  # title, groups, producer, district, commune, description
    text = models.TextField()  # the same with accents (PostgreSQL full-text through unaccent)
    district = models.CharField(max_length=100, blank=True, db_index=True)
    producer_slug = models.CharField(max_length=140, blank=True, db_index=True)
    producer_name = models.CharField(max_length=255, blank=True)
    stars = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, db_index=True)
    in_stock = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "product search entry"

    def __str__(self):
        return self.title_normal.strip()
