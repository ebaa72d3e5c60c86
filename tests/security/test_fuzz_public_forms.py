"""Generated input for every public form and query: never a 500, never executable markup
reflected into the page.

One parametrised test walks a table of forms (search, suggestions, catalogue facets, basket,
gift-basket builder and quote, checkout gateway/address/wards, producer application and
directory, follow, sales-point registration/criteria check/directory, live "Mua ngay" and
reminder, login and registration, product idea, news/live listings). Each example posts (or
gets) hostile text: HTML/JS payloads, Vietnamese, unicode, NUL bytes, huge and negative numbers.
"""
import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gift_baskets.models import GiftBasket
from tests.factories import UserFactory, product_on_sale
from tests.factories.checkout import ADDRESS
from tests.factories.evaluation import CycleFactory
from tests.factories.gift_baskets import CultureThemeFactory, PackagingOptionFactory, builder_product, curated_basket
from tests.factories.livestream import featured, live_session
from tests.factories.sales_points import ApprovedSalesPointFactory
from tests.factories.shops import ProducerProfileFactory
from tests.security.html_safety import hostile_number, hostile_text, unsafe_markup

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = hostile_text
number = hostile_number
maybe = lambda strategy: st.one_of(st.none(), strategy)  # noqa: E731  (None = field left out)
many = st.lists(st.one_of(number, st.just("")), max_size=4)


@pytest.fixture
def world(client):
    """One of each thing a public form refers to, and a logged-in shopper."""
    cache.clear()
    profile = ProducerProfileFactory(partner__name="HTX Tài Hoan")
    product = product_on_sale(title="Miến dong Tài Hoan")
    builder_product()
    theme = CultureThemeFactory(code="tet-tay", name="Tết của người Tày", min_items=1, max_items=3)
    theme.products.add(product)
    PackagingOptionFactory()
    curated = GiftBasket.objects.get(product=curated_basket([(product, 1)], theme=theme))
    session = live_session()
    item = featured(session, offer_minutes=10)
    point = ApprovedSalesPointFactory()
    CycleFactory()
    user = UserFactory(username="khach", email="khach@example.vn")
    client.force_login(user)
    yield {
        "anonymous": Client(),
        "product": product, "profile": profile, "theme": theme, "curated": curated,
        "session": session, "item": item, "point": point, "user": user,
    }
    cache.clear()


def _get(url_of):
    def send(client, world, data):
        return client, client.get(url_of(world), {k: v for k, v in data.items() if v is not None})
    return send


def _post(url_of, *, anonymous=False, basket=False):
    def send(client, world, data):
        if anonymous:
            client = world["anonymous"]
        if basket:
            client.post(reverse("basket:add", kwargs={"pk": world["product"].pk}), {"quantity": 1})
            client.post(reverse("checkout:index"), {"username": "khach2@example.vn", "options": "anonymous"})
        return client, client.post(url_of(world), {k: v for k, v in data.items() if v is not None})
    return send


FORMS = {
    "search": (
        _get(lambda w: "/search/"),
        {"q": text, "page": maybe(number), "sort": maybe(text), "stars": maybe(number), "price": maybe(text)},
    ),
    "search-suggest": (_get(lambda w: "/search/suggest/"), {"q": text}),
    "catalogue-facets": (
        _get(lambda w: "/catalogue/"),
        {
            "q": maybe(text), "group": maybe(number), "subgroup": maybe(number), "stars": maybe(number),
            "district": maybe(text), "producer": maybe(text), "price": maybe(text), "in_stock": maybe(text),
            "sort": maybe(text), "page": maybe(number),
        },
    ),
    "basket-add": (
        _post(lambda w: reverse("basket:add", kwargs={"pk": w["product"].pk})),
        {"quantity": number, "action": maybe(text)},
    ),
    "gift-basket-quote": (
        _get(lambda w: reverse("gift_baskets:quote")),
        {"theme": st.one_of(st.just("tet-tay"), text), "box_size": number, "items": many,
         "packaging": maybe(text), "card_message": maybe(text)},
    ),
    "gift-basket-builder": (
        _post(lambda w: reverse("gift_baskets:index")),
        {"theme": st.one_of(st.just("tet-tay"), text), "box_size": number, "items": many,
         "packaging": maybe(st.one_of(st.just("tho-cam"), text)), "card_message": text},
    ),
    "gift-basket-curated-add": (
        _post(lambda w: reverse("gift_baskets:add", args=[w["curated"].pk])),
        {"packaging": maybe(text), "quantity": maybe(number), "card_message": maybe(text)},
    ),
    "checkout-gateway": (
        _post(lambda w: reverse("checkout:index"), anonymous=True),
        {"username": text, "options": st.one_of(st.sampled_from(["anonymous", "existing", "new"]), text),
         "password": maybe(text)},
    ),
    "checkout-address": (
        _post(lambda w: reverse("checkout:shipping-address"), anonymous=True, basket=True),
        {**{field: st.one_of(st.just(value), text) for field, value in ADDRESS.items()}, "phone_number": number},
    ),
    "checkout-wards": (_get(lambda w: reverse("checkout:wards")), {"province": number, "q": maybe(text)}),
    "shops-apply": (
        _post(lambda w: reverse("shops:apply")),
        {"name": text, "legal_kind": text, "registration_number": text, "representative": text,
         "commune_code": number, "address": text, "phone": number, "contact_email": text,
         "founded_year": number, "story": text, "products_description": text},
    ),
    "shops-directory": (
        _get(lambda w: reverse("shops:index")),
        {"q": text, "district": maybe(text), "kind": maybe(text), "group": maybe(text), "page": maybe(number)},
    ),
    "shops-follow": (
        _post(lambda w: reverse("shops:follow", args=[w["profile"].slug])),
        {"action": maybe(st.one_of(st.just("unfollow"), text)),
         "next": maybe(st.one_of(text, st.sampled_from(["javascript:alert(1)", "//evil.example/", "/shops/"])))},
    ),
    "sales-point-register": (
        _post(lambda w: reverse("sales_points:register")),
        {"name": text, "operator_name": text, "operator_kind": text, "contact_email": text, "phone": number,
         "commune_code": number, "street": text, "latitude": number, "longitude": number, "site_kind": text,
         "floor_area_m2": number, "local_item_kinds": number, "other_item_kinds": number,
         "opens_0": maybe(text), "closes_0": maybe(text), "products": many,
         "save": maybe(st.just("1")), "submit": maybe(st.just("1"))},
    ),
    "sales-point-check": (
        _post(lambda w: reverse("sales_points:check")),
        {"products": many, "local_item_kinds": number, "other_item_kinds": number, "stamps_confirmed": maybe(text)},
    ),
    "sales-point-directory": (
        _get(lambda w: reverse("sales_points:index")),
        {"commune": maybe(number), "kind": maybe(text), "product": maybe(number), "lat": maybe(number),
         "lng": maybe(number), "page": maybe(number)},
    ),
    "live-buy": (
        _post(lambda w: reverse("livestream:buy", args=[w["session"].pk])),
        {"featured_id": st.one_of(st.just("ITEM"), number), "quantity": number},
    ),
    "live-remind": (_post(lambda w: reverse("livestream:remind", args=[w["session"].pk])), {"email": maybe(text)}),
    "live-index": (_get(lambda w: reverse("livestream:index")), {"page": number}),
    "login": (
        _post(lambda w: reverse("customer:login"), anonymous=True),
        {"login-username": text, "login-password": text, "login_submit": st.just("1")},
    ),
    "register": (
        _post(lambda w: reverse("customer:register"), anonymous=True),
        {"registration-email": text, "registration-password1": text, "registration-password2": text,
         "registration-redirect_url": maybe(text), "registration_submit": st.just("1")},
    ),
    "product-idea": (
        _post(lambda w: reverse("evaluation:idea-create")),
        {"proposer_name": text, "commune": text, "group": text, "title": text, "description": text,
         "raw_material": text},
    ),
    "news-filters": (_get(lambda w: "/news/"), {"category": maybe(text), "tag": maybe(text), "page": maybe(number)}),
}


def _assert_safe(response, name, data):
    assert response.status_code < 500, (name, data, response.status_code)
    content_type = response.get("Content-Type", "")
    if "json" in content_type:
        json.loads(response.content)  # well-formed, and never served as HTML
        return
    if "html" in content_type and response.content:
        problems = unsafe_markup(response.content.decode())
        assert not problems, (name, data, problems)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_public_form_survives_generated_input(client, world, name):
    send, fields = FORMS[name]

    @FUZZ
    @given(data=st.fixed_dictionaries(fields))
    def run(data):
        if data.get("featured_id") == "ITEM":
            data["featured_id"] = str(world["item"].pk)
        cache.clear()  # rate limits are not under test here
        used, response = send(client, world, data)
        _assert_safe(response, name, data)
        if response.status_code in (301, 302, 303):
            target = response["Location"]
            if target.startswith("/"):
                _assert_safe(used.get(target), name, data)

    run()
