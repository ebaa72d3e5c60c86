"""The OCOP portal's Wagtail pages: home, news, events, programme pages, documents."""
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.http import urlencode
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import blocks

NEWS_PER_PAGE = 10
EVENTS_PER_PAGE = 10
DOCUMENTS_PER_PAGE = 20


def paginate(request, items, per_page):
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class HomePage(Page):
    """The portal's home page (`/`): sections editors arrange, with defaults when none are."""

    hero_title = models.CharField(_("tiêu đề lớn"), max_length=200, blank=True)
    hero_text = models.TextField(_("lời giới thiệu"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)
    sections = StreamField(
        blocks.HomeSectionsBlock(),
        blank=True,
        verbose_name=_("các phần của trang"),
        help_text=_("Để trống: trang chủ hiện các phần mặc định (live, nhóm sản phẩm, sản phẩm mới, tin, sự kiện, số liệu, bản đồ)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("sections"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.ContentPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.ProgrammePage",
        "cms.DocumentIndexPage",
    ]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("trang chủ")

    def visible_sections(self):
        if len(self.sections):
            return self.sections
        return self.sections.stream_block.to_python(blocks.default_home_sections())


class ContentPage(Page):
    """A plain page of text: policies (complaints and returns, delivery, privacy), programme texts."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage", "cms.ProgrammePage"]
    template = "cms/content_page.html"

    class Meta:
        verbose_name = _("trang nội dung")


# --- News ------------------------------------------------------------------------


class NewsCategory(models.Model):
    name = models.CharField(_("tên"), max_length=80)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsIndexPage(RoutablePageMixin, Page):
    """`/news/`: the articles, newest first, filtered by category or tag; RSS and Atom feeds."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("trang tin tức")

    def articles(self):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .prefetch_related("categories", "tagged_items__tag")
            .order_by("-date", "-first_published_at", "-pk")
        )

    @path("")
    def index_view(self, request):
        articles = self.articles()
        category = tag = None
        category_slug = request.GET.get("category", "").strip()
        if category_slug:
            category = NewsCategory.objects.filter(slug=category_slug).first()
            articles = articles.filter(categories=category) if category else articles.none()
        tag = request.GET.get("tag", "").strip() or None
        if tag:
            articles = articles.filter(tags__name=tag)
        return self.render(
            request,
            context_overrides={
                "articles": paginate(request, articles.distinct(), NEWS_PER_PAGE),
                "categories": NewsCategory.objects.all(),
                "active_category": category,
                "active_category_slug": category_slug,
                "active_tag": tag,
                "popular_tags": NewsPage.tags.most_common()[:15],
                "query_prefix": urlencode(
                    {key: value for key, value in (("category", category_slug), ("tag", tag)) if value}
                )
                + "&"
                if category_slug or tag
                else "",
            },
        )

    @path("rss/", name="rss")
    def rss_view(self, request):
        from cms.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_view(self, request):
        from cms.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(Page):
    """A programme news article; linked products and producers show it on their pages."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    author = models.CharField(_("tác giả"), max_length=120, blank=True)
    intro = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ảnh đại diện")
    )
    body = StreamField(blocks.ArticleBodyBlock(), blank=True, verbose_name=_("nội dung"))
    categories = ParentalManyToManyField(NewsCategory, blank=True, related_name="articles", verbose_name=_("chuyên mục"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("thẻ"))
    products = ParentalManyToManyField(
        "catalogue.Product",
        blank=True,
        related_name="news_articles",
        verbose_name=_("sản phẩm liên quan"),
        help_text=_("Bài viết hiện trên trang của các sản phẩm này. Sản phẩm chèn trong nội dung được thêm tự động."),
    )
    partners = ParentalManyToManyField(
        "partner.Partner",
        blank=True,
        related_name="news_articles",
        verbose_name=_("nhà sản xuất liên quan"),
        help_text=_("Bài viết hiện trên gian hàng của các nhà sản xuất này."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("products"),
                FieldPanel("partners"),
            ],
            heading=_("Phân loại và liên kết"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/news_page.html"

    class Meta:
        verbose_name = _("bài tin")
        verbose_name_plural = _("bài tin")

    def embedded_products(self):
        return [
            child.value["product"]
            for child in self.body
            if child.block_type == "product" and child.value["product"] is not None
        ]

    def link_embedded_products(self):
        """A product shown inside the article is a linked product: the article appears on its page."""
        embedded = self.embedded_products()
        if not embedded:
            return
        try:
            current = list(self.products.all())
        except ValueError:  # a new page whose links were never set
            current = []
        linked = {product.pk for product in current}
        missing = [product for product in embedded if product.pk not in linked]
        if missing:
            self.products.set(current + missing)

    def save(self, *args, **kwargs):
        self.link_embedded_products()
        return super().save(*args, **kwargs)

    def related_articles(self, limit=3):
        category_ids = [category.pk for category in self.categories.all()]
        tag_ids = [tagged.tag_id for tagged in self.tagged_items.all()]
        related = (
            NewsPage.objects.live()
            .public()
            .exclude(pk=self.pk)
            .filter(models.Q(categories__in=category_ids) | models.Q(tagged_items__tag_id__in=tag_ids))
            .distinct()
            .order_by("-date", "-pk")
        )
        return list(related[:limit])

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = self.related_articles()
        context["linked_products"] = selectors.listed_products(self.products.all())
        context["linked_producers"] = selectors.producers_of(self.partners.all())
        return context


# --- Events ----------------------------------------------------------------------


class EventIndexPage(RoutablePageMixin, Page):
    """Fairs, exhibitions and festivals: upcoming first, then past ones; iCal of upcoming events."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    template = "cms/event_index_page.html"

    class Meta:
        verbose_name = _("trang sự kiện")

    def events(self):
        return EventPage.objects.live().public().descendant_of(self)

    @path("")
    def index_view(self, request):
        now = timezone.now()
        upcoming = self.events().filter(end__gte=now).order_by("start", "pk")
        past = self.events().filter(end__lt=now).order_by("-start", "-pk")
        return self.render(
            request,
            context_overrides={"upcoming": list(upcoming), "past": paginate(request, past, EVENTS_PER_PAGE)},
        )

    @path("ical/", name="ical")
    def ical_view(self, request):
        from cms.ical import calendar_response

        events = self.events().filter(end__gte=timezone.now()).order_by("start", "pk")
        return calendar_response(request, events, filename="su-kien-ocop.ics")


class EventPage(RoutablePageMixin, Page):
    class Kind(models.TextChoices):
        FAIR = "fair", _("Hội chợ")
        EXHIBITION = "exhibition", _("Triển lãm")
        FESTIVAL = "festival", _("Lễ hội")
        CONFERENCE = "conference", _("Hội nghị, tập huấn")
        OTHER = "other", _("Sự kiện khác")

    kind = models.CharField(_("loại sự kiện"), max_length=16, choices=Kind.choices, default=Kind.FAIR)
    start = models.DateTimeField(_("bắt đầu"))
    end = models.DateTimeField(_("kết thúc"))
    place = models.CharField(_("địa điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    intro = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    body = RichTextField(_("nội dung"), blank=True, features=blocks.RICH_TEXT_FEATURES)
    producers = ParentalManyToManyField(
        "partner.Partner", blank=True, related_name="ocop_events", verbose_name=_("nhà sản xuất tham gia")
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Vị trí trên bản đồ")),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("producers"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("start"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []
    template = "cms/event_page.html"

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Thời gian kết thúc phải sau thời gian bắt đầu.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Nhập cả vĩ độ và kinh độ, hoặc để trống cả hai.")})

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def map_url(self):
        if not self.has_location:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=15/{self.latitude}/{self.longitude}"
        )

    def is_upcoming(self):
        return self.end >= timezone.now()

    @path("")
    def event_view(self, request):
        from cms import selectors

        return self.render(request, context_overrides={"attending": selectors.producers_of(self.producers.all())})

    @path("ical/", name="ical")
    def ical_view(self, request):
        from cms.ical import calendar_response

        return calendar_response(request, [self], filename=f"su-kien-{self.pk}.ics")


# --- Programme pages and documents ----------------------------------------------------


class ProgrammePage(Page):
    """Introduction to OCOP, the star criteria, how to join as a producer or a sales point."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(blocks.ProgrammeBodyBlock(), blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ProgrammePage"]
    subpage_types = ["cms.ProgrammePage", "cms.ContentPage", "cms.DocumentIndexPage"]
    template = "cms/programme_page.html"

    class Meta:
        verbose_name = _("trang chương trình OCOP")


class OcopDocument(AbstractDocument):
    """A Wagtail document with the legal identity of a decision, directive or plan."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Quyết định")
        DIRECTIVE = "directive", _("Chỉ thị")
        PLAN = "plan", _("Kế hoạch")
        RESOLUTION = "resolution", _("Nghị quyết")
        OTHER = "other", _("Văn bản khác")

    kind = models.CharField(_("loại văn bản"), max_length=16, choices=Kind.choices, default=Kind.DECISION)
    number = models.CharField(_("số hiệu"), max_length=64, blank=True, help_text=_("Ví dụ: 736/QĐ-UBND"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    is_demo = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Đánh dấu khi nội dung tệp hoặc thông tin chưa được xác minh.")
    )

    admin_form_fields = Document.admin_form_fields + ("kind", "number", "issued_on", "issuer", "summary", "is_demo")
    search_fields = AbstractDocument.search_fields + [
        index.SearchField("number"),
        index.SearchField("issuer"),
        index.SearchField("summary"),
        index.FilterField("kind"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")


class DocumentIndexPage(Page):
    """A searchable list of the programme's documents (Wagtail documents with number, date, issuer)."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.ProgrammePage"]
    subpage_types = []
    template = "cms/document_index_page.html"

    class Meta:
        verbose_name = _("trang văn bản")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()
        kind = request.GET.get("kind", "").strip()
        if kind not in OcopDocument.Kind.values:
            kind = ""
        documents = selectors.search_documents(query=query, kind=kind)
        context.update(
            query=query,
            kind=kind,
            kinds=OcopDocument.Kind.choices,
            documents=paginate(request, documents, DOCUMENTS_PER_PAGE),
            query_prefix=urlencode({"q": query, "kind": kind}) + "&" if query or kind else "",
        )
        return context

