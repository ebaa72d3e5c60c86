"""Producer A can never read or change producer B's products, stock, orders or reports.

Every dashboard URL carrying an id is tried as producer A with producer B's ids: each answers
403 or 404 (or sends A to log in), and B's data is unchanged."""
from decimal import Decimal

import pytest
from django.urls import get_resolver
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from tests.factories import OcopCertificateFactory, PartnerFactory, ProductFactory, StockRecordFactory
from tests.factories.shops import ProducerProfileFactory, producer_user

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")


def producer(name, title):
    profile = ProducerProfileFactory(partner=PartnerFactory(name=name))
    record = StockRecordFactory(
        partner=profile.partner, product=ProductFactory(title=title), price=Decimal("100000"), num_in_stock=50
    )
    OcopCertificateFactory(product=record.product)
    return profile, record


def order_of(*records):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for record in records:
        basket.add_product(record.product)
    return create_order(basket=basket)


@pytest.fixture
def two_producers():
    profile_a, record_a = producer("HTX An", "Miến An")
    profile_b, record_b = producer("HTX Bình", "Mật ong Bình")
    return {
        "a": profile_a, "record_a": record_a, "user_a": producer_user(profile_a.partner, username="producer_a"),
        "b": profile_b, "record_b": record_b, "user_b": producer_user(profile_b.partner, username="producer_b"),
        "order_b": order_of(record_b),
        "shared_order": order_of(record_a, record_b),
    }


def dashboard_urls_with_ids(data):
    """Every URL under /dashboard/ with a path argument, filled with producer B's ids."""
    order_b, line_b = data["order_b"], data["order_b"].lines.get()
    all_pks = [data["record_b"].product.pk, data["b"].partner.pk, order_b.pk, data["user_b"].pk, line_b.pk]
    values = {
        "pk": all_pks,
        "number": [order_b.number],
        "line_id": [line_b.pk],
        "slug": [data["b"].slug],
        "parent_pk": [data["record_b"].product.pk],
    }
    urls = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, route)
                continue
            if "dashboard/" not in route or "<" not in route and "(?P" not in route:
                continue
            urls.add(route)

    walk(get_resolver().url_patterns)
    filled = []
    import re

    product_b, partner_b, user_b = data["record_b"].product.pk, data["b"].partner.pk, data["user_b"].pk
    own_a = {data["record_a"].product.pk, data["a"].partner.pk, data["user_a"].pk}
    pk_by_area = {
        "catalogue/products": [product_b],
        "orders": [order_b.pk, line_b.pk],
        "partners": [partner_b, user_b],
        "users": [user_b],
    }
    for route in sorted(urls):
        names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
        names = [a or b for a, b in names]
        area = next((key for key in pk_by_area if key in route), None)
        # Which object an id names depends on the area: use B's object of that kind (elsewhere,
        # any of B's ids that is not also one of A's own).
        values["pk"] = pk_by_area[area] if area else [v for v in all_pks if v not in own_a]
        if not names or any(name not in values or not values[name] for name in names):
            continue
        for index in range(max(len(values[name]) for name in names)):
            path = route
            for name in names:
                value = values[name][min(index, len(values[name]) - 1)]
                path = re.sub(r"<(?:\w+:)?%s>" % name, str(value), path)
                path = re.sub(r"\(\?P<%s>[^)]*\)" % name, str(value), path)
            path = "/" + path.replace("^", "").replace("$", "").replace("\\Z", "").lstrip("/")
            filled.append(path)
    return sorted(set(filled))


def test_producer_a_cannot_reach_any_of_producer_b_dashboard_urls(client, two_producers):
    data = two_producers
    client.force_login(data["user_a"])
    urls = dashboard_urls_with_ids(data)
    assert any("/dashboard/catalogue/products/" in url for url in urls)
    assert any("/dashboard/orders/" in url for url in urls)
    assert any("/dashboard/producer/" in url for url in urls)
    leaks = []
    for url in urls:
        for method in ("get", "post"):
            try:
                response = getattr(client, method)(url)
            except Exception as error:  # a crash is not a refusal
                leaks.append((method, url, repr(error)[:80]))
                continue
            allowed = response.status_code in (403, 404, 405) or (
                response.status_code == 302 and "login" in response["Location"]
            )
            if not allowed:
                leaks.append((method, url, response.status_code))
    assert leaks == [], "\n".join(map(str, leaks))
    record_b = StockRecord.objects.get(pk=data["record_b"].pk)
    assert record_b.price == Decimal("100000") and Product.objects.filter(pk=record_b.product_id).exists()


def test_product_list_shows_only_own_products(client, two_producers):
    client.force_login(two_producers["user_a"])
    page = client.get("/dashboard/catalogue/").content.decode()
    assert "Miến An" in page and "Mật ong Bình" not in page


def test_own_back_office_pages_open(client, two_producers):
    client.force_login(two_producers["user_a"])
    slug = two_producers["a"].slug
    for suffix in ("", "profile/", "certificates/", "sales/", "changes/"):
        assert client.get(f"/dashboard/producer/{slug}/{suffix}").status_code == 200, suffix


def test_sales_figures_count_only_own_lines_of_a_shared_order(client, two_producers):
    client.force_login(two_producers["user_a"])
    response = client.get(f"/dashboard/producer/{two_producers['a'].slug}/sales/")
    sales = response.context["sales"]
    assert len(sales) == 1
    assert sales[0]["units"] == 1 and sales[0]["revenue"] == Decimal("100000")
    page = response.content.decode()
    assert "Miến An" in page and "Mật ong Bình" not in page


def form_data(form):
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(v) for v in value]
        else:
            data[form.add_prefix(name)] = str(value) if value is not True else "on"
    return data


def product_form_post_data(response):
    """What the browser would send back for Oscar's product form, unchanged."""
    data = form_data(response.context["form"])
    seen = set()
    for key in response.context.keys():
        value = response.context[key]
        if key.endswith("_formset") and hasattr(value, "management_form") and key not in seen:
            seen.add(key)
            management = form_data(value.management_form)
            # Only the existing rows: the blank extra rows stay blank, as a browser leaves them.
            management[value.add_prefix("TOTAL_FORMS")] = str(value.initial_form_count())
            data.update(management)
            for form in value.forms[: value.initial_form_count()]:
                data.update(form_data(form))
    return data


def test_producer_price_edit_is_logged_and_shown_on_the_storefront(client, two_producers):
    data = two_producers
    client.force_login(data["user_a"])
    product = data["record_a"].product
    url = f"/dashboard/catalogue/products/{product.pk}/"
    post = product_form_post_data(client.get(url))
    price_key = next(key for key in post if key.endswith("-price"))
    post[price_key] = "135000"
    response = client.post(url, post)
    assert response.status_code == 302, response.context and [f.errors for f in response.context["stockrecord_formset"]]
    assert StockRecord.objects.get(pk=data["record_a"].pk).price == Decimal("135000")
    change = data["a"].partner.back_office_changes.get(action="product_updated")
    assert change.user == data["user_a"] and "100000" in change.details and "135000" in change.details
    assert not data["b"].partner.back_office_changes.exists()
    assert "135.000" in client.get(f"/shops/{data['a'].slug}/").content.decode()
    assert "135000" in client.get(f"/dashboard/producer/{data['a'].slug}/changes/").content.decode()
