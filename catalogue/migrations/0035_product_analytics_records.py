"""Backfill Oscar's analytics row of every existing product (see catalogue/analytics.py)."""
from django.db import migrations


def backfill(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    ProductRecord = apps.get_model("analytics", "ProductRecord")
    missing = Product.objects.exclude(pk__in=ProductRecord.objects.values("product_id")).values_list("pk", flat=True)
    ProductRecord.objects.bulk_create([ProductRecord(product_id=pk) for pk in missing], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0034_traceability"),
        ("analytics", "0003_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
