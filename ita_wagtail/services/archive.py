"""A whole fiscal year of a site's ITA section in one file, to survive a move.

The archive is a zip: ``archive.json`` holds the settings, offices, catalogue
items and every page under the year (its fields and StreamField content, as
stored), and ``files/`` holds the documents and images the pages use. Ids of
offices, documents, images and pages are rewritten on import, so the year can
be restored into a fresh site on another server.
"""

import contextlib
import datetime
import json
import posixpath
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import features as rich_text_features

from ..models import (
    ItaIndexPage,
    ItaPageMixin,
    ItaSiteSettings,
    ItaYearPage,
    OitItem,
    ResponsibleOffice,
)
from ..models.catalogue_loading import ensure_year, read_year
from ..models.evidence import KIND_NAMES, foreign_references, site_collections
from ..models.references import remap_rich_text, walk
from ..models.site_access import site_ids_of
from .roles import ita_index_of
from .uploads import EXTENSION_KINDS, check_upload, max_upload_bytes


FORMAT = "ita-wagtail-archive"
VERSION = 2
#: Version 1 had no drafts, restrictions or workflow states.
READABLE_VERSIONS = (1, 2)
#: Page fields every archive carries; the page type's own fields come too.
PAGE_FIELDS = ("title", "draft_title", "slug", "seo_title", "search_description")


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class References:
    """The objects a year's pages point to, collected on export."""

    documents: set = field(default_factory=set)
    images: set = field(default_factory=set)
    pages: set = field(default_factory=set)


def _own_fields(page):
    """The page type's own concrete fields (not those of Page itself)."""
    page_fields = {f.name for f in Page._meta.get_fields()}
    return [
        f
        for f in page._meta.concrete_fields
        if f.name not in page_fields and not f.name.endswith("_ptr")
    ]


def _serialise_fields(page, references):
    def collect(kind, object_id):
        if kind in ("document", "image", "page"):
            getattr(references, f"{kind}s").add(object_id)
        return object_id

    values = {name: getattr(page, name) for name in PAGE_FIELDS}
    for page_field in _own_fields(page):
        value = getattr(page, page_field.attname)
        if isinstance(page_field, StreamField):
            value = walk(
                page_field.stream_block,
                list(getattr(page, page_field.name).raw_data),
                collect,
            )
        elif isinstance(page_field, RichTextField):
            value = remap_rich_text(value, collect)
        elif (
            isinstance(page_field, models.ForeignKey)
            and page_field.related_model is OitItem
        ):
            item = getattr(page, page_field.name)
            value = {"year": item.year, "code": item.code} if item else None
        elif isinstance(page_field, models.ForeignKey) and issubclass(
            page_field.related_model, Page
        ):
            # A page of another year (2569's O26 answers the measures of 2568):
            # kept as a linked page, found again by its path on import.
            value = collect("page", value) if value else None
        elif isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        values[page_field.name] = value
    return values


def _serialise_restriction(page):
    """The page's own view restriction (not its ancestors'), or None."""
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        return None
    return {
        "type": restriction.restriction_type,
        "password": restriction.password
        if restriction.restriction_type == PageViewRestriction.PASSWORD
        else "",
        "groups": sorted(restriction.groups.values_list("name", flat=True)),
    }


def _serialise_workflow(page):
    state = page.current_workflow_state
    if state is None:
        return None
    task = state.current_task_state.task if state.current_task_state else None
    return {"status": state.status, "task": task.name if task else ""}


def _serialise_page(page, year_page, references):
    entry = {
        "type": page._meta.label_lower,
        "path": page.url_path[len(year_page.url_path) :],
        "live": page.live,
        "fields": None,
        "draft": None,
        "restriction": _serialise_restriction(page),
        "workflow": _serialise_workflow(page),
    }
    if page.has_unpublished_changes and page.latest_revision_id:
        draft = page.get_latest_revision_as_object()
        if page.live:
            entry["draft"] = _serialise_fields(draft, references)
        else:
            # Never published: its latest revision is all there is.
            entry["fields"] = _serialise_fields(draft, references)
            entry["fields"]["slug"] = page.slug  # where the page is in the tree
    if entry["fields"] is None:
        entry["fields"] = _serialise_fields(page, references)
    return entry


def export_year(site, year, destination, notes=None):
    """Write the archive of a site's fiscal year to ``destination`` (a path or file).

    The pages' live content, the latest draft beside it, their own view
    restrictions and whether a draft awaits approval go in; documents, images
    and linked pages of another site never do (their references are left out,
    and ``notes`` says which).

    Raises:
        ArchiveError: the site has no ITA page for that year.
    """
    notes = [] if notes is None else notes
    index = ita_index_of(site)
    year_page = (
        ItaYearPage.objects.child_of(index).filter(year=year).first() if index else None
    )
    if year_page is None:
        raise ArchiveError(
            _("%(host)s has no ITA page for fiscal year %(year)s.")
            % {"host": site.hostname, "year": year}
        )
    references = References()
    pages = [year_page, *year_page.get_descendants().specific().order_by("path")]
    serialised = [_serialise_page(page, year_page, references) for page in pages]
    foreign = foreign_references(
        [("document", pk) for pk in references.documents]
        + [("image", pk) for pk in references.images]
        + [("page", pk) for pk in references.pages],
        site_ids_of(year_page),
    )
    for (kind, _pk), obj in sorted(foreign.items()):
        notes.append(
            _("Left out %(kind)s “%(title)s”: it belongs to another site.")
            % {"kind": KIND_NAMES[kind], "title": obj.title}
        )
    settings = ItaSiteSettings.for_site(site)
    documents = get_document_model().objects.filter(
        pk__in=references.documents - {pk for kind, pk in foreign if kind == "document"}
    )
    images = get_image_model().objects.filter(
        pk__in=references.images - {pk for kind, pk in foreign if kind == "image"}
    )
    root_path = site.root_page.url_path
    linked_pages = {
        page.pk: page.url_path[len(root_path) - 1 :]
        for page in Page.objects.filter(
            pk__in=references.pages - {pk for kind, pk in foreign if kind == "page"}
        )
    }
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "site": {"hostname": site.hostname, "site_name": site.site_name},
        "year": year,
        "settings": {
            "organisation_name": settings.organisation_name,
            "organisation_type": settings.organisation_type,
            "digits": settings.digits,
        },
        "offices": list(
            ResponsibleOffice.objects.filter(site=site).values(
                "id", "name", "sort_order"
            )
        ),
        "catalogue": list(OitItem.objects.filter(year=year).values(*CATALOGUE_FIELDS)),
        "linked_pages": {str(pk): path for pk, path in linked_pages.items()},
        "documents": [],
        "images": [],
        "pages": serialised,
    }
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, objects in (("documents", documents), ("images", images)):
            for obj in objects:
                name = f"files/{kind}/{obj.pk}/{posixpath.basename(obj.file.name)}"
                with obj.file.open("rb") as source:
                    archive.writestr(name, source.read())
                entry = {"id": obj.pk, "title": obj.title, "file": name}
                if kind == "images":
                    entry["description"] = getattr(obj, "description", "")
                data[kind].append(entry)
        archive.writestr(
            "archive.json", json.dumps(data, ensure_ascii=False, indent=1, default=str)
        )
    return data


# Import: everything is checked before anything is changed ----------------------

#: Archives hold at most this many members (files and folders).
DEFAULT_MAX_MEMBERS = 5000
#: The files of an archive unpack to at most this many bytes in all.
DEFAULT_MAX_TOTAL_BYTES = 1024 * 1024 * 1024
#: archive.json itself, unpacked.
MAX_JSON_BYTES = 50 * 1024 * 1024
READ_CHUNK = 64 * 1024
#: What an archive may carry of the catalogue: OitItem's fields but its id.
CATALOGUE_FIELDS = (
    "year",
    "code",
    "sort_order",
    "title_th",
    "title_en",
    "indicator",
    "indicator_title",
    "sub_indicator",
    "sub_indicator_title",
    "requirements",
    "page_type",
    "covers",
    "plan_rule",
    "plan_code",
    "provisional",
    "note",
)
#: The catalogue rules (ITA 2568 onwards); an archive written before them
#: takes them from the shipped list of its year.
RULE_FIELDS = ("covers", "plan_rule", "plan_code")
SETTINGS_FIELDS = ("organisation_name", "organisation_type", "digits")
IMAGE_KINDS = {"jpeg", "png", "webp"}
SLUG = re.compile(r"^[-\w]+$")


def max_members():
    return getattr(settings, "ITA_WAGTAIL_ARCHIVE_MAX_FILES", DEFAULT_MAX_MEMBERS)


def max_total_bytes():
    return getattr(settings, "ITA_WAGTAIL_ARCHIVE_MAX_BYTES", DEFAULT_MAX_TOTAL_BYTES)


def _refuse(message, **params):
    raise ArchiveError(message % params if params else message)


def _safe_member_name(name):
    """Whether a member's name stays inside the archive's own folder."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    parts = name.rstrip("/").split("/")
    return all(part not in ("", ".", "..") for part in parts)


def _read_bounded(archive, info, limit, spool):
    """A member's real unpacked bytes, read at most ``limit`` + 1 of them.

    Returns:
        A file (``spool``, rewound) and the number of bytes, or None when the
        member unpacks to more than ``limit``.
    """
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(READ_CHUNK):
            size += len(chunk)
            if size > limit:
                return None
            spool.write(chunk)
    spool.seek(0)
    return size


class _Schema:
    """Checks the shape of archive.json, saying where it is wrong."""

    def __init__(self):
        self.where = "archive.json"

    def fail(self, what):
        _refuse(
            _("The archive's %(where)s is not valid: %(what)s."),
            where=self.where,
            what=what,
        )

    def expect(self, value, kinds, what):
        # bool is an int to Python; never where a number is expected.
        if isinstance(value, bool) and bool not in kinds:
            self.fail(what)
        if not isinstance(value, kinds):
            self.fail(what)
        return value

    def keys(self, value, required, optional=()):
        self.expect(value, (dict,), _("an object was expected"))
        missing = [key for key in required if key not in value]
        if missing:
            self.fail(_("“%(key)s” is missing") % {"key": missing[0]})
        extra = sorted(set(value) - set(required) - set(optional))
        if extra:
            self.fail(_("“%(key)s” is not expected") % {"key": extra[0]})
        return value

    def text(self, value, what, max_length=None, blank=True):
        self.expect(value, (str,), what)
        if (max_length and len(value) > max_length) or (not blank and not value):
            self.fail(what)
        return value

    def integer(self, value, what, minimum=None, maximum=None):
        self.expect(value, (int,), what)
        if (minimum is not None and value < minimum) or (
            maximum is not None and value > maximum
        ):
            self.fail(what)
        return value


def _page_models():
    return {
        model._meta.label_lower: model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, ItaPageMixin)
    }


def _allowed_fields(model):
    return {*PAGE_FIELDS, *(f.name for f in _own_fields(model))}


def _check_fields(schema, model, fields):
    """A page's fields: known names of the right kind; nothing else is taken."""
    schema.expect(fields, (dict,), _("an object was expected"))
    allowed = _allowed_fields(model)
    for name in sorted(fields):
        if name not in allowed:
            schema.fail(
                _("“%(key)s” is not a field an archive may set") % {"key": name}
            )
    for name in ("title", "slug"):
        if name not in fields:
            schema.fail(_("“%(key)s” is missing") % {"key": name})
    schema.text(fields["title"], _("the title must be text"), 255, blank=False)
    schema.text(fields["slug"], _("the slug must be text"), 255, blank=False)
    if not SLUG.match(fields["slug"]):
        schema.fail(_("the slug may hold only letters, digits and hyphens"))
    probe = model()
    for name, value in fields.items():
        model_field = model._meta.get_field(name)
        if isinstance(model_field, StreamField):
            schema.expect(value, (list, type(None)), _("a list was expected"))
            for child in value or []:
                schema.expect(child, (dict,), _("an object was expected"))
                schema.text(child.get("type"), _("a block type was expected"), 255)
        elif isinstance(model_field, RichTextField):
            schema.expect(value, (str, type(None)), _("text was expected"))
        elif isinstance(model_field, models.ForeignKey) and issubclass(
            model_field.related_model, Page
        ):
            # A page of another year, by its id in the archive's linked pages.
            if value is not None:
                schema.integer(value, _("a page id was expected"))
        elif isinstance(model_field, models.ForeignKey):
            if model_field.related_model is not OitItem:
                schema.fail(
                    _("“%(key)s” is not a field an archive may set") % {"key": name}
                )
            if value is not None:
                schema.keys(value, ("year", "code"))
                schema.integer(value["year"], _("a year was expected"))
                schema.text(value["code"], _("an item code was expected"), 10)
        else:
            try:
                model_field.clean(value, probe)
            except (ValidationError, TypeError, ValueError) as error:
                schema.fail(
                    _("“%(key)s” is not valid (%(error)s)")
                    % {"key": name, "error": "; ".join(_messages(error))}
                )


def _messages(error):
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    return [str(error)]


def _check_data(data):
    """The whole of archive.json, before anything is changed."""
    schema = _Schema()
    schema.keys(
        data,
        ("format", "version", "year", "settings", "offices", "catalogue", "pages"),
        ("exported_at", "site", "linked_pages", "documents", "images"),
    )
    if data["format"] != FORMAT or data["version"] not in READABLE_VERSIONS:
        _refuse(_("Not an ITA archive of a version this app reads."))
    schema.integer(data["year"], _("the fiscal year must be a number"), 2500, 2700)
    schema.where = "settings"
    schema.keys(data["settings"], (), SETTINGS_FIELDS)
    probe = ItaSiteSettings()
    for name, value in data["settings"].items():
        try:
            ItaSiteSettings._meta.get_field(name).clean(value, probe)
        except (ValidationError, TypeError, ValueError) as error:
            schema.fail(
                _("“%(key)s” is not valid (%(error)s)")
                % {"key": name, "error": "; ".join(_messages(error))}
            )
    schema.where = "offices"
    schema.expect(data["offices"], (list,), _("a list was expected"))
    for office in data["offices"]:
        schema.keys(office, ("id", "name"), ("sort_order",))
        schema.integer(office["id"], _("an id was expected"))
        schema.text(office["name"], _("a name was expected"), 255, blank=False)
        schema.integer(
            office.get("sort_order", 0), _("a number was expected"), 0, 32767
        )
    schema.where = "catalogue"
    schema.expect(data["catalogue"], (list,), _("a list was expected"))
    for item in data["catalogue"]:
        schema.keys(item, ("year", "code"), CATALOGUE_FIELDS)
        if item["year"] != data["year"]:
            schema.fail(_("an item of another year"))
        _fill_shipped_rules(item)
        try:
            OitItem(**item).full_clean(
                validate_unique=False, validate_constraints=False
            )
        except (ValidationError, TypeError, ValueError) as error:
            schema.fail("; ".join(_messages(error)))
    schema.where = "linked_pages"
    linked = data.get("linked_pages", {})
    schema.expect(linked, (dict,), _("an object was expected"))
    for key, path in linked.items():
        if not key.isdigit():
            schema.fail(_("an id was expected"))
        schema.text(path, _("a page path was expected"), 1000)
    for kind in ("documents", "images"):
        schema.where = kind
        schema.expect(data.get(kind, []), (list,), _("a list was expected"))
        for entry in data.get(kind, []):
            schema.keys(entry, ("id", "title", "file"), ("description",))
            schema.integer(entry["id"], _("an id was expected"))
            schema.text(entry["title"], _("a title was expected"), 255, blank=False)
            schema.text(entry["file"], _("a file name was expected"), 1000)
            schema.text(entry.get("description", ""), _("text was expected"), 255)
            if not entry["file"].startswith(f"files/{kind}/"):
                schema.fail(_("a file outside files/%(kind)s/") % {"kind": kind})
    page_models = _page_models()
    schema.where = "pages"
    schema.expect(data["pages"], (list,), _("a list was expected"))
    if not data["pages"]:
        schema.fail(_("the archive holds no page"))
    paths = set()
    for number, entry in enumerate(data["pages"], start=1):
        schema.where = _("page %(number)s") % {"number": number}
        schema.keys(
            entry,
            ("type", "path", "live", "fields"),
            ("draft", "restriction", "workflow"),
        )
        schema.expect(entry["fields"], (dict,), _("an object was expected"))
        schema.text(entry["type"], _("a page type was expected"), 255)
        model = page_models.get(entry["type"])
        if model is None:
            schema.fail(
                _("“%(type)s” is not an ITA page type") % {"type": entry["type"]}
            )
        path = schema.text(entry["path"], _("a page path was expected"), 1000)
        schema.expect(entry["live"], (bool,), _("true or false was expected"))
        if number == 1:
            if path != "" or not issubclass(model, ItaYearPage):
                schema.fail(_("the first page must be the year page"))
            if entry["fields"].get("year") != data["year"]:
                schema.fail(_("the year page is not of the archive's year"))
        else:
            parent = path.rstrip("/").rpartition("/")[0]
            parent = f"{parent}/" if parent else ""
            if not path.endswith("/") or path in paths or parent not in paths:
                schema.fail(_("the page's path does not follow its parent"))
            if path.rstrip("/").rpartition("/")[2] != entry["fields"].get("slug"):
                schema.fail(_("the page's path does not end with its slug"))
            if issubclass(model, ItaYearPage):
                schema.fail(_("a year page below the year page"))
        paths.add(path)
        _check_fields(schema, model, entry["fields"])
        if entry.get("draft") is not None:
            _check_fields(schema, model, entry["draft"])
        restriction = entry.get("restriction")
        if restriction is not None:
            schema.keys(restriction, ("type",), ("password", "groups"))
            if restriction["type"] not in dict(PageViewRestriction.RESTRICTION_CHOICES):
                schema.fail(_("an unknown kind of restriction"))
            if restriction["type"] == PageViewRestriction.NONE:
                schema.fail(_("an unknown kind of restriction"))
            password = schema.text(
                restriction.get("password", ""), _("a password was expected"), 255
            )
            if restriction["type"] == PageViewRestriction.PASSWORD and not password:
                schema.fail(_("a password restriction without a password"))
            groups = schema.expect(
                restriction.get("groups", []), (list,), _("a list was expected")
            )
            for name in groups:
                schema.text(name, _("a group name was expected"), 150)
        workflow = entry.get("workflow")
        if workflow is not None:
            schema.keys(workflow, ("status",), ("task",))
            schema.text(workflow["status"], _("a status was expected"), 50)
            schema.text(workflow.get("task", ""), _("a task name was expected"), 255)


def _check_file(kind, entry, spool, size):
    """A file's size and content, as the upload form checks them."""
    name = posixpath.basename(entry["file"])
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    allowed = set(EXTENSION_KINDS)
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if kind == "documents" and configured is not None:
        allowed &= {extension.lower() for extension in configured}
    if kind == "images":
        allowed = {e for e, k in EXTENSION_KINDS.items() if k in IMAGE_KINDS}
    if extension not in allowed:
        _refuse(
            _("%(file)s: files of type .%(extension)s are not accepted."),
            file=entry["file"],
            extension=extension or "?",
        )
    upload = File(spool, name=name)
    upload.size = size
    try:
        check_upload(upload)
    except ValidationError as error:
        _refuse(
            _("%(file)s: %(error)s"),
            file=entry["file"],
            error=" ".join(error.messages),
        )
    finally:
        spool.seek(0)


@dataclass
class Checked:
    """An archive whose every part was checked, its files unpacked aside."""

    data: dict
    files: dict = field(default_factory=dict)  # name -> (spooled file, size)

    def close(self):
        for spool, _size in self.files.values():
            spool.close()


def _unpack_files(archive, by_name, checked):
    """Unpack and check every document and image the archive lists, aside."""
    total, limit = 0, max_upload_bytes()
    for kind in ("documents", "images"):
        for entry in checked.data.get(kind, []):
            name = entry["file"]
            info = by_name.get(name)
            if info is None or name in checked.files:
                _refuse(
                    _("The archive lists %(file)s but does not hold it once."),
                    file=name,
                )
            # Closed by Checked.close, whatever happens.
            spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
            checked.files[name] = (spool, 0)
            size = _read_bounded(archive, info, limit, spool)
            if size is None:
                _refuse(
                    _("%(file)s unpacks to more than the upload limit, %(limit)s."),
                    file=name,
                    limit=filesizeformat(limit),
                )
            checked.files[name] = (spool, size)
            total += size
            if total > max_total_bytes():
                _refuse(
                    _("The archive's files unpack to more than %(limit)s in all."),
                    limit=filesizeformat(max_total_bytes()),
                )
            _check_file(kind, entry, spool, size)


def check_archive(source):
    """Read and check the whole archive; nothing is changed.

    Raises:
        ArchiveError: what is wrong, the first thing found.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError(
            _("Not an ITA archive: %(error)s") % {"error": error}
        ) from error
    checked = None
    try:
        with archive:
            members = archive.infolist()
            if len(members) > max_members():
                _refuse(
                    _("The archive holds %(count)s files; at most %(limit)s are read."),
                    count=len(members),
                    limit=max_members(),
                )
            by_name = {}
            for info in members:
                if not _safe_member_name(info.filename):
                    _refuse(
                        _("The archive names a file outside its folder: %(name)s"),
                        name=info.filename,
                    )
                if info.flag_bits & 0x1:
                    _refuse(
                        _("The archive holds encrypted files: %(name)s"),
                        name=info.filename,
                    )
                by_name[info.filename] = info
            if "archive.json" not in by_name:
                _refuse(_("Not an ITA archive: it has no archive.json."))
            with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
                size = _read_bounded(
                    archive, by_name["archive.json"], MAX_JSON_BYTES, spool
                )
                if size is None:
                    _refuse(_("The archive's archive.json is far too large."))
                raw = spool.read()
            try:
                data = json.loads(raw.decode("utf-8"))
            except (ValueError, RecursionError) as error:
                raise ArchiveError(
                    _("Not an ITA archive: %(error)s") % {"error": error}
                ) from None
            try:
                _check_data(data)
            except (TypeError, AttributeError, KeyError, ValueError) as error:
                # A shape the checks above did not foresee: still a refusal.
                _refuse(
                    _("The archive's archive.json is not valid: %(error)s."),
                    error=repr(error),
                )
            checked = Checked(data)
            _unpack_files(archive, by_name, checked)
    except ArchiveError:
        if checked is not None:
            checked.close()
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
    ) as error:
        if checked is not None:
            checked.close()
        raise ArchiveError(
            _("The archive is damaged: %(error)s") % {"error": error}
        ) from None
    return checked


def read_archive(source):
    """The archive's JSON, checked; ArchiveError if it is not a valid archive."""
    checked = check_archive(source)
    checked.close()
    return checked.data


def import_year(site, source, update_catalogue=False, notes=None):
    """Restore an archive into a site that has no page for the archive's year.

    The whole archive is checked first; then everything is done in one
    transaction, and the files written are removed again if anything fails.
    Nothing of the archive decides who owns, locked, published or approved
    a page: pages are unlocked, owned by nobody, published now, with no
    scheduled publishing or expiry; a draft that awaited approval is
    submitted again to the section's approval workflow from its first task.

    Args:
        update_catalogue: add the archive's OIT items the instance lacks and
            update those it has; without it the shared catalogue is never
            changed and an item the instance lacks is an error.
        notes: a list that receives what was not restored exactly.

    Returns:
        The new ItaYearPage.

    Raises:
        ArchiveError: the file is not a valid archive, or the year is already there.
    """
    notes = [] if notes is None else notes
    checked = check_archive(source)
    written = []
    try:
        with transaction.atomic():
            return _restore(site, checked, update_catalogue, notes, written)
    except BaseException as error:
        for file in written:
            file.storage.delete(file.name)
        if isinstance(error, ArchiveError | KeyboardInterrupt | SystemExit):
            raise
        if isinstance(error, Exception):
            raise ArchiveError(
                _("The archive could not be restored (%(where)s): %(error)s")
                % {"where": getattr(error, "ita_where", "?"), "error": error}
            ) from None
        raise
    finally:
        checked.close()


class _At:
    """Names the part of the archive being restored on any error raised inside."""

    def __init__(self, where):
        self.where = where

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if error is not None and not hasattr(error, "ita_where"):
            with contextlib.suppress(AttributeError):
                error.ita_where = self.where
        return False


def _restore(site, checked, update_catalogue, notes, written):
    data = checked.data
    year = data["year"]
    index = ita_index_of(site)
    if (
        index is not None
        and ItaYearPage.objects.child_of(index).filter(year=year).exists()
    ):
        raise ArchiveError(
            _("%(host)s already has fiscal year %(year)s.")
            % {"host": site.hostname, "year": year}
        )
    _restore_catalogue(data, update_catalogue)
    if index is None:
        index = site.root_page.add_child(instance=ItaIndexPage(title="ITA", slug="ita"))

    with _At("settings"):
        site_settings = ItaSiteSettings.for_site(site)
        for name, value in data["settings"].items():
            setattr(site_settings, name, value)
        site_settings.save()
    ids = {"office": {}, "document": {}, "image": {}, "page": {}}
    with _At("offices"):
        for office in data["offices"]:
            new, _created = ResponsibleOffice.objects.get_or_create(
                site=site,
                name=office["name"],
                defaults={"sort_order": office.get("sort_order", 0)},
            )
            ids["office"][office["id"]] = new.pk
    collection = site_collections().get(site.pk)
    for kind, model in (
        ("document", get_document_model()),
        ("image", get_image_model()),
    ):
        for entry in data.get(f"{kind}s", []):
            with _At(entry["file"]):
                spool, _size = checked.files[entry["file"]]
                obj = model(title=entry["title"])
                if collection is not None:
                    obj.collection = collection
                if kind == "image" and hasattr(obj, "description"):
                    obj.description = entry.get("description", "")
                obj.file.save(
                    posixpath.basename(entry["file"]), File(spool), save=False
                )
                written.append(obj.file)
                obj.full_clean()
                obj.save()
                if kind == "document":
                    # Wagtail's public way to record the file's size and hash
                    # (each saves the document once it knows them).
                    obj.get_file_size()
                    obj.get_file_hash()
                ids[kind][entry["id"]] = obj.pk

    created = _create_pages(index, data["pages"], ids)
    root_path = site.root_page.url_path
    by_path = {page.url_path: page.pk for page in created}
    for old_id, path in data.get("linked_pages", {}).items():
        new_id = by_path.get(root_path[:-1] + path)
        if new_id is None:
            target = Page.objects.filter(url_path=root_path[:-1] + path).first()
            new_id = target.pk if target else None
        ids["page"][int(old_id)] = new_id
    for page, entry in zip(created, data["pages"], strict=True):
        with _At(page.url_path):
            _restore_page(page, entry, ids, notes)
    return created[0]


def _fill_shipped_rules(item):
    """Give an item of an archive without the rule fields its shipped rules."""
    if all(name in item for name in RULE_FIELDS):
        return
    try:
        shipped = {row["code"]: row for row in read_year(item["year"])}
    except (LookupError, TypeError, ValueError):
        return
    row = shipped.get(item["code"])
    if row is not None:
        for name in RULE_FIELDS:
            item.setdefault(name, row[name])


def _restore_catalogue(data, update_catalogue):
    """The archive's OIT items: changed only with ``update_catalogue``."""
    with _At("catalogue"):
        ensure_year(data["year"])
        needed = set()
        for entry in data["pages"]:
            for fields in (entry["fields"], entry.get("draft") or {}):
                item = fields.get("oit_item")
                if item:
                    needed.add((item["year"], item["code"]))
        existing = {
            (item.year, item.code): item
            for item in OitItem.objects.filter(year=data["year"])
        }
        if update_catalogue:
            for row in data["catalogue"]:
                item = existing.get((row["year"], row["code"]))
                if item is None:
                    item = OitItem(**row)
                else:
                    for name, value in row.items():
                        setattr(item, name, value)
                item.full_clean()
                item.save()
            existing = {
                (item.year, item.code): item
                for item in OitItem.objects.filter(year=data["year"])
            }
        missing = sorted(needed - set(existing))
        if missing:
            raise ArchiveError(
                _(
                    "The OIT catalogue of this instance has no item %(code)s of "
                    "%(year)s, which the archive's pages answer. Add it to the "
                    "catalogue, or import with --update-catalogue to take the "
                    "archive's items."
                )
                % {"code": missing[0][1], "year": missing[0][0]}
            )


def _restore_page(page, entry, ids, notes):
    _fill_fields(page, entry["fields"], ids)
    revision = page.save_revision(clean=True)
    if entry["live"]:
        revision.publish(skip_permission_checks=True)
    if entry.get("draft") is not None:
        page = type(page).objects.get(pk=page.pk)
        _fill_fields(page, entry["draft"], ids)
        page.save_revision(clean=True)
    restriction = entry.get("restriction")
    if restriction is not None:
        _restore_restriction(page, restriction, notes)
    workflow = entry.get("workflow")
    if workflow is not None:
        _restore_workflow(page, workflow, notes)


def _restore_restriction(page, restriction, notes):
    """The same restriction; groups by name, those the instance lacks left out.

    A group restriction none of whose groups exist here still restricts: only
    superusers see the page until someone chooses its groups.
    """
    new = PageViewRestriction.objects.create(
        page=page,
        restriction_type=restriction["type"],
        password=restriction.get("password", "")
        if restriction["type"] == PageViewRestriction.PASSWORD
        else "",
    )
    if restriction["type"] != PageViewRestriction.GROUPS:
        return
    names = set(restriction.get("groups", []))
    groups = list(Group.objects.filter(name__in=names))
    new.groups.set(groups)
    for name in sorted(names - {group.name for group in groups}):
        notes.append(
            _(
                "“%(page)s” was visible to the group “%(group)s”, which this "
                "instance does not have; choose its groups again."
            )
            % {"page": page.title, "group": name}
        )


def _restore_workflow(page, workflow, notes):
    """A draft that awaited approval is submitted again, from the first task."""
    if workflow["status"] != "in_progress":
        notes.append(
            _("“%(page)s” had changes requested; its draft is restored, not submitted.")
            % {"page": page.title}
        )
        return
    page = Page.objects.get(pk=page.pk).specific
    approval = page.get_workflow()
    if approval is None or not approval.active:
        notes.append(
            _(
                "“%(page)s” awaited approval, but its section here has no approval "
                "workflow: its draft is restored, not submitted."
            )
            % {"page": page.title}
        )
        return
    approval.start(page, None)


def _create_pages(index, entries, ids):
    created = []
    by_path = {}
    for entry in entries:
        with _At(entry["path"] or "/"):
            model = apps.get_model(entry["type"])
            parent_path = entry["path"].rstrip("/").rpartition("/")[0]
            parent_key = f"{parent_path}/" if parent_path else ""
            parent = by_path[parent_key] if entry["path"] else index
            fields = entry["fields"]
            page = model(title=fields["title"], slug=fields["slug"], live=False)
            if "year" in fields:
                page.year = fields["year"]
            _fill_fields(page, fields, ids, references=False)
            parent.add_child(instance=page)
            by_path[entry["path"]] = page
            created.append(page)
    return created


def _clean_rich_text(html, features):
    """Rich text as the editor would save it: its features only, no script."""
    if not html:
        return html or ""
    if features is None:
        features = rich_text_features.get_default_features()
    converter = ContentstateConverter(features=features)
    return converter.to_database_format(converter.from_database_format(html))


def _clean_leaf(block, value):
    """A block's value from the archive, as the page editor would accept it."""
    if isinstance(block, blocks.RichTextBlock):
        return _clean_rich_text(value, block.features)
    if isinstance(block, blocks.URLBlock) and value not in ("", None):
        try:
            return block.field.clean(value)
        except ValidationError:
            raise ArchiveError(
                _("The archive's address “%(url)s” is not a web address.")
                % {"url": str(value)[:200]}
            ) from None
    return value


def _fill_fields(page, fields, ids, references=True):
    """Set the archive's fields (only those ``_check_fields`` accepted)."""

    def remap(kind, object_id):
        if not references and kind == "page":
            return None
        return ids[kind].get(object_id)

    for name, value in fields.items():
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            raw = walk(model_field.stream_block, value or [], remap, _clean_leaf)
            # Shapes the blocks cannot read fail here, not on the public page.
            stream = model_field.stream_block.to_python(raw)
            value = model_field.stream_block.get_prep_value(stream)
        elif isinstance(model_field, RichTextField):
            value = _clean_rich_text(
                remap_rich_text(value, remap), model_field.features
            )
        elif isinstance(model_field, models.ForeignKey) and issubclass(
            model_field.related_model, Page
        ):
            name, value = model_field.attname, remap("page", value) if value else None
        elif isinstance(model_field, models.ForeignKey):
            value = OitItem.objects.get(**value) if value else None
        setattr(page, name, value)
