"""Evidence documents are public only while a live, public page uses them.

Wagtail serves any document at ``/documents/<id>/<file name>`` to anyone who
has the address (unless its collection carries a view restriction), and ids
are sequential: evidence attached only to a draft, an unpublished or a private
page could be read by guessing. For documents in a site's ITA collection
(``ITA – <site>``, made by ``roles.setup_site_roles``, and the collections
below it), ``check_public_use`` (a ``before_serve_document`` hook) lets

* users who may choose or change the document (the site's ITA editors,
  approvers and webmasters, superusers), so that previews of drafts work;
* anyone else only while a live page with no view restriction on it or
  above it uses the document, as Wagtail's reference index records the
  pages' live content (a draft's references are not in it);

and answers everyone else "not found" (404), whether or not the id exists.
Documents in other collections are served as Wagtail serves them.

This holds only while documents go through Wagtail's serve view:
``WAGTAILDOCS_SERVE_METHOD = "serve_view"`` (``checks`` warns otherwise), and
the web server must not serve ``MEDIA_ROOT/documents/`` itself. With
``"redirect"`` the check runs but then sends the visitor to the storage's
own address, which anyone may keep and reuse; with ``"direct"`` links point
at the storage and nothing is checked at all.

``serve_document`` wraps Wagtail's serve view to say how the answer may be
cached: one served because of the user's permissions is ``private`` (never
kept by a CDN or a shared cache); a public one must be revalidated on every
use (``no-cache``), so a page unpublished or made private stops its documents
at once. ``cache.PageCacheMiddleware`` never stores documents.
"""

from django.http import Http404
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.permissions import policy_registry

from ..domain.roles import COLLECTION_PREFIX


#: Set on the request by ``check_public_use``: why the document was served.
ACCESS_ATTRIBUTE = "_ita_document_access"
PRIVATE, PUBLIC = "private", "public"


def is_ita_evidence(document):
    """Whether the document is in a site's ITA collection, or below one."""
    collection = document.collection
    top_path = collection.path[: Collection.steplen * 2]
    if collection.depth == 2:
        return collection.name.startswith(COLLECTION_PREFIX)
    if collection.depth < 2:
        return False
    return Collection.objects.filter(
        path=top_path, name__startswith=COLLECTION_PREFIX
    ).exists()


def user_may_see(user, document):
    """Editors with access to the document's collection (previews of drafts)."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    )


def used_by_a_live_public_page(document):
    """Whether a live page, with no view restriction, uses the document now."""
    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ReferenceIndex._get_base_content_type(Page))
        .values_list("object_id", flat=True)
        .distinct()
        if object_id.isdigit()
    ]
    return (
        bool(page_ids) and Page.objects.live().public().filter(pk__in=page_ids).exists()
    )


def check_public_use(document, request):
    """``before_serve_document``: ITA evidence only for its editors or while public."""
    if not is_ita_evidence(document):
        return None
    user = getattr(request, "user", None)
    if user is not None and user_may_see(user, document):
        setattr(request, ACCESS_ATTRIBUTE, PRIVATE)
        return None
    if used_by_a_live_public_page(document):
        setattr(request, ACCESS_ATTRIBUTE, PUBLIC)
        return None
    raise Http404


def serve_document(request, document_id, document_filename):
    """Wagtail's document serve view, with cache headers for ITA evidence."""
    response = serve(request, document_id, document_filename)
    access = getattr(request, ACCESS_ATTRIBUTE, None)
    if access == PRIVATE:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    elif access == PUBLIC:
        patch_cache_control(response, no_cache=True)
    return response
