"""Production settings: secrets, hosts, database and caches come from the environment.

See docs/deployment.md. Required: DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and,
for anything but a single small site, DATABASE_URL (PostgreSQL); EMAIL_HOST
and its companions for the approval notices.
"""

import os

import django

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS, MIDDLEWARE, WAGTAILADMIN_BASE_URL


DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# PostgreSQL (or SQLite for one small LAO) from DATABASE_URL, see base.py;
# persistent connections are checked before reuse after a database restart.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# WhiteNoise serves the static files from the app servers, compressed and with
# far-future cache headers; the page cache answers public ITA pages before
# sessions, CSRF and routing.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ita_wagtail.cache.PageCacheMiddleware",
    *[m for m in MIDDLEWARE if m != "django.middleware.security.SecurityMiddleware"],
]
STORAGES = {
    # Uploaded documents and images: a directory every app server shares (NFS),
    # or an object store through django-storages (docs/deployment.md).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# One cache shared by every worker and app server: Redis when REDIS_URL is set,
# else files on this server (enough for one server with several workers).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_CACHE_DIR", str(BASE_DIR / "example_site" / "cache")
            ),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
ITA_WAGTAIL_CACHE_TIMEOUT = int(os.environ.get("ITA_WAGTAIL_CACHE_TIMEOUT", 60 * 60))
ITA_WAGTAIL_CACHE_LOCAL_SIZE = int(
    os.environ.get("ITA_WAGTAIL_CACHE_LOCAL_SIZE", 8 * 1024 * 1024)
)

# A CDN or Varnish in front: Wagtail's frontend cache purges it on publish, and
# public ITA pages tell it how long it may keep them.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
if os.environ.get("CLOUDFLARE_API_TOKEN"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ["CLOUDFLARE_API_TOKEN"],
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        }
    }
elif os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
if os.environ.get("ITA_WAGTAIL_SHARED_CACHE_MAX_AGE"):
    ITA_WAGTAIL_SHARED_CACHE_MAX_AGE = int(
        os.environ["ITA_WAGTAIL_SHARED_CACHE_MAX_AGE"]
    )


# E-mail: approvers are told of submissions, editors of approvals and
# rejections, users get password resets, through an SMTP server from the
# environment (docs/deployment.md, "E-mail").
def _flag(name):
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


_use_tls = _flag("EMAIL_USE_TLS")
_use_ssl = _flag("EMAIL_USE_SSL")
_smtp = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(
        os.environ.get("EMAIL_PORT") or (587 if _use_tls else 465 if _use_ssl else 25)
    ),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": _use_tls,
    "use_ssl": _use_ssl,
    # A submission waits for the mail server at most this long; a dead server
    # only costs the notice (logged), never the submission.
    "timeout": int(os.environ.get("EMAIL_TIMEOUT", 10)),
}
if django.VERSION >= (6, 1):
    # Django 6.1 replaces the EMAIL_* settings by MAILERS (the old ones are
    # deprecated, and may not be set beside it).
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": _smtp,
        }
    }
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _smtp["host"]
    EMAIL_PORT = _smtp["port"]
    EMAIL_HOST_USER = _smtp["username"]
    EMAIL_HOST_PASSWORD = _smtp["password"]
    EMAIL_USE_TLS = _smtp["use_tls"]
    EMAIL_USE_SSL = _smtp["use_ssl"]
    EMAIL_TIMEOUT = _smtp["timeout"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
# Links in the e-mails: the admin's address as people reach it.
_first_host = next(
    (host for host in ALLOWED_HOSTS if host and not host.startswith((".", "*"))), ""
)
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL",
    f"https://{_first_host.lstrip('.')}" if _first_host else WAGTAILADMIN_BASE_URL,
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "wagtail": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
