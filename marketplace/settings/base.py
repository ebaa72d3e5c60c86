"""Settings shared by every environment; each integration is driven by the environment.

Embedded defaults (a newcomer's laptop): SQLite, in-memory channel layer and cache,
database search, COD + VietQR payments. See README "Configuration".
"""
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F401,F403  Oscar's OSCAR_* defaults, overridden below

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "daphne",
    # Before django.contrib.admin (its admin integration patches the admin classes).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "channels",
    # Oscar, with the apps this project forks swapped in (oscar_fork_app style)
    "marketplace.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "marketplace.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "marketplace.shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "gift_baskets.apps.GiftBasketsConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "marketplace.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "marketplace.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "marketplace.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "marketplace.dashboard.orders.apps.OrdersDashboardConfig",
    "marketplace.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "phonenumber_field",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Project apps
    "marketplace",
    "background",
    "shops.apps.ShopsConfig",
    "sales_points.apps.SalesPointsConfig",
    "livestream.apps.LivestreamConfig",
    "cms.apps.CmsConfig",
    "ocop.apps.OcopConfig",
    "ocop.evaluation.apps.EvaluationConfig",
    "marketplace.payments.apps.PaymentsConfig",
    "marketplace.complaints.apps.ComplaintsConfig",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "marketplace.security.reject_null_bytes",  # %00 in a query string: 400, not a PostgreSQL error
    "cms.cache.AnonymousPageCacheMiddleware",  # before sessions/basket: cached portal pages cost no SQL
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "marketplace.security.SiteCSPMiddleware",  # django-csp; looser for /cms/ and /django-admin/
    "axes.middleware.AxesMiddleware",  # last: turns an axes lockout into the lockout page
]

ROOT_URLCONF = "marketplace.urls"
ASGI_APPLICATION = "marketplace.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "marketplace.context_processors.site_identity",
            ],
        },
    },
]

# --- Database: SQLite unless DATABASE_URL is set -------------------------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Cache and channel layer: in-memory unless REDIS_URL is set ------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ocop",
        }
    }
    # Redis pub/sub: a broadcast is one PUBLISH per live session, delivered once to each
    # server process, which hands it to its own viewers. The list-based RedisChannelLayer
    # pushes a copy per viewer through Redis and fell tens of seconds behind at 500 viewers
    # (benchmarks/live_fanout.py). Frames are not kept for a disconnected process; the chat
    # history lives in PostgreSQL and a reconnecting page asks for it.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Sized for the live fan-out: channel layers drop frames silently past capacity
    # (100 by default); see benchmarks/live_fanout.py.
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1500}}}

# --- Background work: Celery on the Redis of REDIS_URL (docs/OPERATIONS.md "Background work") ---
# Without a broker every task runs eagerly inside the process that queued it (the README's
# `make run` needs nothing more); with REDIS_URL, `make run` also starts a worker and beat (Procfile).
from celery.schedules import crontab  # noqa: E402

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
# No broker: beat still runs the schedule (its tasks run eagerly in its own process) and
# nothing tries to reach a network broker.
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a dead worker held is given again after this many seconds (Redis transport).
# A killed worker's unacknowledged message comes back after the visibility timeout, at the next
# sweep for such messages. kombu 5.7 sweeps every interval x throttle (10 x 10 s by default):
# one sweep a minute, every time, makes the delay visibility + at most a minute.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": int(os.environ.get("CELERY_UNACKED_RESTORE_SECONDS", "60")),
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
BACKGROUND_MAIL_BATCH = int(os.environ.get("BACKGROUND_MAIL_BATCH", "100"))
BACKGROUND_MAX_RETRIES = int(os.environ.get("BACKGROUND_MAX_RETRIES", "6"))
BACKGROUND_RETRY_BASE_SECONDS = float(os.environ.get("BACKGROUND_RETRY_BASE_SECONDS", "10"))
BACKGROUND_MAIL_LEASE_SECONDS = int(os.environ.get("BACKGROUND_MAIL_LEASE_SECONDS", "300"))
BACKGROUND_REQUEUE_AFTER_SECONDS = int(os.environ.get("BACKGROUND_REQUEUE_AFTER_SECONDS", "600"))
#: Health: a worker that has not run the heartbeat for this long makes /healthz "degraded".
BACKGROUND_HEARTBEAT_STALE_SECONDS = int(os.environ.get("BACKGROUND_HEARTBEAT_STALE_SECONDS", "180"))


def periodic(service, schedule):
    """One beat entry: call the plain service function `service` (dotted path) on `schedule`
    (seconds, or a crontab); its last run and last error show in the admin (background.Job)."""
    return {"task": "background.periodic", "schedule": schedule, "args": (service,)}


CELERY_BEAT_SCHEDULE = {
    "heartbeat": {"task": "background.heartbeat", "schedule": 30.0},
    "requeue-stale": periodic(
        "background.services.stale_requeue", float(os.environ.get("BACKGROUND_REQUEUE_EVERY_SECONDS", "60"))
    ),
    "prune-done": periodic("background.services.done_prune", crontab(hour=3, minute=30)),
    "cancel-unpaid-orders": periodic(
        "marketplace.payments.services.payments_cancel_expired",
        float(os.environ.get("CANCEL_UNPAID_EVERY_SECONDS", "300")),
    ),
    "ocop-expiry-reminders": periodic("ocop.services.expiry_reminders_send", crontab(hour=7, minute=0)),
    "cms-publish-scheduled": periodic("cms.services.scheduled_publish", 60.0),
    "complaints-overdue-digest": periodic("marketplace.complaints.services.overdue_digest_send", crontab(hour=8, minute=0)),
    # Live recordings past LIVE_RECORDING_RETENTION_DAYS (segments, playlists, poster) are deleted.
    "live-recordings-retention": periodic("livestream.media.services.recordings_cleanup", crontab(hour=4, minute=0)),
    # Open data: today's bulk JSON and CSV files of /api/v1/bulk/ (rewritten whole: safe to run twice).
    "open-data-bulk-export": periodic("ocop.open_data.bulk_export", crontab(hour=2, minute=15)),
    # Click & collect: reservations not collected within SALES_POINT_PICKUP_HOLD_DAYS are cancelled
    # and their stock released.
    "expire-pickups": periodic(
        "sales_points.services.pickups_expire", float(os.environ.get("EXPIRE_PICKUPS_EVERY_SECONDS", "900"))
    ),
}

# --- Search: Elasticsearch when ELASTICSEARCH_URL is set, else the database ------
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Oscar's class loader imports its own search modules (and haystack), so haystack
# stays configured, with the engine that needs nothing; no query goes through it.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- Payments: Stripe only when all three keys are set -------------------------
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_ENABLED = bool(STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET)
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")  # tests only: a local fake Stripe server
CARD_PAYMENT_HOURS = int(os.environ.get("CARD_PAYMENT_HOURS", "2"))
# VietQR bank transfer: the marketplace's collecting account (demo values unless set).
VIETQR_ACCOUNT = {
    "bank_bin": os.environ.get("VIETQR_BANK_BIN", "970436"),
    "bank_name": os.environ.get("VIETQR_BANK_NAME", "Vietcombank (dữ liệu mẫu)"),
    "account_number": os.environ.get("VIETQR_ACCOUNT_NUMBER", "0011000000000"),
    "account_name": os.environ.get("VIETQR_ACCOUNT_NAME", "CHO OCOP BAC KAN DEMO"),
}
TRANSFER_PAYMENT_HOURS = int(os.environ.get("TRANSFER_PAYMENT_HOURS", "24"))  # unpaid transfers are cancelled after
OCOP_DEFAULT_PARCEL_FEE = int(os.environ.get("OCOP_DEFAULT_PARCEL_FEE", "30000"))  # producers without their own rate
SERVICE_VOUCHER_VALID_DAYS = int(os.environ.get("SERVICE_VOUCHER_VALID_DAYS", "180"))  # homestay/tour vouchers
# Click & collect: a reservation at a sales point not collected within this many days is cancelled
# and its stock released (sales_points.services.pickups_expire, `manage.py expire_pickups`).
SALES_POINT_PICKUP_HOLD_DAYS = int(os.environ.get("SALES_POINT_PICKUP_HOLD_DAYS", "3"))
MARKETPLACE_COMMISSION_RATE = os.environ.get("MARKETPLACE_COMMISSION_RATE", "0")  # share kept by the marketplace, e.g. 0.05

AUTHENTICATION_BACKENDS = (
    # First: refuses locked-out logins before any password is checked (django-axes).
    "marketplace.security.RequestAwareAxesBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# --- Languages: Vietnamese first, English at /en/ ------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Catalogue content in both languages (django-modeltranslation, registered in each app's
# translation.py): Vietnamese is the canonical text (slugs, search, exports, open data), an
# English field left empty falls back to it and the page says so (marketplace_i18n tags).
MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)

# --- Static and media: WhiteNoise serves static so daphne alone is enough -------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private uploads (applications, dossiers, evidence, certificate scans, complaint photos) live
# outside MEDIA_ROOT and are served only by views that check access (marketplace/private_files.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# Production: nginx's `internal` location for X-Accel-Redirect (e.g. "/_private/"); empty: Django streams.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_PREFIX", "")
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    # base_url: a path no route serves (nginx marks it `internal`), so .url is never a public link.
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/_private/"},
}
# Uploaded media through Django (the demo, browser journeys and benchmarks with DEBUG off);
# production serves /media/ from the web server.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# Slugs fold Vietnamese first ("HTX Thành Đạt" → "htx-thanh-dat"): search.folding is the one folding.
OSCAR_SLUG_FUNCTION = "search.folding.slugify"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Oscar ---------------------------------------------------------------------
OSCAR_SHOP_NAME = "Chợ OCOP Bắc Kạn"
OSCAR_SHOP_TAGLINE = _("Sản phẩm OCOP được chứng nhận của Bắc Kạn")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "VND"
# VND has no minor unit; one format in both languages: "120.000 ₫".
OSCAR_CURRENCY_FORMAT = {
    "VND": {"format": "#,##0\u00a0¤", "locale": "vi_VN", "currency_digits": False},
}
OSCAR_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@ocopbackan.vn")
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "country", "phone_number")
# Order statuses are codes (labels: marketplace.order.models.OrderStatus), derived from the parcels;
# staff changing one in Oscar's dashboard moves the parcels (marketplace.order.processing).
OSCAR_INITIAL_ORDER_STATUS = "pending"
OSCAR_ORDER_STATUS_PIPELINE = {
    "pending": ("shipping", "completed", "cancelled"),
    "shipping": ("completed", "cancelled"),
    "completed": (),
    "cancelled": (),
}

# --- Wagtail -------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Chợ OCOP Bắc Kạn"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The admin calls no third party: no Gravatar images, no release check (CSP connect-src 'self').
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_DOCUMENT_MODEL = "cms.OcopDocument"  # documents carry number, date and issuer
# Documents: only these types can be uploaded (no .html/.svg/.js on our origin), and they are always
# served by Wagtail's serve view (/documents/<id>/<name>: privacy of collections checked, nosniff,
# CSP default-src 'none'), never as raw storage URLs, whatever the storage (issue 17 §1).
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "ppt", "pptx", "odp", "jpg", "jpeg", "png", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Anonymous visitors get published portal pages from the cache (0 disables it); purged on publish and product changes.
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", "300"))

# --- Seller identity shown in the footer (Decree 52/2013, 85/2021) --------------
# The demo site's invented prices, shipping fees, yearly targets and unverified legal kinds are
# labelled "dữ liệu mẫu" on the pages (issue 21); a real deployment sets DEMO_DATA_NOTICE=false.
DEMO_DATA_NOTICE = env_bool("DEMO_DATA_NOTICE", True)

SELLER_LEGAL = {
    "operator": os.environ.get(
        "SELLER_OPERATOR", "Ban Điều phối Chương trình OCOP tỉnh Bắc Kạn (dữ liệu mẫu)"
    ),
    "address": os.environ.get("SELLER_ADDRESS", "Phường Đức Xuân, TP Bắc Kạn (cũ), tỉnh Thái Nguyên"),
    "phone": os.environ.get("SELLER_PHONE", "0209 000 0000"),
    "email": os.environ.get("SELLER_EMAIL", "lienhe@ocopbackan.vn"),
    "registration": os.environ.get("SELLER_REGISTRATION", "Dữ liệu mẫu — chưa đăng ký với Bộ Công Thương"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's background tasks log every page save at INFO: noise in load_demo and tests.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}

# Thumbnails: sized per use so phones on slow networks download little.
THUMBNAIL_PRESERVE_FORMAT = True
THUMBNAIL_QUALITY = 80
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

# Dashboard menu: Oscar's entries, then the project's (each app appends its own entry
# below; pages live under /dashboard/<area>/ in the owning app's urls.py).
OSCAR_DASHBOARD_NAVIGATION = list(OSCAR_DASHBOARD_NAVIGATION)  # noqa: F405
from sales_points.permissions import dashboard_access_fn as _sales_points_access  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _("Điểm bán OCOP"),
        "icon": "fas fa-store",
        "url_name": "sales_points:dashboard-list",
        "access_fn": _sales_points_access,
    }
)

from ocop.evaluation.permissions import dashboard_access_fn as _evaluation_access  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _("Chu trình OCOP"),
        "icon": "fas fa-award",
        "url_name": "evaluation:board",
        "access_fn": _evaluation_access,
    }
)

from shops import permissions as _shops_permissions  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _("Gian hàng nhà sản xuất"),
        "icon": "fas fa-store",
        "children": [
            {"label": _("Gian hàng của tôi"), "url_name": "shops:producer-home", "access_fn": _shops_permissions.is_producer},
            {
                "label": _("Hồ sơ đăng ký nhà sản xuất"),
                "url_name": "shops:application-list",
                "access_fn": _shops_permissions.can_review_applications,
            },
        ],
    }
)

from marketplace.complaints import permissions as _complaints_permissions  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _("Khiếu nại, đổi trả"),
        "icon": "fas fa-undo",
        "url_name": "complaints:staff-list",
        "access_fn": _complaints_permissions.can_decide,
    }
)

from ocop import permissions as _ocop_permissions  # noqa: E402

OCOP_CERTIFICATION_NAVIGATION = {
    "label": _("Chứng nhận OCOP"),
    "icon": "fas fa-certificate",
    "children": [
        {"label": _("Giấy chứng nhận"), "url_name": "ocop:dashboard-certificates", "access_fn": _ocop_permissions.can_certify},
        {"label": _("Cơ sở dữ liệu sản phẩm OCOP"), "url_name": "ocop:dashboard-registry", "access_fn": _ocop_permissions.can_certify},
        {"label": _("Quảng cáo sức khỏe chờ duyệt"), "url_name": "ocop:dashboard-claims", "access_fn": _ocop_permissions.can_certify},
        {"label": _("Lô sản xuất, tem truy xuất"), "url_name": "ocop:dashboard-batches", "access_fn": _ocop_permissions.can_register_batches},
        {"label": _("Vùng nguyên liệu"), "url_name": "ocop:dashboard-areas", "access_fn": _ocop_permissions.can_register_batches},
        {"label": _("Kiểm tra, giám sát"), "url_name": "ocop:dashboard-inspections", "access_fn": _ocop_permissions.can_certify},
        {"label": _("Chỉ tiêu năm"), "url_name": "ocop:dashboard-targets", "access_fn": _ocop_permissions.can_certify},
    ],
}
OSCAR_DASHBOARD_NAVIGATION.append(OCOP_CERTIFICATION_NAVIGATION)

# --- Login throttling (django-axes): every login form of the site ------------------------------
# After AXES_FAILURE_LIMIT wrong passwords for one account from one address, that pair is locked
# for AXES_COOLOFF_TIME; a successful login clears the count. The client address is REMOTE_ADDR
# unless production trusts a proxy header (see settings/production.py).
from datetime import timedelta as _timedelta  # noqa: E402

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = _timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The account tier (marketplace.security): this many failures for one account from any addresses
# within AXES_COOLOFF_TIME lock it for everyone; the owner gets a password-reset link by e-mail.
AXES_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "marketplace.security.lockout_response"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_VERBOSE = False
AXES_USERNAME_CALLABLE = "marketplace.security.axes_username"

# --- Content-Security-Policy (django-csp 4) ------------------------------------------------------
# Strict by default: our own origin only, no inline script without the per-request nonce, nothing
# may frame us. Views that need a third party add it with @csp_update (Stripe on the card-payment
# page, OpenStreetMap tiles on map pages, LIVE_MEDIA_ORIGINS on live viewer pages).
# style-src allows 'unsafe-inline' because templates (ours and Oscar's) use style="" attributes.
# /cms/ and /django-admin/ get a looser script policy: marketplace.security.SiteCSPMiddleware.
from csp.constants import NONCE as _CSP_NONCE, NONE as _CSP_NONE, SELF as _CSP_SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF, _CSP_NONCE],
        "style-src": [_CSP_SELF, "'unsafe-inline'"],
        "img-src": [_CSP_SELF, "data:"],
        "font-src": [_CSP_SELF, "data:"],
        "connect-src": [_CSP_SELF],
        "media-src": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "form-action": [_CSP_SELF],
    },
}
# Origins of live video (HLS playlists/segments) and embeds shown on live viewer pages.
LIVE_MEDIA_ORIGINS = env_list(
    "LIVE_MEDIA_ORIGINS",
    "https://test-streams.mux.dev,https://www.youtube.com,https://www.youtube-nocookie.com,https://www.facebook.com",
)
# Our own HLS (livestream/media) is served from MEDIA_URL: same origin unless MEDIA_URL names a
# CDN/object-storage origin, which is then allowed too. hls.js plays through MSE (blob: URLs);
# camera preview on the host console uses a MediaStream (no URL). Live pages only.
_LIVE_OWN_ORIGINS = [MEDIA_URL.split("/", 3)[0] + "//" + MEDIA_URL.split("/", 3)[2]] if MEDIA_URL.startswith("http") else []
LIVE_CSP = {
    "connect-src": LIVE_MEDIA_ORIGINS + _LIVE_OWN_ORIGINS,
    "media-src": LIVE_MEDIA_ORIGINS + _LIVE_OWN_ORIGINS + ["blob:"],
    "frame-src": LIVE_MEDIA_ORIGINS,
    "img-src": _LIVE_OWN_ORIGINS + ["blob:"],
    # hls.js demuxes in a Web Worker made from a blob: URL; without it, it demuxes on the main
    # thread, which competes with the chat and the buy button on a low-end phone.
    "worker-src": [_CSP_SELF, "blob:"],
}

# Live channel budgets per daphne process (livestream/ratelimit.py); nginx limit_conn in front.
# Mobile carriers put many viewers behind one address (CGNAT): keep the per-address cap generous.
LIVE_WS_MAX_PER_ADDRESS = int(os.environ.get("LIVE_WS_MAX_PER_ADDRESS", "50"))
LIVE_WS_MAX_ANONYMOUS_PER_SESSION = int(os.environ.get("LIVE_WS_MAX_ANONYMOUS_PER_SESSION", "3000"))
STRIPE_CSP = {
    "script-src": ["https://js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
OSM_TILES_CSP = {"img-src": ["https://tile.openstreetmap.org", "https://*.tile.openstreetmap.org"]}

# --- Live video of our own: WHIP ingest → media process (`manage.py live_media`) → HLS ------------
# Segments and playlists are written through the default storage under LIVE_MEDIA_FOLDER/<session>/.
LIVE_MEDIA_FOLDER = "live"
LIVE_SEGMENT_SECONDS = float(os.environ.get("LIVE_SEGMENT_SECONDS", "1"))  # keyframe (PLI) cadence too
LIVE_PLAYLIST_SEGMENTS = int(os.environ.get("LIVE_PLAYLIST_SEGMENTS", "6"))  # rolling live window
LIVE_RECONNECT_GRACE_SECONDS = int(os.environ.get("LIVE_RECONNECT_GRACE_SECONDS", "120"))
LIVE_MEDIA_SILENCE_SECONDS = float(os.environ.get("LIVE_MEDIA_SILENCE_SECONDS", "5"))  # no packets: dropped
LIVE_MAX_DURATION_SECONDS = int(os.environ.get("LIVE_MAX_DURATION_SECONDS", str(4 * 3600)))
LIVE_MAX_BITRATE = int(os.environ.get("LIVE_MAX_BITRATE", "2500000"))  # bits/s asked of publishers (REMB)
LIVE_MAX_WIDTH = int(os.environ.get("LIVE_MAX_WIDTH", "1280"))  # larger video is scaled (transcoded)
LIVE_MAX_HEIGHT = int(os.environ.get("LIVE_MAX_HEIGHT", "720"))
LIVE_RECORDING_RETENTION_DAYS = int(os.environ.get("LIVE_RECORDING_RETENTION_DAYS", "90"))
LIVE_TOKEN_DAYS = int(os.environ.get("LIVE_TOKEN_DAYS", "30"))  # an OBS bearer token expires after
LIVE_WHIP_ANSWER_SECONDS = float(os.environ.get("LIVE_WHIP_ANSWER_SECONDS", "10"))  # media process must answer
# ICE servers for publishers behind strict NAT (coturn), e.g.
# LIVE_ICE_SERVERS='[{"urls": "turn:turn.example.vn:3478", "username": "u", "credential": "p"}]'
import json as _json  # noqa: E402

LIVE_ICE_SERVERS = _json.loads(os.environ.get("LIVE_ICE_SERVERS", "[]"))

# --- Open data API /api/v1/ (ocop/api): DRF + drf-spectacular; limits per address and per API key
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chợ OCOP Bắc Kạn — API dữ liệu mở",
    "DESCRIPTION": "Cơ sở dữ liệu sản phẩm OCOP của Bắc Kạn (cũ), sản phẩm đang bán, chủ thể, điểm bán, lịch phiên live, chủ đề văn hóa. Chỉ đọc; giấy phép CC BY 4.0.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["ocop.api.schema.only_open_data"],
}
OPEN_DATA_API_RATES = {
    "address": os.environ.get("OPEN_DATA_RATE_ADDRESS", "120/min"),
    "key": os.environ.get("OPEN_DATA_RATE_KEY", "1200/min"),
}
