from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from example_site.api import api_router


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URLs, with cache headers for ITA evidence.
    path("documents/", include("ita_wagtail.document_urls")),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# ita_wagtail's open-data downloads (/ita-data/<page id>.csv …) before the
# page router, which would otherwise take every address.
urlpatterns += [
    path("", include("ita_wagtail.urls")),
    path("", include(wagtail_urls)),
]
