"""Which LAO sites a user works on, and the permission policies that keep to them.

One instance may host thousands of LAOs. A site belongs to a user when the
user may edit the site's ITA section (its ItaIndexPage): that is what the
per-site roles of ``roles.setup_site_roles`` grant, through their
GroupPagePermission on the section. Superusers have every site. The offices
and ITA settings of the other sites are not there for the user.
"""

from django.apps import apps
from django.db.models import Exists, OuterRef
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import page_permission_policy

from .wagtail_compat import site_root_paths_of


def ita_sites_for_user(user):
    """The sites whose ITA section the user may edit.

    A site counts when the user may edit an ItaIndexPage under its root page,
    through a page permission on the section or on one of its ancestors.

    Args:
        user: a user, possibly anonymous or inactive (then: no site).

    Returns:
        A Site queryset: all sites for a superuser. It is one SQL query,
        whatever the number of sites, once Wagtail has read (and cached on the
        user) the user's page permissions.
    """
    if not (user.is_authenticated and user.is_active):
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    if editable.query.is_empty():
        return Site.objects.none()
    # By name: pages.py reaches this module through settings.py, before the
    # page classes exist (Django's way of naming a model of the same app).
    return sites_holding(editable.type(apps.get_model("ita_wagtail", "ItaIndexPage")))


def sites_holding(pages):
    """The sites whose page tree holds any of ``pages`` (a page queryset).

    One query, whatever the number of sites: the pages become an EXISTS
    subquery on each site's root path.
    """
    return Site.objects.filter(
        Exists(pages.filter(path__startswith=OuterRef("root_page__path")))
    )


def user_has_ita_site(user, site_id):
    """Whether ``site_id`` is one of ``ita_sites_for_user(user)``.

    The answer is read once per user object (one request) and kept on it, as
    Wagtail keeps a user's permissions.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    site_ids = getattr(user, "_ita_site_ids_cache", None)
    if site_ids is None:
        site_ids = set(ita_sites_for_user(user).values_list("pk", flat=True))
        user._ita_site_ids_cache = site_ids
    return site_id in site_ids


def site_ids_of(page):
    """The ids of the sites a page is on: those of its nearest site root.

    Several sites may share one root page (e.g. two hostnames); a site nested
    inside another's tree takes its own pages. Reads the process's site root
    paths (wagtail_compat.site_root_paths_of): no query, and no scan of every site.
    """
    url_path = page.url_path or ""
    roots = site_root_paths_of(url_path)
    if not roots:
        return set()
    nearest = max(len(root.root_path) for root in roots)
    return {root.site_id for root in roots if len(root.root_path) == nearest}


class ResponsibleOfficePermissionPolicy(ModelPermissionPolicy):
    """The model permissions on offices, for the offices of the user's sites only."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and user_has_ita_site(
            user, instance.site_id
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and user_has_ita_site(
            user, instance.site_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        offices = super().instances_user_has_any_permission_for(user, actions)
        return offices.filter(site__in=ita_sites_for_user(user))


class ItaSiteSettingsPermissionPolicy(SitePermissionPolicy):
    """Wagtail's per-site settings permissions, narrowed to the user's sites.

    A webmaster changes the settings of a site when the permission is granted
    for that site (a GroupSitePermission, as the roles do) or globally, and the
    site is one of theirs.
    """

    def user_has_any_permission_for_instance(self, user, actions, instance):
        site_id = instance.pk if isinstance(instance, Site) else instance.site_id
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and user_has_ita_site(user, site_id)

    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        return sites.filter(pk__in=ita_sites_for_user(user))
