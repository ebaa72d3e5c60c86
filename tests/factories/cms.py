"""Factories for the portal's Wagtail pages (wagtail_factories is not installed: pages
are added under their parent with Wagtail's tree API, as editors do)."""
import datetime

from django.utils import timezone

from cms.bootstrap import ensure_home_page


def home_page():
    return ensure_home_page()


def news_index(title="Tin tức", slug="news"):
    from cms.models import NewsIndexPage

    existing = NewsIndexPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    return home_page().add_child(instance=NewsIndexPage(title=title, slug=slug, intro="Tin tức chương trình OCOP"))


def news_page(*, title="Bài tin mẫu", parent=None, date=None, categories=(), tags=(), products=(), partners=(), body=None, **kwargs):
    from cms.models import NewsPage

    parent = parent or news_index()
    page = NewsPage(
        title=title,
        date=date or timezone.localdate(),
        intro=kwargs.pop("intro", f"Tóm tắt: {title}"),
        body=body or [],
        **kwargs,
    )
    page.categories.set(list(categories))
    page.products.set(list(products))
    page.partners.set(list(partners))
    page.tags.add(*tags)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def news_category(name="Hoạt động OCOP", slug=None):
    from django.utils.text import slugify

    from cms.models import NewsCategory

    category, _ = NewsCategory.objects.get_or_create(slug=slug or slugify(name) or "chuyen-muc", defaults={"name": name})
    return category


def event_index(title="Sự kiện", slug="events"):
    from cms.models import EventIndexPage

    existing = EventIndexPage.objects.filter(slug=slug).first()
    if existing:
        return existing
    return home_page().add_child(instance=EventIndexPage(title=title, slug=slug))


def event_page(*, title="Hội chợ OCOP mẫu", parent=None, start=None, days=2, place="Quảng trường 19/8, Bắc Kạn", **kwargs):
    from cms.models import EventPage

    start = start or timezone.now() + datetime.timedelta(days=10)
    producers = kwargs.pop("producers", ())
    page = EventPage(title=title, start=start, end=start + datetime.timedelta(days=days), place=place, **kwargs)
    page.producers.set(list(producers))
    (parent or event_index()).add_child(instance=page)
    page.save_revision().publish()
    return page


def programme_page(*, title="Giới thiệu chương trình OCOP", slug="chuong-trinh-ocop", body=None, parent=None):
    from cms.models import ProgrammePage

    page = ProgrammePage(title=title, slug=slug, intro="Mỗi xã một sản phẩm", body=body or [])
    (parent or home_page()).add_child(instance=page)
    return page


def document_index(title="Văn bản", slug="van-ban", parent=None):
    from cms.models import DocumentIndexPage

    return (parent or home_page()).add_child(instance=DocumentIndexPage(title=title, slug=slug))


def ocop_document(*, title="Quy chế điểm giới thiệu và bán sản phẩm OCOP", number="736/QĐ-UBND", issued_on=None, issuer="UBND tỉnh Bắc Kạn", kind="decision", **kwargs):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(
        title=title, number=number, issued_on=issued_on, issuer=issuer, kind=kind, **kwargs
    )
    document.file.save(f"{number.replace('/', '-') or 'van-ban'}.txt", ContentFile(title.encode("utf-8")), save=False)
    document.save()
    return document
