import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "channel_layer", "search", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["search"]["backend"] == "database"


def test_healthz_names_an_unreachable_database(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    monkeypatch.setattr(connection, "connection", None)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["database"]
    assert "connection refused" in body["checks"]["database"]["error"]
    assert body["checks"]["cache"]["ok"] is True


def test_healthz_reports_elasticsearch_down_as_degraded_not_fatal(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["failing"] == ["search"]


def test_healthz_worker_is_eager_without_a_broker(client):
    assert client.get("/healthz").json()["checks"]["worker"] == {"ok": True, "backend": "eager"}


def test_healthz_reports_a_silent_worker_as_degraded_not_fatal(client, settings):
    import time

    from django.core.cache import cache

    from background.services import HEARTBEAT_KEY, heartbeat_record

    settings.CELERY_TASK_ALWAYS_EAGER = False  # as with a broker: workers must answer
    cache.delete(HEARTBEAT_KEY)
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["failing"] == ["worker"]
    assert "no worker heartbeat" in body["checks"]["worker"]["error"]

    heartbeat_record()  # what a worker does every 30 s (beat's "heartbeat" entry)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"

    cache.set(HEARTBEAT_KEY, time.time() - settings.BACKGROUND_HEARTBEAT_STALE_SECONDS - 5, timeout=None)
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["failing"] == ["worker"]
