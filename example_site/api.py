"""Wagtail API v2 of the example site: pages (with ITA fields) and images.

No documents endpoint: it would list every LAO's evidence files, those only
drafts use included (documents are served only while a live, public page
uses them, see ``ita_wagtail.documents``).
"""

from wagtail.api.v2.router import WagtailAPIRouter

from ita_wagtail.api_views import ImagesAPIViewSet, PagesAPIViewSet


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
