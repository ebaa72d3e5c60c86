"""Issue 17 §4 (ASVS V7.4.1, V14.3.2): /healthz tells the public only which part fails; the exception
text (hosts, users, authentication errors) is shown only to staff or to a check from the machine."""
import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db
SECRET = 'connection to server at "db.internal" (10.0.0.7), user "ocop": password authentication failed'


@pytest.fixture
def broken_database(monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError(SECRET)

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    monkeypatch.setattr(connection, "connection", None)


def test_the_public_sees_which_part_fails_but_not_why(client, broken_database):
    response = client.get("/healthz", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database"]
    assert body["checks"]["database"]["ok"] is False
    assert "db.internal" not in response.content.decode() and "password" not in response.content.decode()


def test_a_check_from_the_machine_itself_sees_the_exception(client, broken_database):
    assert "db.internal" in client.get("/healthz", REMOTE_ADDR="127.0.0.1").content.decode()
