"""Browser journeys: a real daphne server (HTTP + websockets) on a database of its
own with the demo data, driven by Playwright on Debian's Chromium."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def e2e_database_url(tmp_path_factory):
    """A fresh database for the server: PostgreSQL when DATABASE_URL names one, else SQLite."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        import psycopg

        admin_url = base.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS ocop_e2e WITH (FORCE)")
            conn.execute("CREATE DATABASE ocop_e2e")
        return base.rsplit("/", 1)[0] + "/ocop_e2e"
    return f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.sqlite3'}"


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="marketplace.settings.dev",
        DATABASE_URL=e2e_database_url(tmp_path_factory),
        DEBUG="0",
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
        SERVE_MEDIA="1",  # the demo pictures, as `make run` shows them
    )
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    log = open(tmp_path_factory.mktemp("logs") / "daphne.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "marketplace.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # The media process (WHIP answers, HLS), as `make run` starts it next to daphne.
    media = subprocess.Popen(
        [sys.executable, "manage.py", "live_media"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):  # up to a minute: a loaded machine starts two Django processes at once
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        media.terminate()
        raise RuntimeError("daphne did not start")
    yield url
    server.terminate()
    media.terminate()
    server.wait(timeout=10)
    media.wait(timeout=10)


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver per run: a second sync_playwright() inside the first one's loop fails."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()


ARTEFACTS = ROOT / "test-results" / "e2e"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(browser, request):
    context = browser.new_context(viewport=request.param, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    # The final state of every journey (and the HTML of a failed one) is kept as a CI artefact.
    report = getattr(request.node, "report_call", None)
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in request.node.name)
    try:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
        if report is not None and report.failed:
            (ARTEFACTS / f"{name}.html").write_text(f"<!-- {page.url} -->\n" + page.content(), encoding="utf-8")
    except Exception as exc:  # a closed page must not hide the test's own result
        print(f"could not save artefacts for {name}: {exc}")
    context.close()
