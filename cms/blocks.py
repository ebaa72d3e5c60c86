"""StreamField blocks of the portal: only what editors type, no queries (like bakerydemo's).

What a block shows from the shop and the programme is read when its template renders,
through `cms/templatetags/cms_blocks.py` -> `cms.selectors` (the OCOP gate applied there)."""
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# Named places editors may link to; each is shown only once its app serves the URL.
FORM_LINK_CHOICES = [
    ("shops:apply", _("Đăng ký làm nhà sản xuất OCOP")),
    ("sales_points:register", _("Đăng ký điểm giới thiệu và bán sản phẩm OCOP")),
    ("sales_points:index", _("Danh sách điểm bán")),
    ("shops:index", _("Danh sách nhà sản xuất")),
    ("ocop:programme", _("Số liệu chương trình OCOP")),
    ("ocop:gift-baskets", _("Giỏ quà OCOP")),
    ("livestream:index", _("Phiên bán hàng trực tiếp")),
    ("catalogue:index", _("Tất cả sản phẩm")),
]


class ProductChooserBlock(blocks.ChooserBlock):
    """Chooses an Oscar product in the admin (the `product_chooser` viewset)."""

    target_model = "catalogue.Product"

    @cached_property
    def widget(self):
        from cms.choosers import product_chooser_viewset

        return product_chooser_viewset.widget_class()

    class Meta:
        icon = "pick"


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tiêu đề"), required=False, help_text=_("Để trống: dùng tiêu đề lớn của trang"))
    text = blocks.TextBlock(label=_("lời giới thiệu"), required=False)
    image = ImageBlock(label=_("ảnh nền"), required=False)
    button_text = blocks.CharBlock(label=_("chữ trên nút"), required=False)
    button_link = blocks.ChoiceBlock(choices=FORM_LINK_CHOICES, default="catalogue:index", label=_("nút dẫn tới"))

    class Meta:
        icon = "image"
        label = _("Ảnh lớn đầu trang")
        template = "cms/blocks/hero.html"


class ProductGroupsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Sáu nhóm sản phẩm OCOP"))

    class Meta:
        icon = "list-ul"
        label = _("Nhóm sản phẩm")
        template = "cms/blocks/product_groups.html"


class FeaturedProductsBlock(blocks.StructBlock):
    """Products an editor picked; only those on sale right now are shown. With none
    picked (or none on sale) the newest products on sale fill the section."""

    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Sản phẩm nổi bật"))
    products = blocks.ListBlock(ProductChooserBlock(label=_("sản phẩm")), label=_("sản phẩm"), default=[])
    fill_with_latest = blocks.BooleanBlock(
        label=_("tự điền sản phẩm mới khi trống"), required=False, default=True
    )
    count = blocks.IntegerBlock(label=_("số sản phẩm tối đa"), default=8, min_value=1, max_value=24)

    class Meta:
        icon = "pick"
        label = _("Sản phẩm nổi bật")
        template = "cms/blocks/featured_products.html"


class LatestNewsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Tin tức OCOP"))
    count = blocks.IntegerBlock(label=_("số tin"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "doc-full"
        label = _("Tin mới")
        template = "cms/blocks/latest_news.html"


class UpcomingEventsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Sự kiện sắp diễn ra"))
    count = blocks.IntegerBlock(label=_("số sự kiện"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "date"
        label = _("Sự kiện sắp tới")
        template = "cms/blocks/upcoming_events.html"


class LiveSessionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Đang live và sắp live"))
    count = blocks.IntegerBlock(label=_("số phiên"), default=4, min_value=1, max_value=12)

    class Meta:
        icon = "media"
        label = _("Phiên bán hàng trực tiếp")
        template = "cms/blocks/live_sessions.html"


class ProgrammeFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Chương trình OCOP Bắc Kạn"))

    class Meta:
        icon = "table"
        label = _("Số liệu chương trình")
        template = "cms/blocks/programme_figures.html"


class MapTeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Bản đồ sản phẩm, nhà sản xuất và điểm bán"))
    text = blocks.TextBlock(
        label=_("lời dẫn"),
        required=False,
        default=_("Tìm nhà sản xuất và điểm giới thiệu, bán sản phẩm OCOP gần bạn."),
    )

    class Meta:
        icon = "site"
        label = _("Bản đồ")
        template = "cms/blocks/map_teaser.html"


class FormLinkBlock(blocks.StructBlock):
    """A call to action leading to one of the site's real forms or sections."""

    target = blocks.ChoiceBlock(choices=FORM_LINK_CHOICES, label=_("dẫn tới"))
    label = blocks.CharBlock(label=_("chữ trên nút"), required=False)
    text = blocks.TextBlock(label=_("lời dẫn"), required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["target_label"] = dict(FORM_LINK_CHOICES).get(value["target"], "")
        return context

    class Meta:
        icon = "link"
        label = _("Nút dẫn tới biểu mẫu")
        template = "cms/blocks/form_link.html"


class StarCriteriaBlock(blocks.StructBlock):
    """The scoring parts A/B/C and the star bands (bands from ocop.rules)."""

    heading = blocks.CharBlock(label=_("tiêu đề"), default=_("Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP"))
    intro = blocks.TextBlock(label=_("lời dẫn"), required=False)

    class Meta:
        icon = "table"
        label = _("Bảng tiêu chí và hạng sao")
        template = "cms/blocks/star_criteria.html"


class ProductEmbedBlock(blocks.StructBlock):
    """A product inside an article: its card while on sale, a notice otherwise."""

    product = ProductChooserBlock(label=_("sản phẩm"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False)

    class Meta:
        icon = "pick"
        label = _("Sản phẩm")
        template = "cms/blocks/product_embed.html"


class RichTextSectionBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "cms/blocks/rich_text.html"


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]


class HomeSectionsBlock(blocks.StreamBlock):
    hero = HeroBlock()
    live_sessions = LiveSessionsBlock()
    product_groups = ProductGroupsBlock()
    featured_products = FeaturedProductsBlock()
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
    programme_figures = ProgrammeFiguresBlock()
    map_teaser = MapTeaserBlock()
    form_link = FormLinkBlock()
    text = RichTextSectionBlock(features=RICH_TEXT_FEATURES)


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = RichTextSectionBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("ảnh"))
    product = ProductEmbedBlock()
    embed = EmbedBlock(label=_("nhúng video/bài đăng"), max_width=800)
    quote = blocks.BlockQuoteBlock(label=_("trích dẫn"), template="cms/blocks/quote.html")


class ProgrammeBodyBlock(blocks.StreamBlock):
    paragraph = RichTextSectionBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("ảnh"))
    star_criteria = StarCriteriaBlock()
    programme_figures = ProgrammeFiguresBlock()
    form_link = FormLinkBlock()


def default_home_sections():
    """The home page's sections when an editor has not arranged any (raw StreamField data).

    Products first, as shoppers expect: what is live now (only when something is), the
    certified products, the six groups as tiles; then the programme, news and events."""
    return [
        {"type": "live_sessions", "value": {}},
        {"type": "featured_products", "value": {"heading": str(_("Sản phẩm OCOP nổi bật"))}},
        {"type": "product_groups", "value": {}},
        {"type": "hero", "value": {}},
        {"type": "latest_news", "value": {}},
        {"type": "upcoming_events", "value": {}},
        {"type": "programme_figures", "value": {}},
        {"type": "map_teaser", "value": {}},
    ]
