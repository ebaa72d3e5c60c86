"""English columns beside the Vietnamese text (django-modeltranslation; see translation.py)."""
from django.db import migrations, models

from marketplace.content_language import copy_into_canonical_columns

TRANSLATED = {
    ("gift_baskets", "CultureTheme"): ("name", "story"),
}


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
        migrations.RunPython(copy_into_canonical_columns(TRANSLATED), migrations.RunPython.noop),
    ]
