"""Replace Wagtail's welcome page with the portal's home page (as Wagtail's project template does)."""
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    if HomePage.objects.exists() or not Page.objects.filter(depth=1).exists():
        return
    Locale = apps.get_model("wagtailcore.Locale")
    locale = Locale.objects.order_by("pk").first()
    Page.objects.filter(content_type__app_label="wagtailcore", content_type__model="page", depth=2, slug="home").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="Chợ OCOP Bắc Kạn",
        draft_title="Chợ OCOP Bắc Kạn",
        slug="home",
        content_type=content_type,
        locale=locale,
        path="00010001",  # the welcome page it replaces held this path
        depth=2,
        numchild=0,
        url_path="/home/",
        hero_title="Đặc sản OCOP Bắc Kạn, chính gốc từ người làm ra",
        hero_text="Sản phẩm đạt 3 đến 5 sao OCOP của các hợp tác xã, doanh nghiệp và hộ sản xuất Bắc Kạn.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=homepage, is_default_site=True, site_name="Chợ OCOP Bắc Kạn")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
