"""`/healthz`: the status of each part the site needs, 503 naming whichever failed."""
import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def check_channel_layer():
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def round_trip():
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "healthz.ping"})
        message = await layer.receive(channel)
        if message.get("type") != "healthz.ping":
            raise RuntimeError("channel layer returned an unexpected message")

    async_to_sync(round_trip)()


def check_search():
    """Elasticsearch when configured; when it is down, search still answers from the
    database (search.backends.FallbackBackend), so this part is reported but not fatal."""
    from search.backends import elasticsearch_configured

    if not elasticsearch_configured():
        return "database"
    from search.backends.elasticsearch import client

    if not client().ping():
        raise RuntimeError("Elasticsearch unreachable; search is served by the database")
    return "elasticsearch"


def check_worker():
    """Background workers: a worker runs beat's heartbeat task every 30 s. Without a broker
    tasks run in-process ("eager"). A silent worker degrades the site (mail waits), never fails it."""
    from django.conf import settings

    from background.services import heartbeat_age

    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return "eager"
    age = heartbeat_age()
    if age is None:
        raise RuntimeError("no worker heartbeat recorded yet (is `celery worker` and `celery beat` running?)")
    if age > settings.BACKGROUND_HEARTBEAT_STALE_SECONDS:
        raise RuntimeError(f"no worker heartbeat for {int(age)} s")
    return f"heartbeat {int(age)} s ago"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "channel_layer": check_channel_layer,
    "search": check_search,
    "worker": check_worker,
}
# Parts whose failure makes the site unable to serve (503); the others degrade gracefully.
CRITICAL = {"database", "cache", "channel_layer"}


def run_checks():
    results = {}
    for name, check in CHECKS.items():
        try:
            detail = check()
        except Exception as exc:  # any failure of a part is reported, not raised
            logger.warning("healthz: %s failed: %s", name, exc)
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
        else:
            results[name] = {"ok": True, **({"backend": detail} if detail else {})}
    return results


def may_see_details(request):
    """Exception text (host names, users, auth errors) only for staff or a check from the machine
    itself; the client address is the one login throttling trusts (ipware + AXES_IPWARE_*)."""
    from axes.helpers import get_client_ip_address

    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        return True
    return get_client_ip_address(request) in ("127.0.0.1", "::1")


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    results = run_checks()
    if not may_see_details(request):
        # The public learns which part fails, never why (issue 17 §4, ASVS V7.4.1).
        results = {name: {key: value for key, value in result.items() if key != "error"} for name, result in results.items()}
    failing = [name for name, result in results.items() if not result["ok"]]
    fatal = [name for name in failing if name in CRITICAL]
    status = "fail" if fatal else ("degraded" if failing else "ok")
    body = {"status": status, "failing": failing, "checks": results}
    return JsonResponse(body, status=503 if fatal else 200)
