"""The three roles of a site's ITA section, and the approval workflow between them.

- ITA editor: edits drafts in the site's ITA section and submits them.
- Approver (ปลัด / นายก): approves someone else's submission, which publishes it.
- Webmaster: the site's ITA settings and offices; sees the OIT catalogue.

Nobody publishes alone: no role holds Wagtail's ``publish_page``, so every
change goes live through the ITA approval workflow, and the approval task
(``ItaApprovalTask``) lets an approver approve only what someone else
submitted and saved last. Superusers are the instance's operators: Wagtail
lets them publish directly (they hold every permission), outside the
workflow.

One more group serves the whole instance: the catalogue managers, who change
the OIT catalogue every LAO's year pages follow (an LAO's webmaster must not
change the other LAOs' lists of items).

Groups and the collection for evidence files are named after the site, so one
instance can host many LAOs and each gets its own. The approval workflow and
its one task (``ItaApprovalTask``) are shared by every LAO: the task lets only
the page's own LAO's approvers approve, and one task for a thousand LAOs keeps
Wagtail's dashboard from asking a thousand tasks about every user.
The groups' page permissions on the site's ITA section also decide whose
offices and settings a user sees (``site_access.ita_sites_for_user``).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ..domain.roles import COLLECTION_PREFIX, GROUP_NAMES, TASK_NAME, WORKFLOW_NAME
from ..models import ItaApprovalTask, ItaIndexPage


EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
#: Approvers publish by approving in the workflow, never with Wagtail's
#: ``publish_page`` (which would let them publish without approval).
APPROVER_PAGE_PERMISSIONS = ["add_page", "change_page"]
WEBMASTER_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
COLLECTION_PERMISSIONS = {
    "editor": ["add_document", "choose_document", "add_image", "choose_image"],
    "approver": ["choose_document", "choose_image"],
    "webmaster": [
        "add_document",
        "change_document",
        "choose_document",
        "add_image",
        "change_image",
        "choose_image",
    ],
}
MODEL_PERMISSIONS = {
    "editor": [
        "wagtailadmin.access_admin",
        "ita_wagtail.add_responsibleoffice",
        "ita_wagtail.change_responsibleoffice",
        "ita_wagtail.view_responsibleoffice",
    ],
    "approver": ["wagtailadmin.access_admin", "ita_wagtail.view_responsibleoffice"],
    "webmaster": [
        "wagtailadmin.access_admin",
        "ita_wagtail.view_oititem",
        "ita_wagtail.add_responsibleoffice",
        "ita_wagtail.change_responsibleoffice",
        "ita_wagtail.delete_responsibleoffice",
        "ita_wagtail.view_responsibleoffice",
    ],
}
#: The instance-wide catalogue managers' permissions. Earlier versions gave
#: the changing ones to every site's webmasters: setup_site_roles takes them back.
CATALOGUE_CHANGES = [
    "ita_wagtail.add_oititem",
    "ita_wagtail.change_oititem",
    "ita_wagtail.delete_oititem",
]
CATALOGUE_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *CATALOGUE_CHANGES,
    "ita_wagtail.view_oititem",
]
#: Permissions granted for the group's own site only (Wagtail's
#: GroupSitePermission), not for every site of the instance.
SITE_PERMISSIONS = {
    "editor": [],
    "approver": [],
    "webmaster": ["ita_wagtail.change_itasitesettings"],
}


@dataclass
class SiteRoles:
    editors: Group
    approvers: Group
    webmasters: Group
    #: One group for the whole instance, not only this site.
    catalogue_managers: Group
    workflow: Workflow
    collection: Collection


def _permissions(names):
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return found


def _page_permission(codename):
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


def _collection_permission(codename):
    app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def site_label(site):
    return site.site_name or site.hostname


def ita_index_of(site):
    """The ITA section of a site: its first ItaIndexPage."""
    return ItaIndexPage.objects.descendant_of(site.root_page, inclusive=True).first()


@transaction.atomic
def setup_site_roles(site):
    """Create or update the ITA roles, workflow and collection of a site.

    Running it again changes nothing. Raises LookupError when the site has no
    ITA section yet.
    """
    ita_index = ita_index_of(site)
    if ita_index is None:
        raise LookupError(site)
    label = site_label(site)
    root_collection = Collection.get_first_root_node()
    name = f"{COLLECTION_PREFIX}{label}"
    collection = root_collection.get_children().filter(name=name).first()
    if collection is None:
        collection = root_collection.add_child(name=name)

    groups = {}
    for role, page_permissions in [
        ("editor", EDITOR_PAGE_PERMISSIONS),
        ("approver", APPROVER_PAGE_PERMISSIONS),
        ("webmaster", WEBMASTER_PAGE_PERMISSIONS),
    ]:
        group, _created = Group.objects.get_or_create(
            name=f"{GROUP_NAMES[role]} – {label}"
        )
        group.permissions.add(*_permissions(MODEL_PERMISSIONS[role]))
        for permission in _permissions(SITE_PERMISSIONS[role]):
            # Earlier versions granted these for every site: take that back.
            group.permissions.remove(permission)
            GroupSitePermission.objects.get_or_create(
                group=group, site=site, permission=permission
            )
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=ita_index, permission=_page_permission(codename)
            )
        # Earlier versions let approvers and webmasters publish alone: take it back.
        GroupPagePermission.objects.filter(
            group=group, permission=_page_permission("publish_page")
        ).delete()
        for codename in COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=_collection_permission(codename),
            )
        groups[role] = group
    groups["webmaster"].permissions.remove(*_permissions(CATALOGUE_CHANGES))

    _retire_site_workflow(label)
    workflow = approval_workflow()
    WorkflowPage.objects.update_or_create(
        page=ita_index, defaults={"workflow": workflow}
    )
    return SiteRoles(
        editors=groups["editor"],
        approvers=groups["approver"],
        webmasters=groups["webmaster"],
        catalogue_managers=catalogue_managers(),
        workflow=workflow,
        collection=collection,
    )


def groups_with_every_sites_pages():
    """Groups with members whose page permissions are on the tree's root.

    Wagtail's own *Editors* and *Moderators* are, from its first migration:
    on an instance of several LAOs, their members may edit every LAO's pages.
    LAO staff belong in their site's ITA groups instead.
    """
    return (
        Group.objects.filter(page_permissions__page__depth=1, user__isnull=False)
        .distinct()
        .order_by("name")
    )


def catalogue_managers():
    """The instance's one group of OIT catalogue managers (created once).

    Nobody is in it at first: the instance's operator adds the staff who
    keep the catalogue (Settings → Groups). Superusers may change it anyway.
    """
    group, _created = Group.objects.get_or_create(name=GROUP_NAMES["catalogue"])
    group.permissions.add(*_permissions(CATALOGUE_PERMISSIONS))
    return group


def approval_workflow():
    """The ITA approval workflow every LAO's section follows (created once)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = ItaApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ItaApprovalTask.objects.create(name=TASK_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


def _retire_site_workflow(label):
    """Deactivate a per-site workflow and task made by earlier development versions.

    Pages keep their drafts; a submission still waiting in the old workflow
    is cancelled, and its editor submits it again.
    """
    for task in GroupApprovalTask.objects.filter(
        name=f"{TASK_NAME} – {label}", active=True
    ):
        task.deactivate()
    for workflow in Workflow.objects.filter(
        name=f"{WORKFLOW_NAME} – {label}", active=True
    ):
        workflow.deactivate()
