"""English columns beside the Vietnamese text (django-modeltranslation; see translation.py)."""
from django.db import migrations, models
from django.db.models import F

TRANSLATED = {
    ("catalogue", "Product"): ("title", "description"),
    ("catalogue", "Category"): ("name", "description"),
}


def copy_into_vietnamese(apps, schema_editor):
    """Existing text is Vietnamese: it becomes the `_vi` column (the canonical one) so a
    database migrated in place keeps its content; English starts empty and falls back."""
    for (app_label, model_name), fields in TRANSLATED.items():
        model = apps.get_model(app_label, model_name)
        for field in fields:
            model._base_manager.filter(**{f"{field}_vi__isnull": True}).update(**{f"{field}_vi": F(field)})


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0038_fold_vietnamese_product_slugs'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='Description'),
        ),
        migrations.AddField(
            model_name='category',
            name='description_vi',
            field=models.TextField(blank=True, null=True, verbose_name='Description'),
        ),
        migrations.AddField(
            model_name='category',
            name='name_en',
            field=models.CharField(db_index=True, max_length=255, null=True, verbose_name='Name'),
        ),
        migrations.AddField(
            model_name='category',
            name='name_vi',
            field=models.CharField(db_index=True, max_length=255, null=True, verbose_name='Name'),
        ),
        migrations.AddField(
            model_name='product',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='Description'),
        ),
        migrations.AddField(
            model_name='product',
            name='description_vi',
            field=models.TextField(blank=True, null=True, verbose_name='Description'),
        ),
        migrations.AddField(
            model_name='product',
            name='title_en',
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name='Title'),
        ),
        migrations.AddField(
            model_name='product',
            name='title_vi',
            field=models.CharField(blank=True, max_length=255, null=True, verbose_name='Title'),
        ),
        migrations.RunPython(copy_into_vietnamese, migrations.RunPython.noop),
    ]
