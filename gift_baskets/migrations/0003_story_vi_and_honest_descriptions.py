"""Themes loaded before showed the data file's English working notes ('facts') as their story,
and curated baskets its 'basket_idea' as their description. Rows still holding those notes get
the Vietnamese story ('story_vi') and a description naming the basket's components."""
from django.db import migrations


def fix(apps, schema_editor):
    from ocop.reference_data import ocop_facts

    CultureTheme = apps.get_model("gift_baskets", "CultureTheme")
    GiftBasket = apps.get_model("gift_baskets", "GiftBasket")
    Product = apps.get_model("catalogue", "Product")
    entries = {entry["code"]: entry for entry in ocop_facts().get("culture_themes", [])}
    for theme in CultureTheme.objects.filter(code__in=entries):
        entry = entries[theme.code]
        if entry.get("story_vi") and theme.story.strip() == entry.get("facts", "").strip():
            CultureTheme.objects.filter(pk=theme.pk).update(story=entry["story_vi"])
    ideas = {entry.get("basket_idea", "").strip() for entry in entries.values()} - {""}
    for gift in GiftBasket.objects.filter(is_builder=False).select_related("product"):
        if gift.product.description.strip() in ideas:
            titles = [c.product.title for c in gift.components.select_related("product").order_by("pk")]
            description = f"<p>Giỏ quà gồm {len(titles)} sản phẩm OCOP của Bắc Kạn: {', '.join(titles)}.</p>"
            Product.objects.filter(pk=gift.product_id).update(description=description)


class Migration(migrations.Migration):
    dependencies = [("gift_baskets", "0002_packaging_fee_whole_dong"), ("catalogue", "0038_fold_vietnamese_product_slugs")]
    operations = [migrations.RunPython(fix, migrations.RunPython.noop)]
