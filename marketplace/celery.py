"""The Celery application (`celery -A marketplace worker|beat`). Configuration: CELERY_* in
settings (broker = REDIS_URL; without it every task runs eagerly in the calling process)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

app = Celery("marketplace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
