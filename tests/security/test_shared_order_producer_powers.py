"""Issue 17 §3 (ASVS V4.1.3, V4.2.1): a producer with one line in an order shared with another
producer moves only its own parcel and reads only its own lines; order-level data is staff work.

Checked, each as the honey producer of a two-producer order: POST a new shipping address; POST
line_action payment and shipping events (and line status changes) on its own line; edit a staff
note; change the order status; read other people's notes; confirm the VietQR transfer (needs
payments.confirm_transfer, even for an order of its own). What it may still do: move its own parcel
(status and tracking code)."""
import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import PartnerFactory
from tests.factories.checkout import guest_order, producer_product, producer_user, staff_user

pytestmark = pytest.mark.django_db
OrderNote = get_model("order", "OrderNote")


@pytest.fixture
def shared(client, vietnam):
    honey_maker = PartnerFactory(name="HTX Mật ong Ba Bể")
    tea_maker = PartnerFactory(name="HTX Chè Shan Phja Đăm")
    order = guest_order(client, [producer_product(honey_maker, title="Mật ong"), producer_product(tea_maker, title="Chè")])
    browser = Client()
    browser.force_login(producer_user(honey_maker))
    detail = reverse("dashboard:order-detail", kwargs={"number": order.number})
    return order, honey_maker, browser, detail


def own_line(order, partner):
    return order.lines.get(partner=partner)


def test_cannot_change_the_shipping_address(shared):
    order, _maker, browser, _detail = shared
    url = reverse("dashboard:order-shipping-address", kwargs={"number": order.number})
    before = order.shipping_address.line1
    response = browser.post(url, {"first_name": "Kẻ gian", "line1": "Địa chỉ khác", "line4": "Hà Nội",
                                  "state": "Hà Nội", "phone_number": "+84912345678", "country": "VN"})
    assert response.status_code == 403
    order.shipping_address.refresh_from_db()
    assert order.shipping_address.line1 == before


@pytest.mark.parametrize("action, extra", [
    ("create_payment_event", {"payment_event_type": "1", "amount": "1"}),
    ("create_shipping_event", {"shipping_event_type": "1"}),
    ("change_line_statuses", {"new_status": "Đã hủy"}),
])
def test_cannot_post_line_actions_even_on_its_own_line(shared, action, extra):
    order, maker, browser, detail = shared
    line = own_line(order, maker)
    payment_events, shipping_events = order.payment_events.count(), order.shipping_events.count()
    response = browser.post(detail, {
        "line_action": action, "selected_line": [line.pk], f"selected_line_qty_{line.pk}": line.quantity, **extra,
    })
    assert response.status_code == 403
    assert order.payment_events.count() == payment_events and order.shipping_events.count() == shipping_events
    line.refresh_from_db()
    assert line.status != "Đã hủy"


@pytest.mark.parametrize("action, extra", [
    ("change_order_status", {"new_status": "Đã hủy"}),
    ("create_order_payment_event", {"amount": "1000", "payment_event_type": "1"}),
    ("delete_note", {"note_id": "1"}),
])
def test_cannot_post_order_actions(shared, action, extra):
    order, _maker, browser, detail = shared
    status = order.status
    assert browser.post(detail, {"order_action": action, **extra}).status_code == 403
    order.refresh_from_db()
    assert order.status == status


def test_cannot_edit_or_read_a_staff_note(shared):
    order, _maker, browser, detail = shared
    staff = staff_user("order.view_order")
    note = OrderNote.objects.create(order=order, user=staff, message="Khách VIP, gọi trước khi giao")
    url = reverse("dashboard:order-detail-note", kwargs={"number": order.number, "note_id": note.pk})
    response = browser.post(url, {"order_action": "save_note", "message": "đã sửa"})
    assert response.status_code in (403, 404)
    note.refresh_from_db()
    assert note.message == "Khách VIP, gọi trước khi giao"
    assert "Khách VIP" not in browser.get(detail).content.decode()


def test_cannot_confirm_the_transfer_without_the_permission(client, vietnam):
    maker = PartnerFactory(name="HTX Miến dong Na Rì")
    order = guest_order(client, [producer_product(maker)], method="transfer")
    browser = Client()
    browser.force_login(producer_user(maker))  # the sole producer of the order
    response = browser.post(reverse("dashboard:order-transfer-confirm", kwargs={"number": order.number}))
    assert response.status_code == 403
    order.payment.refresh_from_db()
    assert order.payment.status == "pending"
    page = browser.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "Xác nhận đã nhận chuyển khoản" not in page


def test_still_moves_its_own_parcel(shared):
    order, maker, browser, _detail = shared
    parcel = order.parcels.get(partner=maker)
    url = reverse("dashboard:order-parcel-status", kwargs={"number": order.number, "parcel_id": parcel.pk})
    assert browser.post(url, {"status": "confirmed", "tracking_code": "VNPOST123"}).status_code == 302
    parcel.refresh_from_db()
    assert parcel.status == "confirmed" and parcel.tracking_code == "VNPOST123"


def test_staff_with_the_permission_still_edits_the_address(shared):
    order, _maker, _browser, _detail = shared
    staff = Client()
    staff.force_login(staff_user("order.view_order", "order.change_order"))
    url = reverse("dashboard:order-shipping-address", kwargs={"number": order.number})
    assert staff.get(url).status_code == 200
