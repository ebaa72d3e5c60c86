"""Storefront slugs made before slugs folded Vietnamese lost "đ" ("HTX Thành Đạt" → "htx-thanh-at").
Each slug that the old slugify made from the producer's name is re-made with search.folding.slugify;
the old one is kept as an OldSlug, so /shops/<old>/ answers 301."""
from django.db import migrations
from django.utils.text import slugify as django_slugify


def fold_slugs(apps, schema_editor):
    from search.folding import slugify

    ProducerProfile = apps.get_model("shops", "ProducerProfile")
    OldSlug = apps.get_model("shops", "OldSlug")
    for profile in ProducerProfile.objects.select_related("partner"):
        name = profile.partner.name
        old = profile.slug
        if not (old == django_slugify(name) or old.startswith(django_slugify(name) + "-")):
            continue  # chosen by hand: left alone
        new = old.replace(django_slugify(name), slugify(name), 1)[:140]
        if new == old or ProducerProfile.objects.filter(slug=new).exists():
            continue
        profile.slug = new
        profile.save(update_fields=["slug"])
        OldSlug.objects.update_or_create(slug=old, defaults={"profile": profile})


class Migration(migrations.Migration):
    dependencies = [("shops", "0005_old_slugs")]
    operations = [migrations.RunPython(fold_slugs, migrations.RunPython.noop)]
