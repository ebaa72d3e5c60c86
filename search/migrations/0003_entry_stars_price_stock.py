from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_search")]

    operations = [
        migrations.AddField(
            model_name="productsearchentry",
            name="stars",
            field=models.PositiveSmallIntegerField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="productsearchentry",
            name="price",
            field=models.DecimalField(blank=True, db_index=True, decimal_places=2, max_digits=12, null=True),
        ),
        migrations.AddField(
            model_name="productsearchentry",
            name="in_stock",
            field=models.BooleanField(default=False),
        ),
    ]
