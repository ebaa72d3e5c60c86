"""The live pages: list, viewer/replay page, scheduling, host console, reminders."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from livestream.models import FeaturedProduct, LiveReminder, LiveSession, PinMarker
from tests.factories import OcopCertificateFactory, ProductFactory, StockRecordFactory, UserFactory
from tests.factories.livestream import featured, host_user, live_session

pytestmark = pytest.mark.django_db


def test_index_lists_live_upcoming_and_past_sessions(client):
    live = live_session(title="Miến dong Na Rì trực tiếp")
    upcoming = live_session(status=LiveSession.Status.SCHEDULED, title="Tối nay: mật ong Ba Bể")
    past = live_session(status=LiveSession.Status.ENDED, title="Phiên trà Shan tuyết")
    past.ended_at = timezone.now()
    past.save()
    live_session(status=LiveSession.Status.CANCELLED, title="Phiên đã huỷ")
    response = client.get(reverse("livestream:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("livestream:index") == "/live/"
    for session in (live, upcoming, past):
        assert session.title in html
    assert "Phiên đã huỷ" not in html
    assert html.index("Miến dong Na Rì") < html.index("Tối nay: mật ong") < html.index("Phiên trà Shan")


def test_index_empty_states(client):
    html = client.get("/live/").content.decode()
    assert "Hiện chưa có phiên nào đang phát." in html
    assert "Chưa có phiên nào được lên lịch." in html


def test_viewer_page_has_player_chat_and_rail_without_inline_scripts(client):
    session = live_session()
    item = featured(session, live_price=99000, cap=10)
    response = client.get(f"/live/{session.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="live-video"' in html and 'data-src="https://stream.example.vn/live/index.m3u8"' in html
    assert "vendor/hls/hls.min.js" in html and "livestream/live.js" in html
    assert item.product.get_title() in html and "99.000" in html
    assert f'data-ws-path="/ws/live/{session.pk}/"' in html
    assert "Đăng nhập để trò chuyện" in html
    assert "<script>" not in html.replace(" ", "")


def test_uncertified_products_leave_the_rail(client):
    session = live_session()
    item = featured(session)
    item.product.ocop_certificates.update(status="revoked")
    assert item.product.get_title() not in client.get(f"/live/{session.pk}/").content.decode()


def test_replay_page_shows_recording_chat_and_markers(client):
    session = live_session()
    item = featured(session)
    PinMarker.objects.create(session=session, featured=item, pinned_at=session.started_at + datetime.timedelta(seconds=95))
    session.status = LiveSession.Status.ENDED
    session.ended_at = timezone.now()
    session.replay_url = "https://video.example.vn/replay/1.m3u8"
    session.save()
    user = UserFactory(username="chi")
    session.messages.create(user=user, body="Ngon quá <3")
    session.messages.create(user=user, body="tin bị ẩn", is_hidden=True)
    html = client.get(f"/live/{session.pk}/").content.decode()
    assert 'data-src="https://video.example.vn/replay/1.m3u8"' in html
    assert 'data-offset="95"' in html and item.product.get_title() in html
    assert "Ngon quá &lt;3" in html and "tin bị ẩn" not in html


def test_unknown_and_cancelled_sessions_are_404(client):
    assert client.get("/live/999999/").status_code == 404
    cancelled = live_session(status=LiveSession.Status.CANCELLED)
    assert client.get(f"/live/{cancelled.pk}/").status_code == 404


def test_host_console_is_for_hosts_only(client):
    session = live_session()
    client.force_login(UserFactory())
    assert client.get(reverse("livestream:host", args=[session.pk])).status_code == 403
    client.force_login(host_user(session))
    response = client.get(reverse("livestream:host", args=[session.pk]))
    assert response.status_code == 200 and "Bảng điều khiển" in response.content.decode()


def test_producer_schedules_a_session_and_features_only_certified_products(client):
    session_partner_user = UserFactory()
    record = StockRecordFactory()
    record.partner.users.add(session_partner_user)
    OcopCertificateFactory(product=record.product)
    uncertified = StockRecordFactory(partner=record.partner).product
    OcopCertificateFactory(product=uncertified, stars=2)
    client.force_login(session_partner_user)
    response = client.post(
        reverse("livestream:schedule"),
        {"partner": record.partner.pk, "title": "Phiên Tết", "scheduled_start": "20/12/2026 20:00"},
    )
    assert response.status_code == 200
    assert "Cần đường dẫn HLS" in response.content.decode()
    response = client.post(
        reverse("livestream:schedule"),
        {
            "partner": record.partner.pk,
            "title": "Phiên Tết",
            "scheduled_start": "20/12/2026 20:00",
            "stream_url": "https://stream.example.vn/tet.m3u8",
        },
    )
    session = LiveSession.objects.get(title="Phiên Tết")
    assert response.status_code == 302 and response.url == reverse("livestream:host", args=[session.pk])
    assert timezone.localtime(session.scheduled_start).strftime("%d/%m/%Y %H:%M") == "20/12/2026 20:00"
    host_url = reverse("livestream:host", args=[session.pk])
    response = client.post(host_url, {"product": uncertified.pk, "live_price": "99000"})
    assert response.status_code == 200 and not FeaturedProduct.objects.exists()
    response = client.post(host_url, {"product": record.product.pk, "live_price": "99000.50"})
    assert response.status_code == 200 and "phần thập phân" in response.content.decode()
    response = client.post(
        host_url, {"product": record.product.pk, "live_price": "99000", "quantity_cap": "20", "per_buyer_limit": "2"}
    )
    assert response.status_code == 302
    item = FeaturedProduct.objects.get()
    assert (item.product, item.live_price, item.quantity_cap, item.per_buyer_limit) == (record.product, 99000, 20, 2)


def test_other_producers_products_cannot_be_featured(client):
    session = live_session(status=LiveSession.Status.SCHEDULED)
    client.force_login(host_user(session))
    foreign = StockRecordFactory().product
    OcopCertificateFactory(product=foreign)
    client.post(reverse("livestream:host", args=[session.pk]), {"product": foreign.pk})
    assert not FeaturedProduct.objects.exists()


def test_scheduling_needs_a_producer_account(client):
    client.force_login(UserFactory())
    assert client.get(reverse("livestream:schedule")).status_code == 403
    client.logout()
    assert client.get(reverse("livestream:schedule")).status_code == 302


def test_remind_me(client):
    session = live_session(status=LiveSession.Status.SCHEDULED)
    user = UserFactory()
    client.force_login(user)
    assert "Nhắc tôi" in client.get(f"/live/{session.pk}/").content.decode()
    response = client.post(reverse("livestream:remind", args=[session.pk]), follow=True)
    assert "Chúng tôi sẽ gửi email" in response.content.decode()
    client.post(reverse("livestream:remind", args=[session.pk]))
    assert LiveReminder.objects.filter(session=session, user=user).count() == 1
    assert "Bạn đã đặt nhắc" in client.get(f"/live/{session.pk}/").content.decode()


def test_english_page(client):
    session = live_session()
    assert client.get(f"/en/live/{session.pk}/").status_code == 200


def test_product_factory_default_not_featured():
    # A product without a certificate is never offered in the schedule form.
    session = live_session()
    record = StockRecordFactory(partner=session.partner, product=ProductFactory())
    from livestream.selectors import certified_products_of

    assert record.product not in certified_products_of(session.partner)
