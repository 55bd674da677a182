from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response


js_catalog = JavaScriptCatalog.as_view(packages=["ita_wagtail.admin_th"])


def localized_js_catalog(request, *args, **kwargs):
    """The Thai of Wagtail's admin scripts, in the user's preferred language.

    Loaded after Wagtail's own catalogue: Django's catalogue script adds its
    entries to ``django.catalog``, so ours replace Wagtail's.
    """
    return get_localized_response(js_catalog, request, *args, **kwargs)
