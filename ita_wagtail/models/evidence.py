"""Evidence belongs to the page's own site: its documents, images and page links.

Each site's evidence files live in the site's own collection, ``ITA – <site>``
(``roles.setup_site_roles`` creates it). A document or image belongs to a site
when it is in that collection or below it; when the site has no collection of
its own yet (a single-LAO instance without roles), a file belongs to it unless
it is in another site's collection. A page belongs to a site when it is in the
site's page tree (``site_access.site_ids_of``).

The same rule serves the choosers (what is offered), the page forms
(publishing is refused, a draft saves with a warning), the archive (another
site's files are never written) and the archive's import.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from ..domain.compliance.findings import ERROR, Finding
from ..domain.roles import COLLECTION_PREFIX
from .references import walk
from .site_access import site_ids_of


def site_collections():
    """Each site's own evidence collection: {site_id: Collection}."""
    collections = {
        collection.name[len(COLLECTION_PREFIX) :]: collection
        for collection in Collection.objects.filter(
            depth=2, name__startswith=COLLECTION_PREFIX
        )
    }
    if not collections:
        return {}
    found = {}
    for site in Site.objects.all().only("pk", "site_name", "hostname"):
        collection = collections.get(site.site_name or site.hostname)
        if collection is not None:
            found[site.pk] = collection
    return found


def _subtree(collection):
    return Q(collection__path__startswith=collection.path)


def evidence_files_filter(site_ids, collections=None):
    """A Q on documents or images: those that belong to one of ``site_ids``."""
    collections = site_collections() if collections is None else collections
    own = [collections[pk] for pk in site_ids if pk in collections]
    if own:
        query = Q(pk__in=[])
        for collection in own:
            query |= _subtree(collection)
        return query
    others = [c for pk, c in collections.items() if pk not in site_ids]
    query = Q()
    for collection in others:
        query &= ~_subtree(collection)
    return query


def pages_filter(site_ids):
    """A Q on pages: those in the page tree of one of ``site_ids``.

    It filters on the tree path, a field Wagtail's search may filter on too
    (the page chooser's search).
    """
    query = Q(pk__in=[])
    roots = Site.objects.filter(pk__in=site_ids).values_list(
        "root_page__path", flat=True
    )
    for path in roots:
        query |= Q(path__startswith=path)
    return query


def references_of(block, raw):
    """The (kind, id) of every document, image and page a block's raw value names."""
    found = []

    def collect(kind, object_id):
        if kind in ("document", "image", "page"):
            found.append((kind, object_id))
        return object_id

    walk(block, raw, collect)
    return found


def foreign_references(references, site_ids):
    """The objects among ``references`` that are not of ``site_ids``.

    Args:
        references: an iterable of (kind, id).
        site_ids: the page's sites; when empty nothing is foreign.

    Returns:
        {(kind, id): the object (a Document, Image or Page)}.
    """
    references = set(references)
    if not site_ids or not references:
        return {}
    site_ids = set(site_ids)
    foreign = {}
    collections = None
    for kind, model in (
        ("document", get_document_model()),
        ("image", get_image_model()),
    ):
        ids = {object_id for k, object_id in references if k == kind}
        if not ids:
            continue
        if collections is None:
            collections = site_collections()
        own = set(
            model.objects.filter(pk__in=ids)
            .filter(evidence_files_filter(site_ids, collections))
            .values_list("pk", flat=True)
        )
        for obj in model.objects.filter(pk__in=ids - own):
            foreign[(kind, obj.pk)] = obj
    page_ids = {object_id for k, object_id in references if k == "page"}
    for page in Page.objects.filter(pk__in=page_ids):
        if not (site_ids_of(page) & site_ids):
            foreign[("page", page.pk)] = page
    return foreign


KIND_NAMES = {
    "document": _("the document"),
    "image": _("the image"),
    "page": _("the page"),
}


def evidence_site_findings(stream_value, site_ids, field):
    """A StreamField's documents, images and page links are the page's site's own.

    Args:
        stream_value: a StreamValue (of the page, or cleaned from its form).
        site_ids: the ids of the sites the page is on; empty: nothing checked.
        field: the name of the page's field, where the finding is placed.

    Returns:
        A list of ERROR findings, one per block that uses another site's object.
    """
    if not site_ids or stream_value is None:
        return []
    stream_block = stream_value.stream_block
    per_block = []
    for index, child in enumerate(stream_value.raw_data):
        child_block = stream_block.child_blocks.get(child.get("type"))
        if child_block is None:
            continue
        try:
            references = references_of(child_block, child.get("value"))
        except (TypeError, ValueError, AttributeError, KeyError):
            continue  # a malformed block is the block's own error
        if references:
            per_block.append((index, child_block, references))
    foreign = foreign_references(
        [ref for _index, _block, refs in per_block for ref in refs], site_ids
    )
    findings = []
    for index, child_block, references in per_block:
        hits = [foreign[ref] for ref in references if ref in foreign]
        if not hits:
            continue
        kind = next(ref[0] for ref in references if ref in foreign)
        findings.append(
            Finding(
                ERROR,
                "evidence.of_another_site",
                _(
                    "Block %(number)s (%(block)s) uses %(kind)s “%(title)s” of another "
                    "site: choose this site's own documents, images and pages."
                )
                % {
                    "number": index + 1,
                    "block": child_block.label,
                    "kind": KIND_NAMES[kind],
                    "title": hits[0].title,
                },
                field=field,
                block_index=index,
            )
        )
    return findings


#: The StreamFields of the ITA pages that may hold evidence, by page mixin.
EVIDENCE_FIELDS = ("results", "body")


def page_evidence_findings(page, site_ids=None):
    """``evidence_site_findings`` of every evidence StreamField of a page."""
    if site_ids is None:
        site_ids = site_ids_of(page)
    findings = []
    for name in EVIDENCE_FIELDS:
        value = getattr(page, name, None)
        if value is not None and hasattr(value, "raw_data"):
            findings += evidence_site_findings(value, site_ids, name)
    return findings
