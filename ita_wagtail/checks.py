"""System checks of the settings ita_wagtail's promises depend on."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from .models.wagtail_compat import site_root_paths_held


@register(Tags.security)
def documents_go_through_the_serve_view(app_configs, **kwargs):
    """ITA evidence is checked only when served by Wagtail's serve view."""
    method = getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None)
    if method == "serve_view":
        return []
    return [
        Warning(
            f"WAGTAILDOCS_SERVE_METHOD is {method!r}: evidence documents of "
            "drafts, unpublished and private pages may be read by anyone who "
            "has their storage address.",
            hint='Set WAGTAILDOCS_SERVE_METHOD = "serve_view", and do not let '
            "the web server serve MEDIA_ROOT/documents/ itself.",
            id="ita_wagtail.W001",
        )
    ]


@register()
def site_root_paths_are_held(app_configs, **kwargs):
    """Wagtail's site root paths are held per process (many sites' URLs)."""
    if site_root_paths_held():
        return []
    return [
        Warning(
            "ita_wagtail does not recognise this Wagtail's site root paths code, "
            "so it left it as it is: each page URL reads and scans every site's "
            "root path, which slows pages down when there are thousands of sites.",
            hint="Check ita_wagtail.models.wagtail_compat.hold_site_root_paths "
            "against this Wagtail release (tests/test_site_roots.py), then add "
            "its digest to SITE_ROOT_PATHS_SOURCES.",
            id="ita_wagtail.W003",
        )
    ]
