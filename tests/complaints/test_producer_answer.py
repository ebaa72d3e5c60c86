"""The line's producer answers in its back office; another producer can neither see nor answer."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from marketplace.complaints import services
from marketplace.complaints.models import ReturnRequest
from tests.factories.complaints import open_request, producer_with_profile
from tests.factories.shops import producer_user

pytestmark = pytest.mark.django_db


def test_other_producer_gets_404_and_the_service_refuses(client, cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    other = producer_with_profile("HTX Gạo Bao Thai")
    intruder = producer_user(other)
    client.force_login(intruder)
    slug = other.producer_profile.slug
    assert client.get(reverse("complaints:producer-detail", kwargs={"slug": slug, "pk": request.pk})).status_code == 404
    response = client.post(
        reverse("complaints:producer-detail", kwargs={"slug": slug, "pk": request.pk}), {"decision": "accept"}
    )
    assert response.status_code == 404
    own_slug = cod_case["partner"].producer_profile.slug
    assert client.get(reverse("complaints:producer-list", kwargs={"slug": own_slug})).status_code == 404
    assert "Mật ong bạc hà" not in client.get(reverse("complaints:producer-list", kwargs={"slug": slug})).content.decode()
    with pytest.raises(PermissionDenied):
        services.request_answer(request_id=request.pk, user=intruder, accept=True)
    assert ReturnRequest.objects.get().status == "open"


def test_own_producer_sees_the_request_and_must_give_a_reason_to_reject(client, cod_case):
    request = open_request(cod_case["line"], cod_case["user"])
    owner = producer_user(cod_case["partner"])
    client.force_login(owner)
    slug = cod_case["partner"].producer_profile.slug
    listing = client.get(reverse("complaints:producer-list", kwargs={"slug": slug})).content.decode()
    assert f"#{request.pk}" in listing and "Mật ong bạc hà" in listing
    url = reverse("complaints:producer-detail", kwargs={"slug": slug, "pk": request.pk})
    response = client.post(url, {"decision": "reject", "answer": ""})
    assert response.status_code == 400 and "Khi từ chối, hãy ghi rõ lý do cho người mua." in response.content.decode()
    response = client.post(url, {"decision": "reject", "answer": "Ảnh cho thấy hũ còn nguyên khi giao."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "producer_rejected" and request.answered_at is not None
    assert list(request.events.values_list("action", "actor")) == [("opened", cod_case["user"].pk), ("producer_rejected", owner.pk)]
    assert client.post(url, {"decision": "accept"}).status_code == 400  # answered once
