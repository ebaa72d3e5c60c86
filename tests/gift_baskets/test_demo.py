from decimal import Decimal

import pytest
from django.urls import reverse

from gift_baskets.demo import load_gift_baskets
from gift_baskets.models import CultureTheme, GiftBasket
from tests.factories import product_on_sale

pytestmark = pytest.mark.django_db


def test_demo_step_is_idempotent_and_builds_themed_baskets(client):
    for title in ["Bánh gio Pắc San", "Lạp sườn Bắc Kạn", "Gạo nếp Khẩu Nua Lếch", "Rượu men lá Bằng Phúc"]:
        product_on_sale(title=title, price=Decimal("100000"))
    lines = []
    load_gift_baskets(log=lines.append)
    load_gift_baskets(log=lines.append)

    assert CultureTheme.objects.count() == 5
    tet = GiftBasket.objects.get(theme__code="tet-tay", is_builder=False)
    assert tet.components.count() == 3
    assert tet.product.stockrecords.get().price == Decimal("270000")  # 90% of the parts
    assert GiftBasket.objects.filter(is_builder=True).count() == 1
    assert GiftBasket.objects.filter(theme__code="tet-tay").count() == 1

    body = client.get(reverse("gift_baskets:index"), {"theme": "tet-tay"}).content.decode()
    assert tet.product.title in body and "Lạp sườn Bắc Kạn" in body


def test_demo_themes_tell_the_vietnamese_story_and_baskets_promise_only_their_contents(client):
    for title in ["Bánh gio Pắc San", "Lạp sườn Bắc Kạn", "Gạo nếp Khẩu Nua Lếch", "Rượu men lá Bằng Phúc"]:
        product_on_sale(title=title, price=Decimal("100000"))
    load_gift_baskets(log=lambda line: None)

    tet = GiftBasket.objects.get(theme__code="tet-tay", is_builder=False)
    assert tet.theme.story.startswith("Tết của người Tày có bánh chưng dài")
    names = [component.product.title for component in tet.components.all()]
    assert all(name in tet.product.description for name in names)
    assert "thịt treo gác bếp" not in tet.product.description  # the team's basket idea, not in this basket
    body = client.get(reverse("gift_baskets:index"), {"theme": "ba-be"}).content.decode()
    assert "Ramsar" in body and "karst lake" not in body  # story_vi, never the English working notes
