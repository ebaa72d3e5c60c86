"""The stock page's offline queue: edits sent later are applied once per id, as a change relative to
what the staff member saw (an online sale meanwhile is kept), and the page installs and works offline."""
import json
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from sales_points import services
from sales_points.models import SalesPointListing, StockEdit
from tests.factories import UserFactory
from tests.factories.sales_points import ListingFactory

pytestmark = pytest.mark.django_db


def edit(listing, **values):
    data = {
        "client_id": uuid.uuid4(),
        "product_id": listing.product_id,
        "made_at": timezone.now() - timedelta(minutes=30),
        "seen_quantity": 10,
        "quantity": 10,
        "seen_price": Decimal("125000"),
        "price": Decimal("125000"),
        "seen_in_stock": True,
        "in_stock": True,
    }
    data.update(values)
    return services.listing_apply_edit(point=listing.point, actor=listing.point.applicant, **data)


def sell(listing, quantity=1):
    """Stands for an online sale at the point while its staff member is offline."""
    SalesPointListing.objects.filter(pk=listing.pk).update(quantity=F("quantity") - quantity)


def test_count_seen_unchanged_is_applied_as_typed():
    listing = ListingFactory(quantity=10)
    result = edit(listing, quantity=8)
    listing.refresh_from_db()
    assert listing.quantity == 8
    assert result.edit.outcome == "applied" and not result.edit.moved and result.edit.message == ""


def test_online_sale_meanwhile_is_kept_the_edit_applies_as_a_change():
    listing = ListingFactory(quantity=10)
    sell(listing, 3)  # 10 → 7 online while the phone had no connection
    result = edit(listing, seen_quantity=10, quantity=12)  # staff received 2 more
    listing.refresh_from_db()
    assert listing.quantity == 9
    assert result.edit.moved and result.edit.found_quantity == 7
    assert "từ 10 thành 7" in result.edit.message and "+2" in result.edit.message


def test_a_change_never_goes_below_zero():
    listing = ListingFactory(quantity=3)
    sell(listing, 3)
    result = edit(listing, seen_quantity=3, quantity=1)
    listing.refresh_from_db()
    assert (listing.quantity, listing.in_stock) == (0, False)
    assert "đã để 0" in result.edit.message


def test_same_id_twice_is_applied_once():
    listing = ListingFactory(quantity=10)
    client_id = uuid.uuid4()
    first = edit(listing, client_id=client_id, quantity=7)
    second = edit(listing, client_id=client_id, quantity=7)
    listing.refresh_from_db()
    assert listing.quantity == 7
    assert (first.duplicate, second.duplicate) == (False, True)
    assert StockEdit.objects.count() == 1


def test_two_queued_edits_of_one_line_add_up():
    listing = ListingFactory(quantity=10)
    edit(listing, seen_quantity=10, quantity=8)
    sell(listing, 1)
    edit(listing, seen_quantity=8, quantity=7)
    listing.refresh_from_db()
    assert listing.quantity == 6


def test_price_changes_only_when_the_edit_changed_it():
    listing = ListingFactory(quantity=10, price="125000")
    SalesPointListing.objects.filter(pk=listing.pk).update(price=Decimal("130000"))  # changed online by a colleague
    edit(listing, quantity=9)  # price left as seen
    listing.refresh_from_db()
    assert (listing.quantity, listing.price) == (9, Decimal("130000"))
    edit(listing, seen_quantity=9, quantity=9, price=Decimal("140000"))
    listing.refresh_from_db()
    assert listing.price == Decimal("140000")


def test_a_product_removed_meanwhile_is_rejected_with_a_reason():
    listing = ListingFactory()
    point, product_id = listing.point, listing.product_id
    listing.delete()
    result = services.listing_apply_edit(
        point=point, actor=point.applicant, client_id=uuid.uuid4(), product_id=product_id,
        made_at=timezone.now(), seen_quantity=1, quantity=2,
    )
    assert result.edit.outcome == "rejected" and "không còn trong danh sách" in result.edit.message


def test_a_phone_clock_in_the_future_does_not_date_the_edit_later():
    listing = ListingFactory()
    result = edit(listing, made_at=timezone.now() + timedelta(days=2), quantity=4)
    assert result.edit.made_at <= timezone.now()


def test_only_the_points_staff_can_send_edits():
    listing = ListingFactory()
    with pytest.raises(services.PermissionDenied):
        services.listing_apply_edit(
            point=listing.point, actor=UserFactory(), client_id=uuid.uuid4(), product_id=listing.product_id,
            made_at=timezone.now(), seen_quantity=10, quantity=0,
        )


# --- The sync endpoint -------------------------------------------------------------------------


def post_sync(client, point, edits):
    return client.post(
        reverse("sales_points:stock-sync", args=[point.slug]), json.dumps({"edits": edits}), content_type="application/json"
    )


def payload(listing, **values):
    data = {
        "id": str(uuid.uuid4()),
        "product": listing.product_id,
        "made_at": (timezone.now() - timedelta(minutes=5)).isoformat().replace("+00:00", "Z"),
        "seen_quantity": 10,
        "quantity": 10,
        "seen_price": "125000",
        "price": "125000",
        "seen_in_stock": True,
        "in_stock": True,
    }
    data.update(values)
    return data


def test_sync_endpoint_answers_each_edit_and_a_retry_is_a_duplicate(client):
    one = ListingFactory(quantity=10)
    two = ListingFactory(point=one.point, quantity=10)
    client.force_login(one.point.applicant)
    edits = [payload(one, quantity=6), payload(two, quantity=15, price="150.000")]
    response = post_sync(client, one.point, edits)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[1]["listing"] == {"quantity": 15, "price": "150000", "in_stock": True}
    again = post_sync(client, one.point, edits).json()["results"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    one.refresh_from_db(), two.refresh_from_db()
    assert (one.quantity, two.quantity, two.price) == (6, 15, Decimal("150000"))


def test_sync_endpoint_rejects_a_bad_edit_and_keeps_the_good_one(client):
    listing = ListingFactory(quantity=10)
    client.force_login(listing.point.applicant)
    results = post_sync(client, listing.point, [payload(listing, quantity=-1), payload(listing, quantity=9)]).json()["results"]
    assert results[0]["status"] == "rejected" and results[0]["message"]
    assert results[1]["status"] == "applied"


def test_sync_endpoint_refuses_strangers_and_logged_out_staff(client):
    listing = ListingFactory(quantity=10)
    assert post_sync(client, listing.point, [payload(listing, quantity=1)]).status_code == 403
    client.force_login(UserFactory())
    assert post_sync(client, listing.point, [payload(listing, quantity=1)]).status_code == 403
    listing.refresh_from_db()
    assert listing.quantity == 10


def test_sync_endpoint_needs_the_csrf_token(client):
    from django.test import Client

    listing = ListingFactory(quantity=10)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(listing.point.applicant)
    assert post_sync(strict, listing.point, [payload(listing, quantity=1)]).status_code == 403


# --- Installable, offline-capable page ---------------------------------------------------------


def test_stock_page_links_manifest_worker_and_scripts_without_inline_code(client):
    listing = ListingFactory()
    client.force_login(listing.point.applicant)
    response = client.get(reverse("sales_points:stock", args=[listing.point.slug]))
    html = response.content.decode()
    assert reverse("sales_points:stock-manifest", args=[listing.point.slug]) in html
    assert f'data-sw-url="{reverse("sales_points:stock-sw", args=[listing.point.slug])}"' in html
    assert "sales_points/stock-offline.js" in html
    assert "<script>" not in html  # CSP: every script is a file
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_service_worker_is_served_from_the_stock_page_path(client):
    listing = ListingFactory()
    url = reverse("sales_points:stock-sw", args=[listing.point.slug])
    page = reverse("sales_points:stock", args=[listing.point.slug])
    assert url.startswith(page)  # its default scope covers the page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "importScripts(" in body and "stock-sw.js" in body and json.dumps(page) in body


def test_manifest_installs_the_stock_page_with_png_icons(client):
    listing = ListingFactory()
    response = client.get(reverse("sales_points:stock-manifest", args=[listing.point.slug]))
    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["start_url"] == reverse("sales_points:stock", args=[listing.point.slug])
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    from django.contrib.staticfiles import finders

    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_a_draft_points_service_worker_and_manifest_are_hidden_like_its_page(client):
    """Both name the point: a draft (not yet recognised) point answers 404 to a visitor."""
    from tests.factories.sales_points import SalesPointFactory

    draft = SalesPointFactory()
    for name in ("sales_points:stock-sw", "sales_points:stock-manifest", "sales_points:detail"):
        assert client.get(reverse(name, args=[draft.slug])).status_code == 404, name
