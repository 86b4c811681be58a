"""Settings for huddinge_site, read from the environment.

Every variable is documented in docs/configuration.md. Without ``DJANGO_DEBUG=1`` these are
production settings, which refuse to start without a real ``DJANGO_SECRET_KEY``: a
server started without its environment never runs in debug mode with a public
key. ``scripts/run`` and the tests ask for debug; other defaults (SQLite and media
under ``var/``) suit a laptop.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
DEBUG_PAGES = env_bool("DJANGO_DEBUG_PAGES", default=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_SITE_HOST = SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]
FEDIVERSE_ENABLED = os.environ.get(
    "FEDIVERSE_ENABLED",
    "1" if SITE_URL.startswith("https://") and _SITE_HOST not in ("localhost", "127.0.0.1")
    else "0") == "1"
HELD_COUNT_SECONDS = 30
"""How often the admin's pages ask how many comments are held (``static/js/held_count.js``)."""
FEDIVERSE_ALLOW_PRIVATE = os.environ.get("FEDIVERSE_ALLOW_PRIVATE", "0") == "1"
SITE_NAME = os.environ.get("SITE_NAME", "Huddingebloggen")
SITE_TAGLINE = os.environ.get("SITE_TAGLINE", "Lokalpolitik i Huddinge")

INSTALLED_APPS = [
    "huddinge_site.apps.SiteAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "markdownx",
    "reversion",
    "huddinge_site.apps.LoginAttemptsConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "core",
    "posts",
    "comments",
    "fediverse",
    "pages",
    "subscriptions",
    "stats",
    "wordpress_import",
    "django_tasks",
    "django_tasks.backends.database",
    "huddinge_site",
]

# Form widgets find their templates where pages do (the editor's is in templates/admin/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "core.page_cache.PrivateByDefaultMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "huddinge_site.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "huddinge_site.security.ThemePolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "huddinge_site.edit_links.EditLinkCookieMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "huddinge_site.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "huddinge_site.legacy_redirects.LegacyRedirectMiddleware",
    "core.disk_full.DiskFullMiddleware",
    "huddinge_site.error_pages.SwedishErrorPagesMiddleware",
]

ROOT_URLCONF = "huddinge_site.urls"
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
WSGI_APPLICATION = "huddinge_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "huddinge_site.context_processors.site",
                "pages.context_processors.menu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers queue for the lock up front instead of failing half-way through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "huddinge"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Shared by every worker process on the machine, unlike the per-process memory cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
PAGE_CACHE_ALIAS = "default"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "huddinge_site.login_throttle.LoginThrottle"
AXES_RESET_ON_SUCCESS = True
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
OTP_TOTP_ISSUER = SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served at the site root (/favicon.ico), where browsers and feed readers look without asking.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SERVE_MEDIA = DEBUG or env_bool("DJANGO_SERVE_MEDIA")
S3_BUCKET = os.environ.get("S3_BUCKET", "")
MEDIA_STORAGE = {"BACKEND": "core.storage.WholeFileStorage"}
if S3_BUCKET:
    from botocore import config as botocore_config

    # Every server reads and writes the same bucket; readers still get media from
    # MEDIA_URL on this site (through the front cache), never from a third party.
    MEDIA_STORAGE = {
        "BACKEND": "core.shared_storage.SharedMediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "client_config": botocore_config.Config(
                connect_timeout=float(os.environ.get("S3_CONNECT_TIMEOUT", "2")),
                read_timeout=float(os.environ.get("S3_READ_TIMEOUT", "10")),
                retries={"max_attempts": 2, "mode": "standard"}),
            "file_overwrite": False,
            "querystring_auth": False,
            "default_acl": None,
        },
    }
    SERVE_MEDIA = True
IMPORT_STORAGE = (
    {**MEDIA_STORAGE, "OPTIONS": {**MEDIA_STORAGE["OPTIONS"], "location": "private-imports"}}
    if S3_BUCKET else
    {"BACKEND": "core.storage.WholeFileStorage", "OPTIONS": {"location": VAR_DIR / "imports"}}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "imports": IMPORT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("IMAGE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024))
MEDIA_UPLOAD_MAX_BYTES = int(os.environ.get("MEDIA_UPLOAD_MAX_BYTES", 200 * 1024 * 1024))
RESTORE_MAX_MB = int(os.environ.get("RESTORE_MAX_MB", "4096"))
WORDPRESS_IMPORT_PRIVATE_ADDRESSES = env_bool("WORDPRESS_IMPORT_PRIVATE_ADDRESSES")
WORDPRESS_IMPORT_MAX_BYTES = int(os.environ.get("WORDPRESS_IMPORT_MAX_BYTES",
                                                512 * 1024 * 1024))

# Long work (WordPress imports) runs in the worker, ``manage.py db_worker``, which
# ``scripts/run`` and ``scripts/serve`` start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.database.DatabaseBackend"}}
ANYMAIL = {name.removeprefix("ANYMAIL_"): value for name, value in os.environ.items()
           if name.startswith("ANYMAIL_")}
SUBSCRIPTION_MAILS_PER_SECOND = float(os.environ.get("SUBSCRIPTION_MAILS_PER_SECOND", "10"))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
if EMAIL_BACKEND.startswith("anymail."):
    # Only its settings checks; loading it always would load requests in every process.
    INSTALLED_APPS.append("anymail")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

MARKDOWNX_MARKDOWNIFY_FUNCTION = "posts.rendering.render_markdown"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]
MARKDOWNX_UPLOAD_MAX_SIZE = IMAGE_UPLOAD_MAX_BYTES
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (2400, 2400), "quality": 85}

POSTS_PER_PAGE = 10
AUTOSAVE_SECONDS = int(os.environ.get("AUTOSAVE_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

NODE_COUNT = int(os.environ.get("DJANGO_NODE_COUNT", "1"))
FRONT_CACHE_URLS = env_list("FRONT_CACHE_URLS")
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_SWEEP = env_bool("PAGE_CACHE_SWEEP", default=True)
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", "60"))
PAGE_CACHE_STATUS_HEADER = env_bool("PAGE_CACHE_STATUS_HEADER", default=DEBUG)
PAGE_CACHE_STORES_PER_CLIENT = int(os.environ.get("PAGE_CACHE_STORES_PER_CLIENT", "120"))
PAGE_CACHE_EXCLUDED_PREFIXES = (
    f"/{ADMIN_PATH}", "/markdownx/", "/comments/post/", "/privacy/", "/health/", STATIC_URL,
    MEDIA_URL,
)
