"""Regular tests for holes the fuzz tests (test_fuzz_public_forms.py) found."""
import pytest
from django.urls import reverse

from tests.factories import UserFactory, product_on_sale
from tests.factories.shops import ProducerProfileFactory
from tests.security.html_safety import unsafe_markup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["group", "subgroup"])
def test_catalogue_facet_id_past_the_integer_range_is_refused_not_a_500(client, field):
    product_on_sale(title="Miến dong Tài Hoan")
    response = client.get("/catalogue/", {field: "9" * 30})
    assert response.status_code == 200
    assert "Miến dong Tài Hoan" in response.content.decode()


@pytest.mark.parametrize("target", ["javascript:alert(1)", "trang-chu", "a:b", "//evil.example/"])
def test_follow_goes_back_to_the_storefront_when_next_is_not_a_local_path(client, target):
    profile = ProducerProfileFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("shops:follow", args=[profile.slug]), {"next": target})
    assert response.status_code == 302 and response["Location"] == profile.get_absolute_url()


def test_follow_keeps_a_local_next(client):
    profile = ProducerProfileFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("shops:follow", args=[profile.slug]), {"next": "/shops/"})
    assert response["Location"] == "/shops/"


def test_mini_basket_links_to_the_basket_without_an_inline_handler(client):
    product = product_on_sale()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    page = client.get("/search/", {"q": "mien"}).content.decode()
    assert 'class="site-cart' in page and 'data-basket-count>1<' in page and f'href="{reverse("basket:summary")}"' in page
    assert not unsafe_markup(page)


@pytest.mark.parametrize("url", ["/gift-baskets/", "/catalogue/", "/search/", "/shops/", "/sales-points/"])
def test_a_nul_byte_in_the_query_string_is_a_400_with_a_reason(client, url):
    response = client.get(url + "?theme=tet%00&q=mien%00dong")
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()


def test_gift_basket_builder_with_a_theme_code_that_is_no_slug_shows_the_form_error(client):
    response = client.post(reverse("gift_baskets:index"), {"theme": "tet\x00", "box_size": "4", "card_message": "a"})
    assert response.status_code == 200
    assert "theme" in response.context["form"].errors  # re-rendered with the message, nothing added
