"""Wagtail's API v2 endpoints, hardened, for a site's ``api.py``.

``PagesAPIViewSet`` and ``ImagesAPIViewSet`` are Wagtail's, answering HTTP 400
to an ``offset`` too large for the database (Wagtail passes it on, and the
database driver overflows: HTTP 500). There is no documents endpoint on
purpose: a listing would name every LAO's evidence files, those only drafts
use included (see ``ita_wagtail.documents``).
"""

from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet as WagtailImagesAPIViewSet


#: The largest ``offset`` accepted: far beyond any list an instance holds, far
#: below what overflows a database integer.
MAX_OFFSET = 10**9


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, refusing an offset larger than MAX_OFFSET (HTTP 400)."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own message says what is wrong
        if offset > MAX_OFFSET:
            raise BadRequestError(
                _("offset cannot be higher than %(max)s") % {"max": MAX_OFFSET}
            )
        return super().paginate_queryset(queryset, request, view)


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    pagination_class = BoundedPagination


class ImagesAPIViewSet(WagtailImagesAPIViewSet):
    pagination_class = BoundedPagination
