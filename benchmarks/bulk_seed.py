"""Seed thousands of LAO sites: one through the admin's API, the rest cloned in bulk.

``benchmarks/seed.py`` creates an LAO the way the admin does (pages added to
the tree, each published through a revision, ``setup_site_roles``), which
takes seconds a site: hours for Thailand's 7,850 LAOs. This module seeds one
**template** site that way, then clones it N − 1 times with the rows the admin
would have created for each, written with ``bulk_create`` in batches, each
batch in a transaction:

* the pages (``wagtailcore_page`` and each page's specific row), with their
  treebeard materialised paths (``path``, ``depth``, ``numchild``) and
  ``url_path`` computed, a new ``translation_key``, the O43's link to its O42,
  and the O42's measures pointing at the clone's own offices;
* a live revision per page (the template's revision content, with the clone's
  ids, paths and names), the pages' ``live_revision``/``latest_revision``;
* the page log (create, publish), the reference index, the search index
  (through the search backend, as a page save does);
* the Site, its ITA settings and offices;
* the roles ``setup_site_roles`` makes: three groups named after the site
  with their permissions, page permissions on the clone's ITA section,
  collection permissions on the site's own evidence collection (a treebeard
  node too), the webmaster's site permission, the ITA workflow on the section.

``tests/test_benchmarks.py`` checks on a few sites that each clone has as many
rows of every table as the template, that the tree has no problems, that the
clones serve the same pages with the same queries, and that each site's
editors see only their own section.

    python -m benchmarks.bulk_seed --sites 7850 [--measures 50] [--repeat 30]

seeds the sites on a throw-away database (PostgreSQL with ``DATABASE_URL``;
``ITA_BENCH_DATABASE`` names it), then measures the first site's public
answer sheet, its webmaster's answer sheet and dashboard, and its uncached
O43 (interleaved, median wall and CPU time, queries), the database's size,
the page cache's size per site, and the time to seed. Results go to
``benchmarks/results/sites-<N>/scale-<database>.json`` and ``.md``.
"""

import argparse
import gc
import json
import os
import statistics
import time
import uuid
from pathlib import Path

from benchmarks.environment import (
    benchmark_database,
    collect_static,
    configure,
    describe_machine,
    remove_work_dir,
)
from benchmarks.render import query_count, timed_get


RESULTS_DIR = Path(__file__).resolve().parent / "results"
#: Sites cloned per transaction.
BATCH_SITES = 50
#: Rows per INSERT.
BATCH_ROWS = 1000


def _literal(value):
    """``value`` as an expression: Django then inserts the batch as VALUES lists.

    Without one, Django on PostgreSQL sends each column as an array (UNNEST),
    and escaping the revisions' and StreamFields' JSON into array literals
    costs more than the insert itself.
    """
    from django.db.models import Value

    return Value(value)


def _fields(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _copy(obj, **changes):
    """A new, unsaved row of ``obj``'s model with ``obj``'s values and ``changes``."""
    values = {f.attname: getattr(obj, f.attname) for f in _fields(type(obj))}
    values.update(changes)
    return type(obj)(**values)


class Template:
    """The template site's rows, read once."""

    def __init__(self, site):
        from django.contrib.auth.models import Group
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import (
            Collection,
            GroupCollectionPermission,
            GroupPagePermission,
            GroupSitePermission,
            Page,
            PageLogEntry,
            ReferenceIndex,
            Revision,
            WorkflowPage,
        )

        from ita_wagtail.models import ItaSiteSettings, ResponsibleOffice
        from ita_wagtail.services.roles import site_label

        self.site = site
        self.label = site_label(site)
        home = site.root_page
        self.home = home
        self.pages = list(
            Page.objects.descendant_of(home, inclusive=True).order_by("path")
        )
        self.specific = {page.pk: page.specific for page in self.pages}
        page_ids = [page.pk for page in self.pages]
        self.revisions = {
            revision.pk: revision
            for revision in Revision.objects.filter(
                base_content_type=_page_content_type(),
                object_id__in=[str(pk) for pk in page_ids],
            )
        }
        for page in self.pages:
            assert page.live_revision_id == page.latest_revision_id, page
            assert page.live_revision_id in self.revisions, page
        self.logs = list(PageLogEntry.objects.filter(page_id__in=page_ids))
        self.settings = ItaSiteSettings.objects.get(site=site)
        self.offices = list(ResponsibleOffice.objects.filter(site=site))
        # The pages' references (to their item, O42, offices), the offices' (to
        # their site).
        self.references = list(
            ReferenceIndex.objects.filter(
                base_content_type=_page_content_type(),
                object_id__in=[str(pk) for pk in page_ids],
            )
        ) + list(
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(ResponsibleOffice),
                object_id__in=[str(office.pk) for office in self.offices],
            )
        )
        self.groups = list(Group.objects.filter(name__endswith=f" – {self.label}"))
        group_ids = [group.pk for group in self.groups]
        self.group_permissions = list(
            Group.permissions.through.objects.filter(group_id__in=group_ids)
        )
        self.page_permissions = list(
            GroupPagePermission.objects.filter(group_id__in=group_ids)
        )
        self.collection = Collection.objects.get(name=f"ITA – {self.label}")
        self.collection_permissions = list(
            GroupCollectionPermission.objects.filter(group_id__in=group_ids)
        )
        self.site_permissions = list(GroupSitePermission.objects.filter(site=site))
        self.workflow_pages = list(WorkflowPage.objects.filter(page_id__in=page_ids))


def _page_content_type():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page)


def _replace_prefix(value, old, new):
    assert value.startswith(old), (value, old)
    return new + value[len(old) :]


def _remap_offices(raw, offices):
    """O42's measures with each office replaced by the clone's same office."""
    from django.core.serializers.json import DjangoJSONEncoder

    measures = json.loads(raw) if isinstance(raw, str) else raw
    measures = json.loads(json.dumps(list(measures), cls=DjangoJSONEncoder))
    for block in measures:
        for item in block["value"].get("offices") or ():
            item["value"] = offices[item["value"]]
    return measures


class Clone:
    """One clone's names and the maps from the template's ids to its own."""

    def __init__(self, template, number):
        from benchmarks.seed import HOSTNAME

        organisation = template.settings.organisation_name.rsplit(" (", 1)[0]
        self.number = number
        self.name = f"{organisation} ({number})"
        self.hostname = HOSTNAME.format(number=number)
        self.slug = f"lao-{number}"
        self.pages = {}  # template page id → new Page
        self.revisions = {}  # template revision id → new Revision
        self.offices = {}  # template office id → new id
        self.groups = {}
        self.site = None
        self.collection = None


def clone_sites(template, numbers, batch_sites=BATCH_SITES, progress=None):
    """Clone the template once for each number, ``batch_sites`` per transaction."""
    numbers = list(numbers)
    for start in range(0, len(numbers), batch_sites):
        _clone_batch(template, numbers[start : start + batch_sites])
        if progress:
            progress(start + len(numbers[start : start + batch_sites]))


def _clone_batch(template, numbers):
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.db.models import CharField, F, OuterRef, Subquery
    from django.db.models.functions import Cast
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        GroupSitePermission,
        Page,
        PageLogEntry,
        ReferenceIndex,
        Revision,
        Site,
        WorkflowPage,
    )

    from ita_wagtail.models import ItaSiteSettings, ResponsibleOffice

    clones = [Clone(template, number) for number in numbers]
    with transaction.atomic():
        # Tree positions: after the root's last children (pages and collections).
        root = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()
        page_step = _last_step(root)
        collection_step = _last_step(root_collection)

        # Sites, settings, offices (the offices' ids go into O42's measures).
        homes = {}
        pages = []
        for offset, clone in enumerate(clones, start=1):
            home_path = Page._get_path(root.path, root.depth + 1, page_step + offset)
            for page in template.pages:
                changes = {
                    "path": _replace_prefix(page.path, template.home.path, home_path),
                    "url_path": _replace_prefix(
                        page.url_path, template.home.url_path, f"/{clone.slug}/"
                    ),
                    "translation_key": uuid.uuid4(),
                    "live_revision_id": None,
                    "latest_revision_id": None,
                }
                if page.pk == template.home.pk:
                    changes.update(
                        slug=clone.slug, title=clone.name, draft_title=clone.name
                    )
                new = _copy(page, **changes)
                clone.pages[page.pk] = new
                pages.append(new)
            homes[clone.number] = clone.pages[template.home.pk]
        Page.objects.bulk_create(pages, batch_size=BATCH_ROWS)

        sites = []
        for clone in clones:
            clone.site = Site(
                hostname=clone.hostname,
                port=template.site.port,
                root_page_id=homes[clone.number].pk,
                site_name=clone.name,
                is_default_site=False,
            )
            sites.append(clone.site)
        Site.objects.bulk_create(sites, batch_size=BATCH_ROWS)
        ItaSiteSettings.objects.bulk_create(
            [
                _copy(
                    template.settings,
                    site_id=clone.site.pk,
                    organisation_name=clone.name,
                )
                for clone in clones
            ],
            batch_size=BATCH_ROWS,
        )
        offices = []
        for clone in clones:
            for office in template.offices:
                new = _copy(office, site_id=clone.site.pk)
                offices.append((clone, office.pk, new))
        ResponsibleOffice.objects.bulk_create(
            [new for _, _, new in offices], batch_size=BATCH_ROWS
        )
        for clone, old, new in offices:
            clone.offices[old] = new.pk

        # Each page's specific row (the page types are direct Page subclasses).
        by_model = {}
        for clone in clones:
            for page in template.pages:
                specific = template.specific[page.pk]
                model = type(specific)
                values = {
                    f.attname: getattr(specific, f.attname)
                    for f in model._meta.local_concrete_fields
                }
                new_page = clone.pages[page.pk]
                values["page_ptr_id"] = _literal(new_page.pk)
                for field in model._meta.local_concrete_fields:
                    target = getattr(field, "related_model", None)
                    if (
                        not field.primary_key
                        and target is not None
                        and issubclass(target, Page)
                    ):
                        old = values[field.attname]
                        values[field.attname] = old and clone.pages[old].pk
                if hasattr(specific, "measures") and model.__name__ == (
                    "MeasureIndexPage"
                ):
                    values["measures"] = _remap_offices(
                        specific.measures.raw_data, clone.offices
                    )
                row = model.__new__(model)
                row.__dict__.update(new_page.__dict__)
                for name, value in values.items():
                    setattr(row, name, value)
                by_model.setdefault(model, []).append(row)
        for model, rows in by_model.items():
            fields = list(model._meta.local_concrete_fields)
            for start in range(0, len(rows), BATCH_ROWS):
                model._base_manager._insert(rows[start : start + BATCH_ROWS], fields)

        # Revisions: the template's content with the clone's ids and names.
        revisions = []
        for clone in clones:
            for page in template.pages:
                old = template.revisions[page.live_revision_id]
                new_page = clone.pages[page.pk]
                content = dict(old.content)
                content.update(
                    pk=new_page.pk,
                    path=new_page.path,
                    url_path=new_page.url_path,
                    slug=new_page.slug,
                    title=new_page.title,
                    draft_title=new_page.draft_title,
                    translation_key=str(new_page.translation_key),
                )
                if content.get("measures_page"):
                    content["measures_page"] = clone.pages[content["measures_page"]].pk
                if type(template.specific[page.pk]).__name__ == "MeasureIndexPage":
                    content["measures"] = json.dumps(
                        _remap_offices(content["measures"], clone.offices)
                    )
                new = _copy(
                    old,
                    object_id=_literal(str(new_page.pk)),
                    object_str=new_page.title,
                    content=content,
                )
                clone.revisions[old.pk] = new
                revisions.append(new)
        Revision.objects.bulk_create(revisions, batch_size=BATCH_ROWS)
        for clone in clones:
            for page in template.pages:
                new_page = clone.pages[page.pk]
                revision = clone.revisions[page.live_revision_id]
                new_page.live_revision_id = new_page.latest_revision_id = revision.pk
        # Each page's one revision is its live and latest revision.
        revision_of_page = Revision.objects.filter(
            base_content_type_id=_page_content_type().pk,
            object_id=Cast(OuterRef("pk"), CharField()),
        ).values("pk")[:1]
        Page.objects.filter(pk__in=[page.pk for page in pages]).update(
            live_revision_id=Subquery(revision_of_page),
            latest_revision_id=Subquery(revision_of_page),
        )

        # The page log, the reference index and the search index.
        logs = []
        references = []
        for clone in clones:
            for entry in template.logs:
                new_page = clone.pages[entry.page_id]
                revision = clone.revisions.get(entry.revision_id)
                logs.append(
                    _copy(
                        entry,
                        page_id=new_page.pk,
                        revision_id=revision and revision.pk,
                        label=new_page.title
                        if entry.page_id == template.home.pk
                        else entry.label,
                    )
                )
            ids = {
                Page: {str(old): str(new.pk) for old, new in clone.pages.items()},
                ResponsibleOffice: {
                    str(old): str(new) for old, new in clone.offices.items()
                },
                Site: {str(template.site.pk): str(clone.site.pk)},
            }
            for reference in template.references:
                from_model = _mapped_model(reference.base_content_type)
                to_model = _mapped_model(reference.to_content_type)
                to_object_id = reference.to_object_id
                if to_model in ids:
                    to_object_id = ids[to_model][to_object_id]
                references.append(
                    _copy(
                        reference,
                        object_id=ids[from_model][reference.object_id],
                        to_object_id=to_object_id,
                    )
                )
        PageLogEntry.objects.bulk_create(logs, batch_size=BATCH_ROWS)
        ReferenceIndex.objects.bulk_create(references, batch_size=BATCH_ROWS)
        _index_for_search(template, clones, offices)

        # Roles: groups, their permissions, the site's evidence collection.
        collections = []
        for offset, clone in enumerate(clones, start=1):
            clone.collection = _copy(
                template.collection,
                name=template.collection.name.replace(template.label, clone.name),
                path=Collection._get_path(
                    root_collection.path,
                    root_collection.depth + 1,
                    collection_step + offset,
                ),
                numchild=0,
            )
            collections.append(clone.collection)
        Collection.objects.bulk_create(collections, batch_size=BATCH_ROWS)
        groups = []
        for clone in clones:
            for group in template.groups:
                new = Group(name=group.name.replace(template.label, clone.name))
                clone.groups[group.pk] = new
                groups.append(new)
        Group.objects.bulk_create(groups, batch_size=BATCH_ROWS)
        through = Group.permissions.through
        rows = {
            through: [],
            GroupPagePermission: [],
            GroupCollectionPermission: [],
            GroupSitePermission: [],
            WorkflowPage: [],
        }
        for clone in clones:
            for row in template.group_permissions:
                rows[through].append(
                    through(
                        group_id=clone.groups[row.group_id].pk,
                        permission_id=row.permission_id,
                    )
                )
            for row in template.page_permissions:
                rows[GroupPagePermission].append(
                    _copy(
                        row,
                        group_id=clone.groups[row.group_id].pk,
                        page_id=clone.pages[row.page_id].pk,
                    )
                )
            for row in template.collection_permissions:
                rows[GroupCollectionPermission].append(
                    _copy(
                        row,
                        group_id=clone.groups[row.group_id].pk,
                        collection_id=clone.collection.pk,
                    )
                )
            for row in template.site_permissions:
                rows[GroupSitePermission].append(
                    _copy(
                        row,
                        group_id=clone.groups[row.group_id].pk,
                        site_id=clone.site.pk,
                    )
                )
            for row in template.workflow_pages:
                rows[WorkflowPage].append(
                    WorkflowPage(
                        page_id=clone.pages[row.page_id].pk,
                        workflow_id=row.workflow_id,
                    )
                )
        for model, new_rows in rows.items():
            model.objects.bulk_create(new_rows, batch_size=BATCH_ROWS)

        Page.objects.filter(pk=root.pk).update(numchild=F("numchild") + len(clones))
        Collection.objects.filter(pk=root_collection.pk).update(
            numchild=F("numchild") + len(clones)
        )
    # Saving a Site empties Wagtail's cache of the sites' root paths; bulk_create
    # does not.
    Site.clear_site_root_paths_cache()
    return clones


def _index_for_search(template, clones, offices):
    """The clones' search index entries, as saving each page and office makes them.

    On PostgreSQL the template's entries are copied with the clones' ids (the
    same text: only the home page's title differs, and it is indexed through
    the backend); elsewhere every page and office goes through the backend.
    """
    from django.apps import apps
    from django.db import connection
    from wagtail.search.backends import get_search_backends

    from ita_wagtail.models import ResponsibleOffice

    copy = connection.vendor == "postgresql"
    by_model = {}
    for clone in clones:
        for page in template.pages:
            if copy and page.pk != template.home.pk:
                continue
            specific = template.specific[page.pk]
            by_model.setdefault(type(specific), []).append(
                _specific_instance(specific, clone)
            )
    if not copy:
        by_model[ResponsibleOffice] = [new for _, _, new in offices]
    for backend in get_search_backends(with_auto_update=True):
        for model, rows in by_model.items():
            for start in range(0, len(rows), BATCH_ROWS):
                backend.add_bulk(model, rows[start : start + BATCH_ROWS])
    if not copy:
        return
    entry = apps.get_model("wagtailsearch", "IndexEntry")
    columns = [
        f.column
        for f in entry._meta.concrete_fields
        if not f.primary_key and f.name != "object_id"
    ]
    template_ids = {
        str(page.pk): page for page in template.pages if page.pk != template.home.pk
    }
    office_ids = {str(office.pk): office for office in template.offices}
    template_entries = [
        (pk, object_id, model)
        for pk, object_id, model in entry.objects.filter(
            object_id__in=[*template_ids, *office_ids]
        ).values_list("pk", "object_id", "content_type__model")
        if (object_id in template_ids and model != "responsibleoffice")
        or (object_id in office_ids and model == "responsibleoffice")
    ]
    rows = []
    for clone in clones:
        for pk, object_id, model in template_entries:
            if model == "responsibleoffice":
                new_id = clone.offices[int(object_id)]
            else:
                new_id = clone.pages[int(object_id)].pk
            rows.append((str(new_id), pk))
    table = connection.ops.quote_name(entry._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    object_id = connection.ops.quote_name(entry._meta.get_field("object_id").column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({object_id}, {names}) "  # noqa: S608 (names from the model)
            f"SELECT %s, {names} FROM {table} WHERE id = %s",
            rows,
        )


def _mapped_model(content_type):
    """Pages are mapped by their base model, whatever their specific type."""
    from wagtail.models import Page

    model = content_type.model_class()
    return Page if issubclass(model, Page) else model


def _specific_instance(specific, clone):
    """The clone's page as its specific model, in memory (for the search index)."""
    new_page = clone.pages[specific.pk]
    row = type(specific).__new__(type(specific))
    row.__dict__.update(specific.__dict__)
    for field in new_page._meta.concrete_fields:
        row.__dict__[field.attname] = getattr(new_page, field.attname)
    row.__dict__["page_ptr_id"] = new_page.pk
    return row


def _last_step(node):
    """The step number of ``node``'s last child (0 when it has none)."""
    last = node.get_last_child()
    if last is None:
        return 0
    return type(node)._str2int(last.path[-node.steplen :])


def seed_sites(count, measure_count, batch_sites=BATCH_SITES, progress=None):
    """Site 1 through the admin's API, sites 2…count cloned from it.

    Returns the template's SeededSite and the time each part took.
    """
    from benchmarks.seed import DEMO_DATA, seed_lao_site
    from ita_wagtail.models.catalogue_loading import load_year

    data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    started = time.perf_counter()
    load_year(2564)
    template_site = seed_lao_site(1, measure_count, data)
    api_seconds = time.perf_counter() - started
    started = time.perf_counter()
    if count > 1:
        clone_sites(
            Template(template_site.site),
            range(2, count + 1),
            batch_sites=batch_sites,
            progress=progress,
        )
    clone_seconds = time.perf_counter() - started
    return template_site, {
        "template_seconds": round(api_seconds, 1),
        "clone_seconds": round(clone_seconds, 1),
    }


# Measurements -----------------------------------------------------------------


def site_targets(seeded):
    """The pages measured on one site: name → (client, path)."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from benchmarks.seed import ANSWER_SHEET, ITA_PAGES
    from ita_wagtail.services.roles import setup_site_roles

    user = get_user_model().objects.create_user(f"webmaster-{seeded.hostname}")
    user.groups.add(setup_site_roles(seeded.site).webmasters)
    webmaster = Client()
    webmaster.force_login(user)
    citizen = Client()
    return {
        # A query string bypasses the page cache: every page here is rendered.
        "answer sheet": (citizen, ANSWER_SHEET + "?nocache=1"),
        "admin answer sheet": (
            webmaster,
            reverse("ita_wagtail_answer_sheet", args=[seeded.pages["year"].pk]),
        ),
        "dashboard": (webmaster, reverse("wagtailadmin_home")),
        "o43 uncached": (citizen, ITA_PAGES["o43"] + "?nocache=1"),
    }


def measure_site(seeded, repeat):
    """Median wall and CPU time and queries of each target, interleaved."""
    targets = site_targets(seeded)
    for client, path in targets.values():  # warm per-process caches
        timed_get(client, path, seeded.hostname)
    wall = {name: [] for name in targets}
    cpu = {name: [] for name in targets}
    gc.collect()
    for _ in range(repeat):
        for name, (client, path) in targets.items():
            elapsed, _, cpu_time = timed_get(client, path, seeded.hostname)
            wall[name].append(elapsed)
            cpu[name].append(cpu_time)
    return [
        {
            "page": name,
            "median_ms": round(statistics.median(wall[name]) * 1000, 2),
            "cpu_median_ms": round(statistics.median(cpu[name]) * 1000, 2),
            "queries": query_count(client, path, seeded.hostname),
        }
        for name, (client, path) in targets.items()
    ]


def database_bytes():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return Path(connection.settings_dict["NAME"]).stat().st_size


def page_cache_bytes_per_site(hostnames):
    """Cache every public ITA page of these sites once; the cache's size per site."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from wagtail.models import Page, Site

    from benchmarks.seed import ANSWER_SHEET
    from ita_wagtail.models import ItaIndexPage

    cache.clear()
    client = Client()
    pages = 0
    for hostname in hostnames:
        site = Site.objects.get(hostname=hostname)
        index = ItaIndexPage.objects.descendant_of(site.root_page).get()
        paths = [ANSWER_SHEET] + [
            page.get_url(current_site=site)
            for page in Page.objects.descendant_of(index, inclusive=True).live()
        ]
        for path in paths:
            response = client.get(path, HTTP_HOST=hostname, secure=True)
            assert response.status_code == 200, (hostname, path)
        pages = len(paths)
    if not settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        return None, pages
    location = Path(settings.CACHES["default"]["LOCATION"])
    total = sum(f.stat().st_size for f in location.rglob("*") if f.is_file())
    return round(total / len(hostnames)), pages


def markdown(report):
    setup = report["setup"]
    load = report["load_average"]
    lines = [
        f"{setup['sites']:,} LAO sites ({setup['measures']} measures each): site 1 "
        f"through the admin's API, the rest cloned in bulk "
        f"(`benchmarks/bulk_seed.py`), {report['machine']['database']}, "
        f"{setup['repeat']} interleaved rounds. Load average before "
        f"{load['before']}, after {load['after']}.",
        "",
        "| Page (site 1) | Median ms | CPU median ms | Queries |",
        "| --- | ---: | ---: | ---: |",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['page']} | {row['median_ms']} | {row['cpu_median_ms']} "
            f"| {row['queries']} |"
        )
    seeding = report["seeding"]
    lines += [
        "",
        f"Seeding: template site {seeding['template_seconds']} s, "
        f"{setup['sites'] - 1:,} clones {seeding['clone_seconds']} s. "
        f"Database {report['database_bytes'] / 1e6:,.1f} MB "
        f"({report['database_bytes_per_site'] / 1e3:,.1f} kB a site). "
        f"Page cache {report['page_cache_bytes_per_site'] / 1e3:,.1f} kB a site "
        f"for its {report['cached_pages_per_site']} public ITA pages "
        f"(measured on {report['page_cache_sites']} sites).",
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=1)
    parser.add_argument("--measures", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--batch-sites", type=int, default=BATCH_SITES)
    parser.add_argument("--cache-sites", type=int, default=10)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()

    configure()
    collect_static()
    from django.db import connection

    output = args.output or RESULTS_DIR / f"sites-{args.sites}"
    with benchmark_database():

        def progress(done):
            print(f"  cloned {done:,} of {args.sites - 1:,}", flush=True)

        template, seeding = seed_sites(
            args.sites, args.measures, args.batch_sites, progress
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        database = database_bytes()
        machine = describe_machine()
        before = machine["load_average"]
        pages = measure_site(template, args.repeat)
        after = [round(load, 2) for load in os.getloadavg()]
        from wagtail.models import Site

        hostnames = list(
            Site.objects.filter(hostname__endswith=".bench.example.go.th")
            .order_by("pk")
            .values_list("hostname", flat=True)[: args.cache_sites]
        )
        cache_bytes, cached_pages = page_cache_bytes_per_site(hostnames)
    report = {
        "setup": {
            "sites": args.sites,
            "measures": args.measures,
            "repeat": args.repeat,
            "batch_sites": args.batch_sites,
        },
        "machine": machine,
        "load_average": {"before": before, "after": after},
        "seeding": seeding,
        "pages": pages,
        "database_bytes": database,
        "database_bytes_per_site": round(database / args.sites),
        "page_cache_bytes_per_site": cache_bytes,
        "cached_pages_per_site": cached_pages,
        "page_cache_sites": len(hostnames),
    }
    database_name = machine["database"].split()[0]
    output.mkdir(parents=True, exist_ok=True)
    stem = output / f"scale-{database_name}"
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    stem.with_suffix(".md").write_text(markdown(report))
    print(markdown(report))
    remove_work_dir()


if __name__ == "__main__":
    main()
