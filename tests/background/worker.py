"""A real Celery worker (and beat) as subprocesses on the test database and REDIS_URL, for the
integration tests and the fault drills. E-mails go to files (Django's file backend), so the
test can count what the worker sent."""
import os
import subprocess
import sys
import time
from email import message_from_string
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def skip_reason(connection):
    if connection.vendor != "postgresql":
        return "needs PostgreSQL (DATABASE_URL): the worker process shares the test database"
    if not os.environ.get("REDIS_URL"):
        return "needs Redis (REDIS_URL) as the Celery broker"
    return None


def database_url(connection):
    settings = connection.settings_dict
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"


def environment(connection, mail_dir, **extra):
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="marketplace.settings.test",
        DATABASE_URL=database_url(connection),
        CELERY_TASK_ALWAYS_EAGER="0",
        TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        TEST_EMAIL_FILE_PATH=str(mail_dir),
        PYTHONUNBUFFERED="1",
    )
    env.pop("TEST_SQLITE_PATH", None)
    env.update({key: str(value) for key, value in extra.items()})
    return env


def start(kind, env, log_path, *args):
    command = [sys.executable, "-m", "celery", "-A", "marketplace", kind, "--loglevel", "info", *args]
    log = open(log_path, "a")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def start_worker(env, log_path, *, concurrency=1, name="test"):
    return start("worker", env, log_path, "--concurrency", str(concurrency), "--hostname", f"{name}@%h",
                 "--without-gossip", "--without-mingle")


def wait_for_worker(app, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            return True
    return False


def stop(process, timeout=15):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sent_messages(mail_dir):
    """Every message the file backend wrote (one file per connection, messages separated by a
    line of 79 dashes)."""
    messages = []
    for path in sorted(Path(mail_dir).glob("*.log")):
        for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                messages.append(message_from_string(chunk))
    return messages


def wait_until(predicate, timeout=60, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()
