"""Slugs fold Vietnamese (đ → d) and a storefront whose slug changed still answers at the old address."""
import pytest

from search.folding import slugify
from shops.models import OldSlug
from tests.factories.shops import ProducerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, slug",
    [("HTX Thành Đạt", "htx-thanh-dat"), ("Hộ kinh doanh Đổng Văn Hoán", "ho-kinh-doanh-dong-van-hoan"),
     ("Trà hoa đu đủ đực", "tra-hoa-du-du-duc")],
)
def test_slugs_fold_vietnamese_first(name, slug):
    assert slugify(name) == slug


def test_oscar_makes_product_slugs_with_the_same_folding():
    from oscar.core.utils import slugify as oscar_slugify

    assert oscar_slugify("Bánh phở khô Chợ Đồn") == "banh-pho-kho-cho-don"


def test_a_changed_storefront_slug_answers_301_from_the_old_one(client):
    profile = ProducerProfileFactory(slug="htx-thanh-at")
    profile.slug = "htx-thanh-dat"
    profile.save()
    assert OldSlug.objects.filter(slug="htx-thanh-at", profile=profile).exists()
    response = client.get("/shops/htx-thanh-at/")
    assert response.status_code == 301 and response["Location"] == "/shops/htx-thanh-dat/"
    assert client.get("/shops/htx-thanh-dat/").status_code == 200
    assert client.get("/shops/khong-co/").status_code == 404
