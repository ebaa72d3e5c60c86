"""No <script>, on* attribute or javascript: URL survives from text other people type into the
public pages that show it: product descriptions (producers, Oscar dashboard HTML editor),
gift-basket descriptions, producer stories (producer back office), CMS rich text (news body as
Wagtail's editor stores it) and live chat (viewer and replay pages)."""
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText

from gift_baskets.models import GiftBasket
from cms.blocks import RICH_TEXT_FEATURES
from livestream.models import ChatMessage, LiveSession
from marketplace.html_sanitizer import clean_html
from tests.factories import UserFactory, product_on_sale
from tests.factories.cms import news_page
from tests.factories.gift_baskets import curated_basket
from tests.factories.livestream import live_session
from tests.factories.shops import ProducerProfileFactory, producer_user
from tests.security.html_safety import ATTACKS, VIETNAMESE, unsafe_markup

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "https://ocop.backan.gov.vn/"]
payloads = st.lists(
    st.one_of(st.sampled_from(ATTACKS), st.sampled_from(VIETNAMESE), st.text(max_size=20),
              st.sampled_from(URLS).map(lambda url: f'<a href="{url}">xem</a>')),
    min_size=1, max_size=4,
).map("".join)


def assert_clean(response, payload):
    assert response.status_code == 200, response.status_code
    problems = unsafe_markup(response.content.decode(), allowed_frames=("https://",))
    assert not problems, (payload, problems)


@FUZZ
@given(payload=payloads)
def test_product_description_is_whitelisted_on_the_product_page(client, payload):
    product = product_on_sale(title="Miến dong Tài Hoan", description=payload)
    assert_clean(client.get(product.get_absolute_url()), payload)


@FUZZ
@given(payload=payloads)
def test_gift_basket_description_is_whitelisted(client, payload):
    product = curated_basket([(product_on_sale(), 1)])
    product.description = payload
    product.save()
    gift = GiftBasket.objects.get(product=product)
    assert_clean(client.get(reverse("gift_baskets:detail", args=[gift.pk])), payload)


@pytest.fixture
def producer(client):
    profile = ProducerProfileFactory()
    client.force_login(producer_user(profile.partner))
    return profile


@FUZZ
@given(payload=payloads)
def test_producer_story_from_the_back_office_is_escaped_on_the_storefront(client, producer, payload):
    data = {"legal_kind": "cooperative", "commune_code": "2173", "story": payload}
    response = client.post(f"/dashboard/producer/{producer.slug}/profile/", data)
    assert response.status_code in (200, 302)
    assert_clean(client.get(producer.get_absolute_url()), payload)


def editor_html(text, url):
    """What Wagtail's rich-text editor (Draftail) stores for a paragraph typed with a link."""
    contentstate = {
        "blocks": [{"key": "a1", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": min(len(text), 4), "key": 0}] if text else []}],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
    }
    return ContentstateConverter(RICH_TEXT_FEATURES).to_database_format(json.dumps(contentstate))


@pytest.fixture
def article():
    return news_page(title="Hội chợ OCOP Bắc Kạn")


@FUZZ
@given(text=payloads, url=st.sampled_from(URLS))
def test_news_rich_text_from_the_editor_renders_without_script(client, article, text, url):
    article.body = [("paragraph", RichText(editor_html(text, url)))]
    article.save_revision().publish()
    assert_clean(client.get(article.url), text)


@FUZZ
@given(payload=payloads.map(lambda body: body[:500]))
def test_chat_messages_are_escaped_on_the_replay_page(client, payload):
    session = live_session(status=LiveSession.Status.ENDED)
    ChatMessage.objects.create(session=session, user=UserFactory(first_name=payload[:30]), body=payload)
    assert_clean(client.get(reverse("livestream:detail", args=[session.pk])), payload)


# --- regular tests for the hole found: Oscar prints product descriptions with |safe ------------

def test_product_page_keeps_formatting_but_drops_script_handlers_and_javascript_links(client):
    product = product_on_sale(
        description='<p>Miến <strong>dong</strong> <a href="https://ocop.vn/" onclick="x()">nguồn</a></p>'
        '<script>alert(1)</script><img src="/media/a.jpg" onerror="alert(2)"><a href="javascript:alert(3)">bấm</a>'
    )
    page = client.get(product.get_absolute_url()).content.decode()
    assert "Miến <strong>dong</strong>" in page and '<a href="https://ocop.vn/">nguồn</a>' in page
    assert "<script>alert(1)" not in page and "onerror" not in page and "javascript:alert(3)" not in page
    assert not unsafe_markup(page)


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
        ('<svg onload="alert(1)"><b>đậm</b></svg>', "<b>đậm</b>"),
        ("<p onmouseover=alert(1)>Chè</p>", "<p>Chè</p>"),
        ("<script>alert(1)</script>", "alert(1)"),
        ("<iframe src=https://evil.example/></iframe>", ""),
    ],
)
def test_clean_html(dirty, clean):
    assert clean_html(dirty) == clean
