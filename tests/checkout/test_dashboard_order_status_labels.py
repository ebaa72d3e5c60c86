"""Staff read an order's status as its label ("Chờ xác nhận"), never the stored code ("pending"),
on Oscar's order list, its order page and its CSV download."""
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.checkout import guest_order, producer_product, staff_user

pytestmark = pytest.mark.django_db


def test_list_detail_and_csv_show_the_label(client, vietnam):
    order = guest_order(client, [producer_product(title="Miến dong Tài Hoan")])
    assert order.status == "pending"
    staff = Client()
    staff.force_login(staff_user("order.view_order", "order.change_order"))

    listing = staff.get(reverse("dashboard:order-list")).content.decode()
    row = re.search(rf"<tr>.*?{order.number}.*?</tr>", listing, re.S).group(0)
    assert "Chờ xác nhận" in row and ">pending<" not in row

    detail = staff.get(reverse("dashboard:order-detail", kwargs={"number": order.number})).content.decode()
    assert "Chờ xác nhận" in detail and ">pending<" not in detail

    csv = staff.post(
        reverse("dashboard:order-list"), {"action": "download_selected_orders", "selected_order": [order.pk]}
    ).content.decode("utf-8-sig")
    assert "Chờ xác nhận" in csv and ",pending" not in csv
