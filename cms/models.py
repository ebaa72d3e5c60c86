from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's home page (`/`). Later issues add editor-arranged sections."""

    hero_title = models.CharField(_("tiêu đề lớn"), max_length=200, blank=True)
    hero_text = models.TextField(_("lời giới thiệu"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["product_groups"] = selectors.product_groups()
        context["latest_products"] = selectors.latest_products(limit=8)
        return context


class ContentPage(Page):
    """A plain page of text: policies (complaints and returns, delivery, privacy), programme texts."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    template = "cms/content_page.html"

    class Meta:
        verbose_name = _("trang nội dung")
