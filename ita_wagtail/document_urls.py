"""Wagtail's document URLs, serving through ``documents.serve_document``.

Use them in place of ``wagtail.documents.urls``:
``path("documents/", include("ita_wagtail.document_urls"))``. The access check
itself is a ``before_serve_document`` hook and holds with Wagtail's URLs too;
these add the cache headers (see ``ita_wagtail.documents``).
"""

from django.urls import path, re_path
from wagtail.documents.views.serve import authenticate_with_password

from .views.documents import serve_document


urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
