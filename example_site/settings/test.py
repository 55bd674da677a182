import os
import tempfile

import django

from .base import *  # noqa: F403


DEBUG = False
SECRET_KEY = "example-site-tests-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(
    prefix="ita-wagtail-media-"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The frontend cache's purges are recorded by tests/frontend_cache_backend.py
# where a test configures it; with no backend configured they do nothing.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
WAGTAILFRONTENDCACHE = {}

# Django's test runner keeps mail in memory (mail.outbox); from Django 6.1 it
# wants a MAILERS entry to do so without a deprecation warning.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
