"""Product slugs Oscar's default slugifier made from Vietnamese titles ("Trà hoa đu đủ đực" →
"tra-hoa-u0111u-u0111u-u0111uc") are re-made with search.folding.slugify ("tra-hoa-du-du-duc").
Product URLs carry the primary key, and Oscar's ProductDetailView answers the old path with a
301 to the new one, so no redirect table is needed here."""
from django.db import migrations


def fold_slugs(apps, schema_editor):
    from oscar.core.utils import default_slugifier

    from search.folding import slugify

    Product = apps.get_model("catalogue", "Product")
    for product in Product.objects.exclude(title="").only("pk", "title", "slug"):
        new = slugify(product.title)[:255]
        if new and product.slug != new and product.slug == default_slugifier(product.title)[:255]:
            Product.objects.filter(pk=product.pk).update(slug=new)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_private_certificate_scans")]
    operations = [migrations.RunPython(fold_slugs, migrations.RunPython.noop)]
