"""django-csp: a strict policy on every page; Stripe only on the card page, OpenStreetMap tiles
only on map pages, live media origins only on live pages; the admin sites get a looser script policy."""
import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import PartnerFactory, product_on_sale
from tests.factories.checkout import add_to_basket, guest_checkout_until_preview, place_order, producer_product
from tests.factories.livestream import live_session
from tests.payments.conftest import localstripe_url, stripe_settings  # noqa: F401  (fixtures)

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


def test_storefront_page_gets_the_strict_policy(client):
    product = product_on_sale()
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no inline script on storefront pages: no nonce needed
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "stripe" not in header and "openstreetmap" not in header and "unsafe-inline" not in csp["script-src"]


@pytest.mark.parametrize("url_name", ["shops:index", "sales_points:index"])
def test_map_pages_allow_openstreetmap_tiles_only(client, url_name):
    csp = policy(client.get(reverse(url_name)))
    assert "https://tile.openstreetmap.org" in csp["img-src"]
    assert "https://*.tile.openstreetmap.org" in csp["img-src"]
    assert csp["script-src"] == ["'self'"]


def test_live_viewer_page_allows_configured_media_origins(client, settings):
    settings.LIVE_CSP = {"connect-src": ["https://hls.example.vn"], "media-src": ["https://hls.example.vn"]}
    session = live_session()
    csp = policy(client.get(reverse("livestream:detail", kwargs={"pk": session.pk})))
    assert "https://hls.example.vn" in csp["connect-src"]
    assert "https://hls.example.vn" in csp["media-src"]
    assert "https://hls.example.vn" not in policy(client.get(reverse("shops:index")))["connect-src"]


def test_card_payment_page_allows_stripe_and_nothing_else_does(client, vietnam, stripe_settings):  # noqa: F811
    product = producer_product(PartnerFactory(name="HTX Hồng không hạt"), stock=3)
    add_to_basket(client, product, 1)
    assert guest_checkout_until_preview(client, method="card").status_code == 200
    place_order(client)
    order = Order.objects.get()
    response = client.get(reverse("checkout:card-payment", kwargs={"order_number": order.number}))
    assert response.status_code == 200
    csp = policy(response)
    assert "https://js.stripe.com" in csp["script-src"]
    assert "https://js.stripe.com" in csp["frame-src"]
    assert "https://api.stripe.com" in csp["connect-src"]
    # The payment-method page of the same checkout does not load Stripe.
    other = client.get(reverse("basket:summary"))
    assert "stripe" not in other["Content-Security-Policy"]


def test_dashboard_inline_script_carries_the_request_nonce(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


@pytest.mark.parametrize("url", ["/cms/login/", "/django-admin/login/"])
def test_admin_sites_get_the_looser_script_policy(client, url):
    csp = policy(client.get(url))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
