"""Click & collect: a line collected at a sales point comes from the point's own stock and price,
the point's staff mark it ready and hand it over by code (once, at that point only), and a
reservation not collected in time is cancelled with its stock released."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_class, get_model

from sales_points import services
from sales_points.models import PickupReservation
from tests.factories import UserFactory, product_on_sale
from tests.factories.sales_points import pickup_order, pickup_point

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")
Parcel = get_model("order", "Parcel")
Selector = get_class("partner.strategy", "Selector")


def test_reserving_allocates_the_points_stock_at_the_points_price(django_capture_on_commit_callbacks):
    point, listing, record = pickup_point(quantity=2, price="110000")
    producer_record = StockRecord.objects.exclude(pk=record.pk).get(product=listing.product)
    with django_capture_on_commit_callbacks(execute=True):
        order = pickup_order(record)
    reservation = PickupReservation.objects.get(parcel__order=order)
    assert reservation.point == point and reservation.status == "reserved" and len(reservation.code) == 10
    parcel = reservation.parcel
    assert parcel.partner == point.partner and not parcel.requires_shipping and parcel.shipping_charge == 0
    assert order.lines.get().line_price_incl_tax == Decimal("110000")
    record.refresh_from_db(), producer_record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (2, 1)
    assert producer_record.num_allocated in (0, None)
    assert reservation.expires_at - reservation.created_at == timedelta(days=3)
    assert "mã nhận hàng" in mail.outbox[-1].subject.lower() and reservation.code in mail.outbox[-1].body


def test_the_point_never_sells_more_than_it_has():
    point, listing, record = pickup_point(quantity=1)
    pickup_order(record)
    with pytest.raises(UnableToPlaceOrder):
        pickup_order(record)
    assert PickupReservation.objects.count() == 1


def test_an_ordinary_purchase_never_takes_the_points_stock():
    point, listing, record = pickup_point(quantity=5)
    info = Selector().strategy().fetch_for_product(listing.product)
    assert info.stockrecord.partner != point.partner


def test_a_mixed_basket_ships_the_producers_parcel_and_collects_the_points():
    point, listing, record = pickup_point()
    other = product_on_sale()
    order = pickup_order(record, extra_products=[other])
    parcels = {parcel.partner_id: parcel for parcel in order.parcels.all()}
    assert parcels[point.partner_id].pickup.status == "reserved"
    shipped = parcels[other.stockrecords.get().partner_id]
    assert shipped.requires_shipping and not hasattr(shipped, "pickup") or shipped.requires_shipping
    html = render_to_string("checkout/order_parcels.html", {"order": order, "parcels": list(order.parcels.all())})
    assert "Nhận tại điểm bán" in html and "Giao tận nơi" in html and parcels[point.partner_id].pickup.code in html
    assert "<svg" in html  # the QR code


def test_ready_then_collected_by_code_once(django_capture_on_commit_callbacks):
    point, listing, record = pickup_point(quantity=2)
    order = pickup_order(record)
    reservation = order.parcels.get().pickup
    staff = point.applicant
    with django_capture_on_commit_callbacks(execute=True):
        services.pickup_mark_ready(reservation_id=reservation.pk, actor=staff)
    reservation.refresh_from_db()
    assert reservation.status == "ready" and reservation.parcel.status == Parcel.Status.CONFIRMED
    assert "sẵn sàng" in mail.outbox[-1].subject

    typed = " " + reservation.code.lower()[:5] + "-" + reservation.code.lower()[5:] + " "
    services.pickup_collect(point=point, code=typed, actor=staff)
    reservation.refresh_from_db(), record.refresh_from_db(), listing.refresh_from_db()
    assert reservation.status == "collected" and reservation.collected_by == staff
    assert reservation.parcel.status == Parcel.Status.DELIVERED
    assert (record.num_in_stock, record.num_allocated, listing.quantity) == (1, 0, 1)

    with pytest.raises(services.PickupError, match="Mã đã được dùng"):
        services.pickup_collect(point=point, code=reservation.code, actor=staff)


def test_a_code_from_another_point_or_unknown_is_refused_with_the_reason():
    point, listing, record = pickup_point()
    reservation = pickup_order(record).parcels.get().pickup
    other_point, _listing, _record = pickup_point()
    with pytest.raises(services.PickupError, match="không nhận tại điểm này"):
        services.pickup_collect(point=other_point, code=reservation.code, actor=other_point.applicant)
    with pytest.raises(services.PickupError, match="Không có đơn nhận hàng nào"):
        services.pickup_collect(point=point, code="KHONGCO123", actor=point.applicant)
    with pytest.raises(services.PermissionDenied):
        services.pickup_collect(point=point, code=reservation.code, actor=UserFactory())
    reservation.refresh_from_db()
    assert reservation.status == "reserved"


def test_uncollected_reservations_expire_and_release_stock():
    point, listing, record = pickup_point(quantity=2)
    reservation = pickup_order(record).parcels.get().pickup
    assert services.pickups_expire(now=timezone.now() + timedelta(days=2)) == 0
    assert services.pickups_expire(now=timezone.now() + timedelta(days=3, minutes=1)) == 1
    reservation.refresh_from_db(), record.refresh_from_db()
    assert reservation.status == "cancelled" and reservation.parcel.status == Parcel.Status.CANCELLED
    assert (record.num_in_stock, record.num_allocated) == (2, 0)
    with pytest.raises(services.PickupError, match="Đơn đã bị hủy"):
        services.pickup_collect(point=point, code=reservation.code, actor=point.applicant)


def test_expiry_command(capsys):
    point, listing, record = pickup_point(quantity=2)
    reservation = pickup_order(record).parcels.get().pickup
    PickupReservation.objects.filter(pk=reservation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    call_command("expire_pickups")
    assert "1 reservation(s) cancelled" in capsys.readouterr().out


def test_a_staff_count_cannot_go_below_what_is_reserved():
    point, listing, record = pickup_point(quantity=3)
    pickup_order(record, quantity=2)
    services.listing_update(point=point, actor=point.applicant, product=listing.product, price=listing.price, quantity=1)
    record.refresh_from_db(), listing.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated, listing.quantity) == (2, 2, 2)


def test_points_sales_appear_in_the_settlement():
    from marketplace.payments.selectors import settlement_report

    point, listing, record = pickup_point(quantity=2, price="110000")
    pickup_order(record)
    today = timezone.localdate()
    rows = {row.partner: row for row in settlement_report(start=today, end=today)}
    assert rows[point.partner].sold == Decimal("110000") and rows[point.partner].shipping == 0


# --- Pages -------------------------------------------------------------------------------------


def test_staff_page_ready_and_collect_with_reasons(client):
    point, listing, record = pickup_point()
    order = pickup_order(record)
    reservation = order.parcels.get().pickup
    client.force_login(point.applicant)
    url = reverse("sales_points:pickups", args=[point.slug])
    assert str(order.number) in client.get(url).content.decode()
    client.post(url, {"action": "ready", "reservation": reservation.pk})
    reservation.refresh_from_db()
    assert reservation.status == "ready"
    html = client.post(url, {"action": "collect", "code": "SAIMA"}, follow=True).content.decode()
    assert "Không có đơn nhận hàng nào với mã “SAIMA”" in html
    html = client.post(url, {"action": "collect", "code": reservation.code}, follow=True).content.decode()
    assert "Đã giao đơn" in html
    html = client.post(url, {"action": "collect", "code": reservation.code}, follow=True).content.decode()
    assert "Mã đã được dùng" in html


def test_strangers_cannot_open_the_staff_page(client):
    point, listing, record = pickup_point()
    client.force_login(UserFactory())
    assert client.get(reverse("sales_points:pickups", args=[point.slug])).status_code == 403


def test_shopper_pickup_page_shows_code_qr_and_hours(client):
    point, listing, record = pickup_point()
    reservation = pickup_order(record).parcels.get().pickup
    html = client.get(reverse("sales_points:pickup", args=[reservation.code])).content.decode()
    assert reservation.code in html and "<svg" in html and "Giờ mở cửa" in html and point.name in html


def test_point_page_marks_what_can_be_reserved_and_the_choice_page_offers_the_point(client):
    point, listing, record = pickup_point(quantity=1)
    html = client.get(point.get_absolute_url()).content.decode()
    assert "Đặt trước, nhận tại đây" in html
    from tests.factories.checkout import add_to_basket

    add_to_basket(client, listing.product, 1)
    choice = client.get(reverse("sales_points:collect"))
    assert point.name in choice.content.decode() and "Giờ mở cửa" in choice.content.decode()
    response = client.post(reverse("sales_points:collect"), {"point": point.pk, "next": "/checkout/payment-method/"})
    assert response.status_code == 302 and response["Location"] == "/checkout/payment-method/"
    basket_line = get_model("basket", "Line").objects.get(product=listing.product)
    assert basket_line.stockrecord_id == record.pk
    client.post(reverse("sales_points:collect"), {"point": "ship"})
    basket_line.refresh_from_db()
    assert basket_line.stockrecord_id != record.pk
    pickup_order(record)  # the last unit reserved by someone else: no longer offered
    assert "Đặt trước, nhận tại đây" not in client.get(point.get_absolute_url()).content.decode()


def test_beat_cancels_an_uncollected_reservation_and_releases_its_stock():
    """The schedule, not an operator, runs the expiry: beat's entry calls pickups_expire."""
    from django.conf import settings

    from background import tasks

    point, listing, record = pickup_point(quantity=2)
    reservation = pickup_order(record).parcels.get().pickup
    entry = settings.CELERY_BEAT_SCHEDULE["expire-pickups"]
    tasks.periodic.apply(args=entry["args"])
    reservation.refresh_from_db()
    assert reservation.status != "cancelled"  # not yet due

    PickupReservation.objects.filter(pk=reservation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    tasks.periodic.apply(args=entry["args"])
    reservation.refresh_from_db(), record.refresh_from_db()
    assert reservation.status == "cancelled" and record.num_allocated == 0
