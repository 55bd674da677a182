"""A whole fiscal year of a site's ITA section in one file, to survive a move.

The archive is a zip: ``archive.json`` holds the settings, offices, catalogue
items and every page under the year (its fields and StreamField content, as
stored), and ``files/`` holds the documents and images the pages use. Ids of
offices, documents, images and pages are rewritten on import, so the year can
be restored into a fresh site on another server.
"""

import datetime
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import BaseTypedTableBlock
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import (
    ItaIndexPage,
    ItaSiteSettings,
    ItaYearPage,
    OitItem,
    ResponsibleOffice,
)
from .roles import ita_index_of


FORMAT = "ita-wagtail-archive"
VERSION = 1
#: Page fields every archive carries; the page type's own fields come too.
PAGE_FIELDS = ("title", "draft_title", "slug", "seo_title", "search_description")
RICH_TEXT_REFERENCE = re.compile(
    r'(?P<head><(?:a|embed)\b[^>]*?\b(?:linktype|embedtype)="(?P<kind>page|document|image)"'
    r'[^>]*?\bid=")(?P<id>\d+)(?P<tail>")'
)


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class References:
    """The objects a year's pages point to, collected on export."""

    documents: set = field(default_factory=set)
    images: set = field(default_factory=set)
    pages: set = field(default_factory=set)


def _kind_of(block):
    if isinstance(block, blocks.PageChooserBlock):
        return "page"
    model = getattr(block, "target_model", None)
    if isinstance(model, str):
        model = apps.get_model(model)
    if model is None:
        return None
    if issubclass(model, get_document_model()):
        return "document"
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, ResponsibleOffice):
        return "office"
    return None


def _rich_text(html, remap):
    def replace(match):
        new_id = remap(match["kind"], int(match["id"]))
        if new_id is None:
            return match.group(0)
        return f"{match['head']}{new_id}{match['tail']}"

    return RICH_TEXT_REFERENCE.sub(replace, html or "")


def walk(block, raw, remap):
    """The raw value of a block with every reference passed through ``remap``.

    ``remap(kind, id)`` receives "page", "document", "image" or "office" and
    an id, and returns the id to store (or None to drop the reference).
    """
    if raw is None:
        return None
    if isinstance(block, blocks.StreamBlock):
        result = []
        for child in raw:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:
                continue
            result.append(
                {**child, "value": walk(child_block, child.get("value"), remap)}
            )
        return result
    if isinstance(block, blocks.ListBlock):
        result = []
        for item in raw:
            if isinstance(item, dict) and item.get("type") == "item":
                result.append(
                    {**item, "value": walk(block.child_block, item["value"], remap)}
                )
            else:
                result.append(walk(block.child_block, item, remap))
        return result
    if isinstance(block, blocks.StructBlock):
        return {
            name: walk(block.child_blocks[name], value, remap)
            if name in block.child_blocks
            else value
            for name, value in raw.items()
        }
    if isinstance(block, BaseTypedTableBlock):
        columns = raw.get("columns", [])
        return {
            **raw,
            "rows": [
                {
                    **row,
                    "values": [
                        walk(block.child_blocks[column["type"]], value, remap)
                        for column, value in zip(
                            columns, row.get("values", []), strict=False
                        )
                    ],
                }
                for row in raw.get("rows", [])
            ],
        }
    if isinstance(block, blocks.RichTextBlock):
        return _rich_text(raw, remap)
    kind = _kind_of(block)
    if kind is not None:
        return remap(kind, int(raw)) if raw not in ("", None) else raw
    return raw


def _own_fields(page):
    """The page type's own concrete fields (not those of Page itself)."""
    page_fields = {f.name for f in Page._meta.get_fields()}
    return [
        f
        for f in page._meta.concrete_fields
        if f.name not in page_fields and not f.name.endswith("_ptr")
    ]


def _serialise_page(page, year_page, references):
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
            value = _rich_text(value, collect)
        elif (
            isinstance(page_field, models.ForeignKey)
            and page_field.related_model is OitItem
        ):
            item = getattr(page, page_field.name)
            value = {"year": item.year, "code": item.code} if item else None
        elif isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        values[page_field.name] = value
    return {
        "type": page._meta.label_lower,
        "path": page.url_path[len(year_page.url_path) :],
        "live": page.live,
        "fields": values,
    }


def export_year(site, year, destination):
    """Write the archive of a site's fiscal year to ``destination`` (a path or file).

    Raises:
        ArchiveError: the site has no ITA page for that year.
    """
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
    settings = ItaSiteSettings.for_site(site)
    documents = get_document_model().objects.filter(pk__in=references.documents)
    images = get_image_model().objects.filter(pk__in=references.images)
    root_path = site.root_page.url_path
    linked_pages = {
        page.pk: page.url_path[len(root_path) - 1 :]
        for page in Page.objects.filter(pk__in=references.pages)
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
        "catalogue": list(
            OitItem.objects.filter(year=year).values(
                *[f.name for f in OitItem._meta.concrete_fields if f.name != "id"]
            )
        ),
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


def read_archive(source):
    """The archive's JSON and an open ZipFile; ArchiveError if it is not one."""
    try:
        archive = zipfile.ZipFile(source)
        data = json.loads(archive.read("archive.json").decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ArchiveError(
            _("Not an ITA archive: %(error)s") % {"error": error}
        ) from error
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ArchiveError(_("Not an ITA archive of a version this app reads."))
    return data, archive


@transaction.atomic
def import_year(site, source):
    """Restore an archive into a site that has no page for the archive's year.

    Returns:
        The new ItaYearPage.

    Raises:
        ArchiveError: the file is not an archive, or the year is already there.
    """
    data, archive = read_archive(source)
    year = data["year"]
    index = ita_index_of(site)
    if index is None:
        index = site.root_page.add_child(instance=ItaIndexPage(title="ITA", slug="ita"))
    if ItaYearPage.objects.child_of(index).filter(year=year).exists():
        raise ArchiveError(
            _("%(host)s already has fiscal year %(year)s.")
            % {"host": site.hostname, "year": year}
        )

    settings = ItaSiteSettings.for_site(site)
    for name, value in data["settings"].items():
        setattr(settings, name, value)
    settings.save()
    for item in data["catalogue"]:
        OitItem.objects.update_or_create(
            year=item["year"], code=item["code"], defaults=item
        )
    ids = {"office": {}, "document": {}, "image": {}, "page": {}}
    for office in data["offices"]:
        new, _created = ResponsibleOffice.objects.get_or_create(
            site=site,
            name=office["name"],
            defaults={"sort_order": office["sort_order"]},
        )
        ids["office"][office["id"]] = new.pk
    for kind, model in (
        ("document", get_document_model()),
        ("image", get_image_model()),
    ):
        for entry in data[f"{kind}s"]:
            obj = model(title=entry["title"])
            if kind == "image" and hasattr(obj, "description"):
                obj.description = entry.get("description", "")
            content = ContentFile(archive.read(entry["file"]))
            obj.file.save(posixpath.basename(entry["file"]), content, save=False)
            obj.save()
            if kind == "document":
                # Wagtail's public way to record the file's size and hash.
                obj.get_file_size()
                obj.get_file_hash()
            ids[kind][entry["id"]] = obj.pk

    created = _create_pages(index, data["pages"], ids)
    root_path = site.root_page.url_path
    by_path = {page.url_path: page.pk for page in created}
    for old_id, path in data["linked_pages"].items():
        new_id = by_path.get(root_path[:-1] + path)
        if new_id is None:
            target = Page.objects.filter(url_path=root_path[:-1] + path).first()
            new_id = target.pk if target else None
        ids["page"][int(old_id)] = new_id
    for page, entry in zip(created, data["pages"], strict=True):
        _fill_fields(page, entry["fields"], ids)
        revision = page.save_revision()
        if entry["live"]:
            revision.publish()
        else:
            page.unpublish()
    return created[0]


def _create_pages(index, entries, ids):
    created = []
    by_path = {}
    for entry in entries:
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


def _fill_fields(page, fields, ids, references=True):
    def remap(kind, object_id):
        if not references and kind == "page":
            return None
        return ids[kind].get(object_id)

    for name, value in fields.items():
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            value = walk(model_field.stream_block, value or [], remap)
        elif isinstance(model_field, RichTextField):
            value = _rich_text(value, remap)
        elif (
            isinstance(model_field, models.ForeignKey)
            and model_field.related_model is OitItem
        ):
            value = OitItem.objects.get(**value) if value else None
        setattr(page, name, value)
