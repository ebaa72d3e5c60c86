"""English columns beside the Vietnamese text (django-modeltranslation; see translation.py)."""
from django.db import migrations, models
from django.db.models import F

TRANSLATED = {
    ("gift_baskets", "CultureTheme"): ("name", "story"),
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
        ('gift_baskets', '0003_story_vi_and_honest_descriptions'),
    ]

    operations = [
        migrations.AddField(
            model_name='culturetheme',
            name='name_en',
            field=models.CharField(max_length=128, null=True, verbose_name='tên'),
        ),
        migrations.AddField(
            model_name='culturetheme',
            name='name_vi',
            field=models.CharField(max_length=128, null=True, verbose_name='tên'),
        ),
        migrations.AddField(
            model_name='culturetheme',
            name='story_en',
            field=models.TextField(blank=True, null=True, verbose_name='câu chuyện'),
        ),
        migrations.AddField(
            model_name='culturetheme',
            name='story_vi',
            field=models.TextField(blank=True, null=True, verbose_name='câu chuyện'),
        ),
        migrations.RunPython(copy_into_vietnamese, migrations.RunPython.noop),
    ]
