"""Test settings: fast hashing, in-memory mail; DATABASE_URL/REDIS_URL still honoured."""
from .base import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # No manifest needed in tests: templates resolve static paths without collectstatic.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="ocop-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="ocop-test-private-")
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/_private/"},
}
WHITENOISE_AUTOREFRESH = True
PORTAL_PAGE_CACHE_SECONDS = 0  # tests of the portal cache turn it on themselves

# A file-backed test database lets `pytest --reuse-db` skip the long migrate on SQLite.
import os  # noqa: E402

if DATABASES["default"]["ENGINE"].endswith("sqlite3") and os.environ.get("TEST_SQLITE_PATH"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_SQLITE_PATH"]}  # noqa: F405

# Tasks run eagerly in the test process even when CI sets REDIS_URL; the integration tests
# (tests/background/test_worker.py) start a real worker and turn this off for themselves.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)  # noqa: F405
BACKGROUND_RETRY_BASE_SECONDS = float(os.environ.get("BACKGROUND_RETRY_BASE_SECONDS", "0"))
EMAIL_BACKEND = os.environ.get("TEST_EMAIL_BACKEND", EMAIL_BACKEND)
EMAIL_FILE_PATH = os.environ.get("TEST_EMAIL_FILE_PATH", "")
