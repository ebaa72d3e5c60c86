"""Make sure the site has its home page as Wagtail's default site root.

Used by the data migration's twin at run time (load_demo) and by tests whose
transactional flush wiped the rows Wagtail's migrations create.
"""
from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site


@transaction.atomic
def ensure_home_page():
    from cms.models import HomePage

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's own welcome page would take the "home" slug.
        Page.objects.filter(depth=2, slug="home").exclude(content_type__model="homepage").delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title="Chợ OCOP Bắc Kạn",
                slug="home",
                hero_title="Đặc sản OCOP Bắc Kạn, chính gốc từ người làm ra",
                hero_text="Sản phẩm đạt 3 đến 5 sao OCOP của các hợp tác xã, doanh nghiệp và hộ sản xuất Bắc Kạn.",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Chợ OCOP Bắc Kạn")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home
