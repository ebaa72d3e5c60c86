"""Forbidden health claims, matched with or without accents: descriptions and stories wait for staff
review with the phrase highlighted; hosts' chat and live titles are held and the host told why."""
import pytest
from django.urls import reverse

from ocop import claims
from ocop.models import ClaimReview, HealthClaimPhrase
from tests.factories import UserFactory
from tests.factories.catalogue import certification_officer, certified_product, producer
from tests.factories.livestream import host_user, live_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text,found",
    [
        ("Trà giảo cổ lam giúp chữa khỏi tiểu đường", ["chữa khỏi", "tiểu đường"]),
        ("tra giao co lam giup CHUA KHOI benh", ["CHUA KHOI", "KHOI benh"]),
        ("Có thể thay the thuoc tây", ["thay the thuoc"]),
        ("Hỗ trợ ĐIỀU TRỊ ung thu", ["ĐIỀU TRỊ", "ung thu"]),
        ("Trà thơm, uống ngon, điều hòa giấc ngủ", []),
    ],
)
def test_matching_ignores_accents_and_case(text, found):
    assert claims.found_phrases(text) == found


def test_staff_edit_the_list():
    HealthClaimPhrase.objects.create(phrase="thần dược")
    assert claims.found_phrases("Đây là than duoc của núi rừng") == ["than duoc"]
    HealthClaimPhrase.objects.filter(phrase="điều trị").update(is_active=False)
    assert claims.found_phrases("hỗ trợ điều trị") == []


def test_producer_story_with_a_claim_waits_for_review_then_staff_approve(client):
    from shops.services import profile_update

    partner = producer("HTX Tài Hoan", slug="htx-tai-hoan")
    owner = UserFactory()
    profile_update(profile=partner.producer_profile, user=owner, data={"story": "Miến dong giúp chua khoi benh gut."})
    page = client.get(reverse("shops:detail", kwargs={"slug": "htx-tai-hoan"})).content.decode()
    assert "Câu chuyện đang chờ ban quản lý duyệt" in page and "benh gut" not in page
    review = ClaimReview.objects.get()
    assert review.phrases == ["chua khoi", "khoi benh"]

    officer = certification_officer(is_staff=True)
    client.force_login(officer)
    listing = client.get(reverse("ocop:dashboard-claims")).content.decode()
    assert "<mark>chua khoi</mark>" in listing
    client.post(reverse("ocop:dashboard-claims"), {"review": review.pk, "action": "approve"})
    client.logout()
    page = client.get(reverse("shops:detail", kwargs={"slug": "htx-tai-hoan"})).content.decode()
    assert "benh gut" in page


def test_product_description_with_a_claim_is_hidden_until_reviewed(client):
    product = certified_product(title="Trà cà gai leo", description="Trà đặc trị gan nhiễm mỡ.")
    review = claims.review_on_save(obj=product, field="description", by=None)  # as the dashboard's save does
    assert review.phrases == ["đặc trị"]
    html = client.get(product.get_absolute_url()).content.decode()
    assert "gan nhiễm mỡ" not in html and "Mô tả sản phẩm đang chờ ban quản lý duyệt" in html
    product.description = "Trà thơm, vị đắng nhẹ."
    product.save()
    assert claims.review_on_save(obj=product, field="description", by=None) is None
    assert "vị đắng nhẹ" in client.get(product.get_absolute_url()).content.decode()


def test_dashboard_product_save_calls_the_checker():
    import inspect

    from marketplace.dashboard.catalogue import views

    assert "claims.review_on_save(obj=self.object, field=\"description\"" in inspect.getsource(views.ProductCreateUpdateView)


def test_host_chat_with_a_claim_is_held_and_the_host_told_why():
    from livestream.models import ChatMessage
    from livestream.services import LiveError, chat_post

    session = live_session()
    host = host_user(session)
    with pytest.raises(LiveError) as error:
        chat_post(session_id=session.pk, user=host, body="Mật ong này dieu tri dau da day")
    assert error.value.code == "health_claim" and "dieu tri" in error.value.message
    assert not ChatMessage.objects.exists()
    chat_post(session_id=session.pk, user=host, body="Mật ong rừng Thanh Thịnh, vị ngọt thanh")
    assert ChatMessage.objects.count() == 1


def test_live_title_with_a_claim_is_refused_with_the_reason():
    from livestream.forms import SessionForm

    session = live_session()
    host = host_user(session)
    form = SessionForm(
        data={"partner": session.partner.pk, "title": "Trà thay thế thuốc hạ huyết áp", "scheduled_start": "20/12/2026 20:00",
              "stream_url": "https://stream.example.vn/a.m3u8"},
        user=host,
    )
    assert not form.is_valid()
    assert "thay thế thuốc" in str(form.errors["title"])
