"""Issue 17 §4 (ASVS V5.3.3): Oscar prints notification subjects and bodies, category descriptions
and offer/range descriptions with |safe.

Checked: a product title and a reviewer's reason carrying markup reach the producer's notification
pages escaped (marketplace.notifications); a category description and an offer description saved
by staff with a script and an event handler are whitelisted (marketplace.html_sanitizer)."""
import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories.evaluation import CycleFactory, complete_dossier, producer_with_user, user_with_perms

pytestmark = pytest.mark.django_db
PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_notification_text_is_escaped(client):
    from ocop.evaluation import services
    from ocop.evaluation.models import Dossier

    user, producer = producer_with_user()
    dossier = complete_dossier(producer=producer, cycle=CycleFactory(), by=user, status=Dossier.Status.DRAFT)
    dossier.product.title = f"Miến {PAYLOAD}"
    dossier.product.save()
    services.dossier_submit(dossier=dossier, by=user)
    reviewer = user_with_perms("review_commune", username="can-bo-xa")
    services.dossier_return(dossier=dossier, by=reviewer, reason=f"Thiếu giấy {PAYLOAD}")

    notification = user.notifications.get()
    client.force_login(user)
    for url in (reverse("customer:notifications-inbox"), reverse("customer:notifications-detail", args=[notification.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert(2)" not in page and 'onerror="alert(1)"' not in page, url
    assert "&lt;script&gt;" in client.get(reverse("customer:notifications-detail", args=[notification.pk])).content.decode()


def test_category_and_offer_descriptions_are_whitelisted():
    Category = get_model("catalogue", "Category")
    Range = get_model("offer", "Range")
    category = Category.add_root(name="Đặc sản", description=f"<p>Ngon</p>{PAYLOAD}", long_description=PAYLOAD)
    offer_range = Range.objects.create(name="Tết", description=f"<b>Quà</b>{PAYLOAD}")
    for value in (category.description, category.long_description, offer_range.description):
        assert "<script" not in value and "onerror" not in value
    assert "<p>Ngon</p>" in category.description and "<b>Quà</b>" in offer_range.description
