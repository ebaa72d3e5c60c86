"""django-axes on every login form: lockout per account + address with a Vietnamese page (429),
and a successful login rotates the session key and the CSRF token."""
import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.factories.checkout import add_to_basket, producer_product

PASSWORD = "mat-khau-123"
LOCKED_TEXT = "Tạm khoá đăng nhập"


def shop_login(client, email, password, ip="10.0.0.1"):
    return client.post(
        reverse("customer:login"),
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=ip,
    )


def fail_until_limit(post):
    responses = [post("sai-mat-khau") for _ in range(settings.AXES_FAILURE_LIMIT)]
    return responses


@pytest.mark.django_db
def test_shop_login_locks_after_repeated_failures_even_with_the_right_password(client):
    user = UserFactory(email="khach@example.vn")
    responses = fail_until_limit(lambda pw: shop_login(client, user.email, pw))
    assert all(r.status_code == 200 for r in responses[:-1])  # the form re-renders with its error
    assert responses[-1].status_code == 429

    locked = shop_login(client, user.email, PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert LOCKED_TEXT in page
    assert "Vui lòng thử lại sau 15 phút" in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_account_and_address(client):
    user = UserFactory(email="khach@example.vn")
    other = UserFactory(email="khac@example.vn")
    fail_until_limit(lambda pw: shop_login(client, user.email, pw, ip="10.0.0.1"))

    # The same account from another address, and another account from the same address, still sign in.
    assert shop_login(client, user.email, PASSWORD, ip="10.0.0.2").status_code == 302
    client.logout()
    assert shop_login(client, other.email, PASSWORD, ip="10.0.0.1").status_code == 302


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_then_success_resets_the_count(client):
    user = UserFactory(email="khach@example.vn")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert shop_login(client, user.email, "sai").status_code == 200
    assert shop_login(client, user.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert shop_login(client, user.email, "sai").status_code == 200
    assert shop_login(client, user.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_wagtail_admin_login_locks(client):
    user = UserFactory(username="bientap", is_staff=True, is_superuser=True)
    responses = fail_until_limit(
        lambda pw: client.post("/cms/login/", {"username": user.username, "password": pw}, REMOTE_ADDR="10.0.0.3")
    )
    assert responses[-1].status_code == 429
    locked = client.post("/cms/login/", {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.3")
    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()


@pytest.mark.django_db
def test_django_admin_login_locks(client):
    user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    url = "/django-admin/login/"
    fail_until_limit(lambda pw: client.post(url, {"username": user.username, "password": pw}, REMOTE_ADDR="10.0.0.4"))
    locked = client.post(url, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.4")
    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()


@pytest.mark.django_db
def test_checkout_gateway_login_locks(client):
    user = UserFactory(email="muahang@example.vn")
    add_to_basket(client, producer_product())

    def gateway(pw):
        return client.post(
            reverse("checkout:index"),
            {"username": user.email, "password": pw, "options": "existing"},
            REMOTE_ADDR="10.0.0.5",
        )

    fail_until_limit(gateway)
    locked = gateway(PASSWORD)
    assert locked.status_code == 429
    assert LOCKED_TEXT in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_checkout_gateway_login_still_works(client):
    user = UserFactory(email="muahang@example.vn")
    add_to_basket(client, producer_product())
    response = client.post(
        reverse("checkout:index"), {"username": user.email, "password": PASSWORD, "options": "existing"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_successful_login_rotates_session_key_and_csrf_token(client):
    user = UserFactory(email="khach@example.vn")
    client.get(reverse("customer:login"))  # sets the CSRF cookie
    client.session.save()
    session_before = client.session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = session_before  # an anonymous session exists
    csrf_before = client.cookies[settings.CSRF_COOKIE_NAME].value

    response = shop_login(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != session_before
    assert client.cookies[settings.CSRF_COOKIE_NAME].value != csrf_before


@pytest.mark.django_db
def test_authenticate_without_request_still_works():
    from django.contrib.auth import authenticate

    user = UserFactory(email="khach@example.vn")
    assert authenticate(username=user.email, password=PASSWORD) == user
    assert authenticate(username=user.username, password=PASSWORD) == user
