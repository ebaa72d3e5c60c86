"""Every URL that carries an id/slug/pk/code/key is classified: PUBLIC on purpose, SELF_SERVICE
(the id names a public object and the signed-in user acts on their own data), or private; a
private URL must answer 403/404 or a redirect to login for an anonymous visitor and for an
ordinary shopper who owns nothing. A new URL in none of the lists fails ("unclassified URL")."""
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from oscar.test.factories import UserAddressFactory, create_order
from oscar.test.factories.wishlists import WishListFactory

from tests.factories import UserFactory, product_on_sale
from tests.factories.livestream import live_session
from tests.factories.sales_points import ApprovedSalesPointFactory
from tests.factories.shops import ProducerProfileFactory

#: Public on purpose: storefronts, product pages, viewer/trace pages, news, secret-link pages.
PUBLIC = {
    "ocop:trace", "ocop:trace-qr",
    "shops:detail", "livestream:detail", "sales_points:detail", "gift_baskets:detail",
    "catalogue:detail", "catalogue:category", "catalogue:range", "catalogue:reviews-detail",
    "catalogue:reviews-list", "offer:detail",
    # Protected by a secret in the URL (order hash, alert key, reset token), not by a login.
    "customer:anon-order-form", "customer:anon-order", "customer:alerts-confirm",
    "customer:alerts-cancel-by-key", "password-reset-confirm",
    # Wagtail's password form for a restricted page/document: the form itself is the gate.
    "wagtaildocs_authenticate_with_password", "wagtailcore_authenticate_with_password",
    # WHIP ingest: the session's bearer token or the host's login is the gate, checked on every call
    # (tests/livestream/media/test_whip_refusals.py: 401 without/with a wrong token, 403 stranger).
    "livestream:whip", "livestream:whip_resource",
    # A recognised point's offline stock page shell (service worker, manifest): no stock, no staff data;
    # a draft point answers 404 to all but its managers, like its public page.
    "sales_points:stock-sw", "sales_points:stock-manifest",
}
#: The id names a public object; the visitor acts on their own basket/wishlist/follows/reviews.
SELF_SERVICE = {
    "basket:add", "shops:follow", "livestream:buy", "livestream:remind", "gift_baskets:add",
    "customer:alert-create", "customer:wishlists-add-product", "customer:wishlists-create-with-product",
    "catalogue:reviews-add", "catalogue:reviews-vote",
    "basket:vouchers-remove",  # takes the voucher off the visitor's own basket
}
# Anything else is private and must refuse others, e.g. shops:producer-gift-supply (a producer's own
# gift-basket supply lines: another producer, a shopper or a visitor gets 404 or the login page).
ID_NAMES = {"id", "pk", "slug", "code", "key", "number", "order_number", "hash", "uidb64", "token"}
SKIP_PREFIXES = ("cms/", "django-admin/")  # Wagtail's and Django's own admin sites: staff-only as a whole


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name, pattern


def _args(route, pattern):
    names = list(pattern.pattern.regex.groupindex)
    for part in route.split("<")[1:]:
        names.append(part.split(">")[0].split(":")[-1])
    return [n for n in dict.fromkeys(names)]


def id_urls():
    seen = set()
    for route, name, pattern in _walk(get_resolver().url_patterns):
        args = _args(route, pattern)
        if route.startswith(SKIP_PREFIXES) or not any(a in ID_NAMES or a.endswith(("_pk", "_id")) for a in args):
            continue
        if (name, tuple(args)) not in seen:
            seen.add((name, tuple(args)))
            yield pytest.param(name, tuple(args), id=f"{name}[{','.join(args)}]")


@pytest.fixture
def others_objects(db):
    """Objects owned by somebody else (a producer, a sales point, another shopper)."""
    from oscar.core.loading import get_model
    from oscar.test.factories.customer import ProductAlertFactory

    from tests.factories.evaluation import complete_dossier

    owner = UserFactory(username="chu-so-huu")
    order = create_order(user=owner)
    product = product_on_sale()
    wishlist = WishListFactory(owner=owner)
    wishlist.add(product)
    producer = ProducerProfileFactory()
    dossier = complete_dossier(producer=producer)
    return {
        "order": order,
        "address": UserAddressFactory(user=owner),
        "wishlist": wishlist,
        "wishlist_line": wishlist.lines.get(),
        "profile": producer,
        "point": ApprovedSalesPointFactory(),
        "session": live_session(),
        "product": product,
        "complaint": _complaint_on(order, owner),
        "alert": ProductAlertFactory(user=owner, product=product),
        "email": get_model("communication", "Email").objects.create(user=owner, subject="Đơn hàng", body_text="…"),
        "notification": get_model("communication", "Notification").objects.create(
            recipient=owner, subject="Đơn hàng", body="…"
        ),
        "dossier": dossier,
        "document": dossier.documents.first(),
    }


def _complaint_on(order, owner):
    """A return request of the other shopper (complaints:* detail pages must not open for anyone else)."""
    from django.utils import timezone

    from marketplace.complaints.models import ReturnRequest

    from shops.images import resized_image_file
    from tests.factories.shops import jpeg_upload

    line = order.lines.first()
    request = ReturnRequest.objects.create(
        line=line, order=order, partner=line.partner, user=owner, quantity=1, reason="damaged", refund_amount=1000,
        delivered_at=timezone.now(),
    )
    photo = resized_image_file(jpeg_upload(), (100, 100))
    request.photos.create(image=photo)  # complaints:*-photo must not open for anyone else either
    return request


def _kwargs(name, args, objs):
    value_for = {
        "number": objs["order"].number, "order_number": objs["order"].number,
        "line_id": objs["order"].lines.first().pk, "key": objs["wishlist"].key, "to_key": objs["wishlist"].key,
        "action": "default_for_billing", "product_slug": objs["product"].slug, "product_pk": objs["product"].pk,
    }
    value_for.update(email_id=objs["email"].pk, line_pk=objs["wishlist_line"].pk, document_pk=objs["document"].pk)
    if name == "customer:wishlists-remove-product" and "product_pk" in args:
        value_for["product_pk"] = objs["wishlist_line"].product_id
    if name.startswith("shops:producer"):
        value_for["slug"] = objs["profile"].slug
    elif name.startswith("complaints:"):
        value_for.update(pk=objs["complaint"].pk, slug=objs["profile"].slug, photo_pk=objs["complaint"].photos.get().pk)
    elif name.startswith("sales_points:") and "slug" in args:
        value_for["slug"] = objs["point"].slug
    elif name.startswith("sales_points:dashboard"):
        value_for.update(pk=objs["point"].pk, action="approve")
    elif name.startswith("livestream:"):
        value_for["pk"] = objs["session"].pk
    elif name.startswith("evaluation:"):
        value_for["pk"] = objs["dossier"].pk
    elif name == "customer:notifications-detail":
        value_for["pk"] = objs["notification"].pk
    elif name == "customer:alerts-cancel-by-pk":
        value_for["pk"] = objs["alert"].pk
    elif name.startswith("customer:address"):
        value_for["pk"] = objs["address"].pk
    elif name.startswith("checkout:user-address"):
        value_for["pk"] = objs["address"].pk
    kwargs = {}
    for arg in args:
        if arg in value_for:
            kwargs[arg] = value_for[arg]
        elif arg in ("slug", "category_slug", "product_class_slug", "str"):
            kwargs[arg] = "khong-ton-tai"
        elif arg in ("uidb64", "token", "hash", "code"):
            kwargs[arg] = "abc123"
        else:
            kwargs[arg] = MADE_UP_ID
    return kwargs


#: An id no fixture object has: a URL given it (outside the staff dashboard, which logs the
#: visitor out first) could pass by answering 404 for a missing object, so the walk refuses it.
MADE_UP_ID = 987654


def _denied(response):
    if response.status_code in (403, 404, 405):
        return response.status_code != 405
    if response.status_code in (301, 302):
        return "login" in response["Location"]
    return False


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), list(id_urls()))
def test_every_url_with_an_id_is_public_or_denied_to_others(client, others_objects, name, args):
    if name in PUBLIC or name in SELF_SERVICE:
        assert not (name in PUBLIC and name in SELF_SERVICE)
        return
    kwargs = _kwargs(name, args, others_objects)
    url = reverse(name, kwargs=kwargs)
    for who in ("anonymous", "shopper"):
        if who == "shopper":
            client.force_login(UserFactory(username="khach-thuong"))
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
        made_up = MADE_UP_ID in kwargs.values() and not name.startswith("dashboard:")
        assert not (made_up and response.status_code == 404), (
            f"{name} {url} was tried with a made-up id: give it a real object in others_objects"
        )
        assert _denied(response), (
            f"unclassified URL or open to {who}: {name} {url} answered {response.status_code} "
            "(add it to PUBLIC/SELF_SERVICE on purpose, or make it answer 403/404)"
        )


def test_the_lists_name_only_existing_urls():
    names = {name for _route, name, _pattern in _walk(get_resolver().url_patterns)}
    assert (PUBLIC | SELF_SERVICE) - names == set()


@pytest.mark.django_db
def test_a_public_page_would_be_caught_if_it_were_not_listed(client, others_objects):
    """The check is not vacuous: a shop's storefront answers 200 to anyone."""
    url = reverse("shops:detail", kwargs={"slug": others_objects["profile"].slug})
    assert not _denied(client.get(url))
