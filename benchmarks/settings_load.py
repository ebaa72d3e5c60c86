"""Settings of the load and fault runs: the production module as deployed (PostgreSQL, Redis,
manifest static files, secure cookies, HSTS), with what a loopback run without nginx needs:
no HTTPS redirect (the client sends X-Forwarded-Proto: https as nginx would), static files
collected into a directory of the run's own, console e-mail."""
import os

os.environ.setdefault("SECRET_KEY", "load-run-only-" + "x" * 50)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from marketplace.settings.production import *  # noqa: E402,F401,F403

STATIC_ROOT = os.environ.get("LOAD_STATIC_ROOT", "/tmp/ocop-load-static")
EMAIL_BACKEND = os.environ.get("LOAD_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("LOAD_EMAIL_FILE_PATH", "")
