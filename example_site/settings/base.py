"""Settings of the example LAO site, shared by development, tests and production."""

import os
from pathlib import Path

import dj_database_url


PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Thai for Wagtail's and Django's own admin strings: before the apps it corrects.
    "ita_wagtail.admin_th",
    "example_site.demo",
    "ita_wagtail",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

# SQLite by default, as a small LAO would run it; DATABASE_URL overrides
# (e.g. postgres://user:password@localhost/ita).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'example_site' / 'db.sqlite3'}",
        conn_max_age=600,
    )
}

# On PostgreSQL, Wagtail's search index uses django.contrib.postgres's fields
# and indexes, and Django 6.0+ checks that the app is installed.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]

# Thai first; English for the admin users who prefer it.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "example_site" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "example_site" / "media"))

WAGTAIL_SITE_NAME = "อบต.ทุ่งกว่าว"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Evidence files: these kinds only, checked by content (ita_wagtail.services.uploads).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ita_wagtail.uploads.EvidenceDocumentForm"
# Documents always go through Wagtail's serve view, where ITA evidence is
# checked (ita_wagtail.views.documents): never a link or a redirect to the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
ITA_WAGTAIL_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = ITA_WAGTAIL_MAX_UPLOAD_BYTES

# Public ITA pages extend the site's own base template.
ITA_WAGTAIL_BASE_TEMPLATE = "base.html"
LOCALE_PATHS = [PROJECT_DIR / "locale"]
