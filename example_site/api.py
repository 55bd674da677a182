"""Wagtail API v2 of the example site: pages, with the ITA fields.

No documents or images endpoint: each would list every LAO's evidence files,
those only drafts use included (documents are served only while a live,
public page uses them, see ``ita_wagtail.views.documents``; Wagtail has no such
check for images). A site that wants an images listing can register
``ita_wagtail.api_views.ImagesAPIViewSet`` knowing that.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from ita_wagtail.api_views import PagesAPIViewSet


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
