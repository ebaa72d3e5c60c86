import datetime

import pytest
from django.utils import timezone

from shops.models import Follow, ListingNotice
from shops.services import notify_followers
from tests.factories import OcopCertificateFactory, ProductFactory, StockRecordFactory, UserFactory
from tests.factories.shops import ProducerProfileFactory

pytestmark = pytest.mark.django_db


def test_follow_requires_login(client):
    profile = ProducerProfileFactory()
    response = client.post(f"/shops/{profile.slug}/follow/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "Đăng nhập để theo dõi" in client.get(f"/shops/{profile.slug}/").content.decode()


def test_shopper_follows_and_unfollows(client):
    profile = ProducerProfileFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(f"/shops/{profile.slug}/follow/", {"action": "follow"}, follow=True)
    assert "Bỏ theo dõi" in response.content.decode()
    assert "1 người theo dõi" in response.content.decode()
    client.post(f"/shops/{profile.slug}/follow/", {"action": "follow"})  # twice is still one follow
    assert Follow.objects.filter(user=user, partner=profile.partner).count() == 1
    client.post(f"/shops/{profile.slug}/follow/", {"action": "unfollow"})
    assert not Follow.objects.exists()


def test_follow_refuses_offsite_redirect(client):
    profile = ProducerProfileFactory()
    client.force_login(UserFactory())
    response = client.post(f"/shops/{profile.slug}/follow/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/shops/{profile.slug}/"


def test_followers_are_emailed_once_when_a_new_product_goes_on_sale(mailoutbox, django_capture_on_commit_callbacks):
    profile = ProducerProfileFactory()
    follower = UserFactory(email="nguoimua@example.vn")
    Follow.objects.create(user=follower, partner=profile.partner)
    UserFactory(email="khac@example.vn")  # not following
    with django_capture_on_commit_callbacks(execute=True):
        record = StockRecordFactory(partner=profile.partner, product=ProductFactory(title="Miến dong mới"))
    assert mailoutbox == []  # not certified yet: not on sale, nobody is told
    with django_capture_on_commit_callbacks(execute=True):
        OcopCertificateFactory(product=record.product)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nguoimua@example.vn"]
    assert "Miến dong mới" in mailoutbox[0].body and profile.name in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        OcopCertificateFactory(product=record.product, decision_number="9999/QĐ-UBND")  # a renewal
    assert len(mailoutbox) == 1
    assert ListingNotice.objects.get().recipients == 1


def test_notify_followers_is_callable_by_other_apps(mailoutbox, django_capture_on_commit_callbacks):
    profile = ProducerProfileFactory()
    for n in range(3):
        Follow.objects.create(user=UserFactory(email=f"f{n}@example.vn"), partner=profile.partner)
    with django_capture_on_commit_callbacks(execute=True):
        count = notify_followers(partner=profile.partner, subject="Đang live", message="Vào xem ngay", event="test:1")
    assert count == 3
    assert sorted(m.to[0] for m in mailoutbox) == ["f0@example.vn", "f1@example.vn", "f2@example.vn"]


def test_producer_sees_the_expiry_warning(client):
    from tests.factories.shops import producer_user

    profile = ProducerProfileFactory()
    record = StockRecordFactory(partner=profile.partner, product=ProductFactory(title="Trà sắp hết hạn"))
    today = timezone.localdate()
    OcopCertificateFactory(
        product=record.product, decision_date=today - datetime.timedelta(days=1000),
        valid_until=today + datetime.timedelta(days=10),
    )
    client.force_login(producer_user(profile.partner))
    for url in (f"/dashboard/producer/{profile.slug}/", f"/dashboard/producer/{profile.slug}/certificates/"):
        page = client.get(url).content.decode()
        assert "Chứng nhận OCOP sắp hết hiệu lực" in page
        assert "Trà sắp hết hạn" in page and "còn 10 ngày" in page
