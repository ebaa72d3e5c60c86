"""Background work: the host going live with many followers, and the workers' mail drain rate.

1. Going live with F followers and R "nhắc tôi" subscribers (the full run: 10,000 and 2,000):
   the time `session_go_live` takes, commit and after-commit work included (what the host's
   socket waits for before its answer). Budget: < 200 ms. `--tree /path/to/main` measures
   another checkout (today's main, which mails everyone inside the call) on its own database.
2. The drain: a Celery worker started after going live sends every e-mail to a local SMTP sink
   (benchmarks/mail_sink.py); printed as messages/s, with a check that each person got exactly
   one e-mail and every outbox row is marked sent.

    .venv/bin/python benchmarks/tasks.py --smoke --template-db ocop_e2e      # CI (300 + 60)
    .venv/bin/python benchmarks/tasks.py                                     # 10,000 + 2,000
    .venv/bin/python benchmarks/tasks.py --tree /tmp/main --database ocop_main --no-drain
"""
import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402
from mail_sink import SmtpSink  # noqa: E402

BUDGET_MS = 200

# Runs inside the measured checkout (its own code, its own test factories): seeds the audience,
# then times going live. Only APIs both the old and the new code have.
INNER = r'''
import json, os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.conf import settings
for name in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT"):
    if os.environ.get("BENCH_" + name):
        setattr(settings, name, int(os.environ["BENCH_" + name]) if name == "EMAIL_PORT" else os.environ["BENCH_" + name])
from django.contrib.auth import get_user_model
from livestream import services
from livestream.models import LiveReminder, LiveSession
from shops.models import Follow
from tests.factories import PartnerFactory
from tests.factories.livestream import host_user, live_session

followers, reminders = int(sys.argv[1]), int(sys.argv[2])
User = get_user_model()
tag = os.urandom(3).hex()
# A server process has served requests before: its connections (database, Redis) are open. The
# first go-live of this fresh process (an empty session) pays for opening them.
warm = live_session(status=LiveSession.Status.SCHEDULED, title=f"Warm-up {tag}",
                    partner=PartnerFactory(name=f"HTX Warm {tag}", code=f"warm-{tag}"))
started = time.perf_counter()
services.session_go_live(session_id=warm.pk, user=host_user(warm, username=f"w{tag}", email=f"w{tag}@example.vn"))
cold = (time.perf_counter() - started) * 1000
session = live_session(status=LiveSession.Status.SCHEDULED, title=f"Bench {tag}",
                       partner=PartnerFactory(name=f"HTX Bench {tag}", code=f"bench-{tag}"))
host = host_user(session, username=f"h{tag}", email=f"h{tag}@example.vn")
users = User.objects.bulk_create(
    [User(username=f"b{tag}{n}", email=f"b{tag}{n}@example.vn", password="!") for n in range(followers + reminders)],
    batch_size=2000,
)
Follow.objects.bulk_create([Follow(user=u, partner=session.partner) for u in users[:followers]], batch_size=2000)
LiveReminder.objects.bulk_create([LiveReminder(session=session, user=u) for u in users[followers:]], batch_size=2000)
started = time.perf_counter()
services.session_go_live(session_id=session.pk, user=host)
elapsed = (time.perf_counter() - started) * 1000
print(json.dumps({"go_live_ms": elapsed, "cold_ms": cold, "session_id": session.pk, "tag": tag,
                  "expected": followers + reminders}))
'''


def is_bench_follower(address):
    """The followers and subscribers INNER creates (b<tag><n>@example.vn): the sink counts theirs
    only (a cloned database can hold other e-mails still waiting in its outbox)."""
    return re.fullmatch(r"b[0-9a-f]{6}\d+@example\.vn", address) is not None


def go_live(env, tree, followers, reminders):
    result = subprocess.run(
        [stack.PYTHON, "-c", INNER, str(followers), str(reminders)], cwd=tree, env=dict(env, PYTHONPATH=str(tree)),
        capture_output=True, text=True,
    )
    if result.returncode:
        raise RuntimeError(f"going live failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="300 followers + 60 subscribers (CI)")
    parser.add_argument("--followers", type=int, default=None)
    parser.add_argument("--reminders", type=int, default=None)
    parser.add_argument("--database", default="ocop_tasks")
    parser.add_argument("--template-db", default=None, help="clone this migrated database instead of migrating")
    parser.add_argument("--keep-db", action="store_true", help="reuse --database as it is (already migrated)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11")
    parser.add_argument("--tree", default=str(stack.ROOT), help="the checkout to measure (default: this one)")
    parser.add_argument("--no-drain", action="store_true", help="only time going live")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes for the drain")
    args = parser.parse_args()
    followers = args.followers if args.followers is not None else (300 if args.smoke else 10000)
    reminders = args.reminders if args.reminders is not None else (60 if args.smoke else 2000)
    tree = Path(args.tree).resolve()
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    sink = SmtpSink(counted=is_bench_follower).start()
    env = stack.stack_env(
        args.database, args.redis_url, LOAD_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=sink.port, BENCH_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        BENCH_EMAIL_HOST="127.0.0.1", BENCH_EMAIL_PORT=sink.port,
    )
    if not args.keep_db:
        stack.prepare_database(args.database, template=args.template_db, env=env)
    failures = []
    print(f"== going live: {followers} followers + {reminders} reminder subscribers ({tree})", flush=True)
    result = go_live(env, tree, followers, reminders)
    inline = sink.total
    ok = result["go_live_ms"] < BUDGET_MS
    print(f"  go-live answered in {result['go_live_ms']:.0f} ms (budget {BUDGET_MS} ms) "
          f"[{'ok' if ok else 'OVER'}]; e-mails sent inside the call: {inline} "
          f"(first call of the process, empty session, opening connections: {result['cold_ms']:.0f} ms)", flush=True)
    if not ok:
        failures.append("go-live over budget")
    if not args.no_drain:
        worker = stack.Proc(
            "worker", [stack.PYTHON, "-m", "celery", "-A", "marketplace", "worker", "--loglevel", "warning",
                       "--concurrency", str(args.concurrency), "--without-gossip", "--without-mingle"], env=env,
        )
        started = time.perf_counter()
        expected = result["expected"]
        deadline = started + max(120, expected / 20)
        while sink.total < expected and time.perf_counter() < deadline and worker.alive():
            time.sleep(0.2)
        drained = sink.total
        first = sink.first_at or started
        took = (sink.last_at or time.perf_counter()) - first
        rate = drained / took if took > 0 else float("nan")
        print(f"  worker (concurrency {args.concurrency}) drained {drained}/{expected} e-mails in {took:.1f} s "
              f"after the first: {rate:.0f} messages/s (SMTP sink on loopback)", flush=True)
        time.sleep(1)
        dupes = sink.duplicates()
        rows = stack.query(
            env, "SELECT status, count(*) FROM background_outboundemail "
                 f"WHERE key LIKE 'live:{result['session_id']}:%' GROUP BY status")
        print(f"  outbox rows: {dict(rows)}; recipients e-mailed twice: {len(dupes)}", flush=True)
        if drained != expected or dupes or dict(rows) != {"sent": expected}:
            failures.append("drain incomplete or duplicated")
        worker.stop()
    sink.stop()
    stack.stop_all()
    print("failures: " + (", ".join(failures) or "none"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
