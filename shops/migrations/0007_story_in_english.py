"""English columns beside the Vietnamese text (django-modeltranslation; see translation.py)."""
import wagtail.fields
from django.db import migrations

from marketplace.content_language import copy_into_canonical_columns

TRANSLATED = {
    ("shops", "ProducerProfile"): ("story",),
}


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
        migrations.RunPython(copy_into_canonical_columns(TRANSLATED), migrations.RunPython.noop),
    ]
