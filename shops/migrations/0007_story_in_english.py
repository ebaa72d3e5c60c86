"""English columns beside the Vietnamese text (django-modeltranslation; see translation.py)."""
import wagtail.fields
from django.db import migrations
from django.db.models import F

TRANSLATED = {
    ("shops", "ProducerProfile"): ("story",),
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
        ('shops', '0006_fold_vietnamese_slugs'),
    ]

    operations = [
        migrations.AddField(
            model_name='producerprofile',
            name='story_en',
            field=wagtail.fields.RichTextField(blank=True, null=True, verbose_name='câu chuyện'),
        ),
        migrations.AddField(
            model_name='producerprofile',
            name='story_vi',
            field=wagtail.fields.RichTextField(blank=True, null=True, verbose_name='câu chuyện'),
        ),
        migrations.RunPython(copy_into_vietnamese, migrations.RunPython.noop),
    ]
