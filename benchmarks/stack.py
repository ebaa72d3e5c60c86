"""The production-like stack of the load and fault runs, on loopback only.

PostgreSQL (a fresh database of the run's own: migrated + `load_demo`, or cloned from a
migrated template database), Redis (a db number or a redis-server of the run's own), K daphne
processes with `benchmarks.settings_load` (the production settings module), each started in
its own process group and stopped (SIGTERM, then SIGKILL) when the run ends, however it ends.

    python benchmarks/stack.py seed --chatters 50     # inside a prepared env: prints JSON
"""
import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_BASE = os.environ.get("LOAD_PG_BASE", "postgres://postgres@127.0.0.1:5432")
SETTINGS = "benchmarks.settings_load"
THAI_NGUYEN_WARD = "Phường Đức Xuân"

_PROCESSES = []
LOGS = []  # (name, path) of every child's output, printed when a run fails


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log(message):
    print(message, flush=True)


# --- processes -----------------------------------------------------------------------------------


class Proc:
    """A child in its own process group; stop() ends the whole group."""

    def __init__(self, name, cmd, env=None, log_path=None):
        self.name = name
        self.log_path = log_path or tempfile.mktemp(prefix=f"ocop-{name}-", suffix=".log")
        self._log = open(self.log_path, "w")
        LOGS.append((name, self.log_path))
        self.process = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        _PROCESSES.append(self)

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def kill(self, sig=signal.SIGKILL):
        """Abrupt end (the fault scripts): the group gets `sig`, no clean shutdown."""
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    def stop(self):
        if self.alive():
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()

    def tail(self, lines=30):
        try:
            return "".join(Path(self.log_path).read_text(errors="replace").splitlines(True)[-lines:])
        except OSError:
            return ""


def stop_all():
    while _PROCESSES:
        _PROCESSES.pop().stop()


def _on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


atexit.register(stop_all)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


def wait_http(url, seconds=90, proc=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and not proc.alive():
            raise RuntimeError(f"{proc.name} exited:\n{proc.tail()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (e.g. 503 while a dependency is down): it is up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s" + (f":\n{proc.tail()}" if proc else ""))


def start_daphne(env, port=None, name="daphne"):
    port = port or free_port()
    proc = Proc(
        f"{name}-{port}",
        [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "--proxy-headers", "marketplace.asgi:application"],
        env=env,
    )
    proc.port = port
    proc.url = f"http://127.0.0.1:{port}"
    wait_http(proc.url + "/healthz", proc=proc)
    return proc


def start_redis(port):
    """A redis-server of the run's own (never the shared one), no persistence."""
    proc = Proc(
        f"redis-{port}",
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
    )
    proc.port = port
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return proc
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"redis-server on {port} did not start:\n{proc.tail()}")


# --- database ------------------------------------------------------------------------------------


def db_url(name):
    return f"{PG_BASE}/{name}"


def _admin():
    import psycopg

    return psycopg.connect(db_url("postgres"), autocommit=True)


def database_exists(name):
    with _admin() as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def create_database(name, template=None):
    from psycopg import sql

    with _admin() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if template:
            # CREATE ... TEMPLATE needs the template without other connections.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            )
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name):
    from psycopg import sql

    with _admin() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def stack_env(database, redis_url, **extra):
    env = dict(os.environ)
    for key in ("ELASTICSEARCH_URL", "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"):
        env.pop(key, None)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=db_url(database),
        REDIS_URL=redis_url,
        LOAD_STATIC_ROOT=os.environ.get("LOAD_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "ocop-load-static")),
        MEDIA_ROOT=os.environ.get("LOAD_MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "ocop-load-media")),
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env, *args):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def prepare_database(database, template=None, env=None):
    """A fresh `database`: cloned from `template` when it exists, else migrate + load_demo.
    Static files are collected (manifest storage needs them) once per static root."""
    started = time.monotonic()
    if template and database_exists(template):
        create_database(database, template=template)
        how = f"cloned from {template}"
    else:
        create_database(database)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
        how = "migrated + load_demo"
    static_root = Path(env["LOAD_STATIC_ROOT"])
    if not (static_root / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v0")
    log(f"database {database}: {how} in {time.monotonic() - started:.0f} s")


def seed(env, chatters=0, stock=100000):
    """Run `seed_inside` in a Django process with env; returns its JSON."""
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "seed", "--chatters", str(chatters), "--stock", str(stock)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"seeding failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def seed_inside(chatters, stock):
    """Inside Django: plenty of stock (a run must not sell out), a live session that is live,
    `chatters` shopper accounts with a server-side session each, the URLs the mix visits."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from oscar.core.loading import get_model

    from ocop.selectors import on_sale_products
    from livestream.models import LiveSession
    from marketplace.checkout import vietnam

    StockRecord = get_model("partner", "StockRecord")
    Category = get_model("catalogue", "Category")
    ProductImage = get_model("catalogue", "ProductImage")
    StockRecord.objects.update(num_in_stock=stock, num_allocated=0)
    _product_pictures(ProductImage)
    products = [
        {"id": p.pk, "url": p.get_absolute_url(), "title": p.title}
        for p in on_sale_products()
        .filter(product_class__requires_shipping=True, structure="standalone", stockrecords__isnull=False)
        .exclude(product_class__name__icontains="quà")
        .distinct()
        .order_by("pk")
    ]
    categories = [c.get_absolute_url() for c in Category.objects.filter(depth__lte=2).order_by("path")[:12]]
    session = LiveSession.objects.filter(status=LiveSession.Status.LIVE).order_by("pk").first()
    if session is None:
        session = LiveSession.objects.order_by("pk").first()
        session.status = LiveSession.Status.LIVE
        session.started_at = timezone.now()
        session.save()
    User = get_user_model()
    keys = []
    for index in range(chatters):
        user, created = User.objects.get_or_create(
            username=f"load-chat-{index}", defaults={"email": f"load-chat-{index}@load.example.vn"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    province = next(code for code, name in vietnam.province_choices() if "Thái Nguyên" in name)
    return {
        "products": products,
        "categories": categories,
        "session_id": session.pk,
        "chat_sessions": keys,
        "province": province,
        "ward": THAI_NGUYEN_WARD,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }


def _product_pictures(ProductImage):
    """A cloned database points at pictures in another run's media folder: draw the missing ones
    (thumbnails are then made from real files, as in production)."""
    import io
    import zlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from PIL import Image

    for image in ProductImage.objects.exclude(original=""):
        name = image.original.name
        if default_storage.exists(name):
            continue
        colour = zlib.crc32(name.encode()) & 0xFFFFFF
        buffer = io.BytesIO()
        Image.new("RGB", (800, 800), (colour >> 16, (colour >> 8) & 255, colour & 255)).save(buffer, "JPEG", quality=80)
        default_storage.save(name, ContentFile(buffer.getvalue()))


def query(env, sql_text):
    """One SQL query against the run's database (read-only checks of the fault scripts)."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        return conn.execute(sql_text).fetchall()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["seed"])
    parser.add_argument("--chatters", type=int, default=0)
    parser.add_argument("--stock", type=int, default=100000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(json.dumps(seed_inside(args.chatters, args.stock)))
