"""Every portal page type: where editors may create it and what it may contain (Wagtail's test helpers)."""
from html import unescape

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.bootstrap import ensure_home_page
from cms.models import (
    ContentPage,
    DocumentIndexPage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    ProgrammePage,
)
from tests.factories import product_on_sale
from tests.factories.cms import news_index


class PortalPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_home_page()

    def setUp(self):
        self.login()

    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {ContentPage, NewsIndexPage, EventIndexPage, ProgrammePage, DocumentIndexPage}
        )
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_news_pages_live_under_a_news_index_only(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_events_live_under_an_event_index_only(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_programme_pages_nest_and_hold_texts_and_documents(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage, ProgrammePage})
        self.assertAllowedSubpageTypes(ProgrammePage, {ProgrammePage, ContentPage, DocumentIndexPage})
        self.assertAllowedParentPageTypes(DocumentIndexPage, {HomePage, ProgrammePage})
        self.assertAllowedSubpageTypes(DocumentIndexPage, set())
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage, ProgrammePage})

    def test_editor_creates_a_news_article_with_an_embedded_product(self):
        product = product_on_sale(title="Miến dong Tài Hoan")
        index = news_index()
        self.assertCanCreate(
            index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Miến dong Tài Hoan giữ hạng 5 sao",
                    "slug": "mien-dong-5-sao",
                    "date": "2024-06-25",
                    "author": "Ban biên tập",
                    "intro": "Sản phẩm 5 sao duy nhất của tỉnh.",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>HTX Tài Hoan ở xã Côn Minh, Na Rì.</p>")),
                            ("product", {"product": product.pk, "caption": "Miến dong"}),
                        ]
                    ),
                    "tags": "mien-dong, 5-sao",
                    "comments": inline_formset([]),
                }
            ),
        )
        article = NewsPage.objects.get(slug="mien-dong-5-sao")
        self.assertEqual(list(article.products.all()), [product])

    def test_editor_creates_an_event_and_a_programme_page(self):
        events = self.home.add_child(instance=EventIndexPage(title="Sự kiện", slug="su-kien-tao"))
        self.assertCanCreate(
            events,
            EventPage,
            nested_form_data(
                {
                    "title": "Hội chợ OCOP Bắc Kạn",
                    "slug": "hoi-cho-ocop",
                    "kind": "fair",
                    "start": "2030-09-01 08:00",
                    "end": "2030-09-05 21:00",
                    "place": "Quảng trường 19/8",
                    "address": "",
                    "intro": "",
                    "body": rich_text(""),
                    "comments": inline_formset([]),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            ProgrammePage,
            nested_form_data(
                {
                    "title": "Bộ tiêu chí",
                    "slug": "bo-tieu-chi",
                    "intro": "",
                    "body": streamfield([("star_criteria", {"heading": "Tiêu chí", "intro": ""})]),
                    "comments": inline_formset([]),
                }
            ),
        )


class PortalAdminTests(WagtailPageTestCase):
    """The admin screens editors use: the product chooser and the home page's section editor."""

    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_home_page()

    def setUp(self):
        self.login()

    def test_product_chooser_lists_products(self):
        product_on_sale(title="Trà hoa vàng Bắc Kạn")
        response = self.client.get("/cms/product-chooser/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Trà hoa vàng Bắc Kạn", response.json()["html"])

    def test_home_page_editor_offers_the_sections(self):
        response = self.client.get(f"/cms/pages/{self.home.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        html = unescape(response.content.decode())
        for name in ("hero", "featured_products", "latest_news", "upcoming_events", "live_sessions", "programme_figures", "map_teaser"):
            self.assertTrue(f'"{name}"' in html, name)

    def test_document_form_asks_for_number_date_and_issuer(self):
        response = self.client.get("/cms/documents/multiple/add/")
        self.assertEqual(response.status_code, 200)
        response = self.client.get("/cms/documents/")
        self.assertEqual(response.status_code, 200)
