"""Issue 17 §2 (ASVS V2.2.1, V11.1): login throttling cannot be bypassed by forging X-Forwarded-For,
and an account under attack from many addresses is locked without its owner being locked out for long.

Production chain reproduced: nginx in front (the old guide *appended* to X-Forwarded-For), daphne
with --proxy-headers (REMOTE_ADDR = the header's first address, daphne.utils.parse_x_forwarded_for),
Django with the production AXES_IPWARE_* settings. Each try sends a new forged address on
/django-admin/, /cms/login/ and /accounts/login/; the right password must then be refused (429).
Account tier: failures from many real addresses lock the account; the owner gets a reset link by
e-mail, and after resetting the password signs in again."""
import re

import pytest
from daphne.utils import parse_x_forwarded_for
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "mat-khau-123"
ATTACKER = "198.51.100.23"
PRODUCTION = {  # marketplace/settings/production.py
    "AXES_IPWARE_PROXY_ORDER": "right-most",
    "AXES_IPWARE_PROXY_COUNT": None,
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"),
}

pytestmark = pytest.mark.django_db


def through_proxy(forged):
    """The META Django sees when the client sent `X-Forwarded-For: <forged>` through nginx + daphne."""
    header = f"{forged}, {ATTACKER}"  # nginx's $proxy_add_x_forwarded_for keeps what the client sent
    (address, _port), _scheme = parse_x_forwarded_for(
        {b"x-forwarded-for": [header.encode()]}, original_addr=["127.0.0.1", 40000]
    )
    return {"HTTP_X_FORWARDED_FOR": header, "REMOTE_ADDR": address}


def admin_login(client, user, password, meta):
    return client.post("/django-admin/login/", {"username": user.username, "password": password}, **meta)


def cms_login(client, user, password, meta):
    return client.post("/cms/login/", {"username": user.username, "password": password}, **meta)


def shop_login(client, user, password, meta):
    return client.post(
        reverse("customer:login"),
        {"login-username": user.email, "login-password": password, "login_submit": "1"},
        **meta,
    )


@override_settings(**PRODUCTION)
@pytest.mark.parametrize("login", [admin_login, cms_login, shop_login], ids=["django-admin", "cms", "accounts"])
def test_a_new_forged_address_per_try_does_not_reset_the_count(client, login):
    user = UserFactory(username="nan-nhan", email="nan-nhan@example.vn", is_staff=True, is_superuser=True)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, user, "sai-mat-khau", through_proxy(f"10.9.{attempt}.1"))
    locked = login(client, user, PASSWORD, through_proxy("10.9.200.1"))
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(**PRODUCTION)
def test_other_clients_behind_the_same_proxy_are_not_locked(client):
    user = UserFactory(username="khach", email="khach@example.vn")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        shop_login(client, user, "sai", through_proxy(f"10.9.{attempt}.1"))
    honest = {"HTTP_X_FORWARDED_FOR": "203.0.113.50", "REMOTE_ADDR": "203.0.113.50"}
    assert shop_login(client, user, PASSWORD, honest).status_code == 302


def test_many_real_addresses_lock_the_account_and_the_owner_gets_a_way_back(client, django_capture_on_commit_callbacks):
    user = UserFactory(username="chu-tai-khoan", email="chu@example.vn")
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after the commit
        for attempt in range(getattr(settings, "AXES_ACCOUNT_FAILURE_LIMIT", 20)):
            # a botnet: each address stays under the per-address limit
            shop_login(client, user, "sai", {"REMOTE_ADDR": f"192.0.2.{attempt % 250 + 1}"})
    locked = shop_login(client, user, PASSWORD, {"REMOTE_ADDR": "203.0.113.99"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    # The owner was sent one reset link; using it unlocks the account at once.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = re.search(r"https?://[^/\s]+(/\S*password-reset/confirm/[^/\s]+/[^/\s]+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert done.status_code == 302
    client.logout()
    assert shop_login(client, user, "Mat-khau-moi-2026", {"REMOTE_ADDR": "203.0.113.99"}).status_code == 302


def test_the_account_lock_does_not_last(client, settings):
    from django.core.cache import cache

    user = UserFactory(username="chu-2", email="chu2@example.vn")
    for attempt in range(getattr(settings, "AXES_ACCOUNT_FAILURE_LIMIT", 20)):
        shop_login(client, user, "sai", {"REMOTE_ADDR": f"192.0.2.{attempt % 250 + 1}"})
    assert shop_login(client, user, PASSWORD, {"REMOTE_ADDR": "203.0.113.98"}).status_code == 429
    cache.clear()  # the lock is a counter that expires after AXES_COOLOFF_TIME
    assert shop_login(client, user, PASSWORD, {"REMOTE_ADDR": "203.0.113.98"}).status_code == 302


def test_production_settings_read_the_address_nginx_wrote(monkeypatch):
    import importlib
    import sys

    import axes.helpers

    assert axes.helpers.IPWARE_INSTALLED, "django-ipware is what the AXES_IPWARE_* settings need"
    monkeypatch.setenv("SECRET_KEY", "test-only")
    monkeypatch.delenv("AXES_PROXY_COUNT", raising=False)
    sys.modules.pop("marketplace.settings.production", None)
    production = importlib.import_module("marketplace.settings.production")
    sys.modules.pop("marketplace.settings.production", None)
    for name, value in PRODUCTION.items():
        assert getattr(production, name) == value, name
