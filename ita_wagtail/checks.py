"""System checks of the settings ita_wagtail's promises depend on."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
