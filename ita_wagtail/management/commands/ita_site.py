"""Set up an LAO's site on a shared instance: ``create`` a site, or its ``roles``."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ita_wagtail.fiscal import FiscalYear
from ita_wagtail.management.sites import site_by_hostname
from ita_wagtail.models import ItaIndexPage, ItaSiteSettings, ItaYearPage
from ita_wagtail.models.catalogue_loading import ensure_year
from ita_wagtail.services.roles import (
    groups_with_every_sites_pages,
    ita_index_of,
    setup_site_roles,
)


class Command(BaseCommand):
    help = (
        "Create an LAO's site with its home page, ITA section, settings and roles "
        "(`create --hostname … --name …`), or set up the roles and the approval "
        "workflow of an existing site (`roles --hostname …`)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create an LAO's site.")
        create.add_argument("--hostname", required=True)
        create.add_argument("--name", required=True, help="The organisation's name.")
        create.add_argument("--port", type=int, default=80)
        create.add_argument(
            "--home-page-type",
            default="wagtailcore.Page",
            help="app_label.Model of the home page (default: wagtailcore.Page).",
        )
        roles = actions.add_parser("roles", help="Set up a site's ITA roles.")
        roles.add_argument("--hostname", required=True)

    def handle(self, *args, **options):
        if options["action"] == "create":
            site = self.create_site(options)
        else:
            site = site_by_hostname(options["hostname"])
        try:
            roles = setup_site_roles(site)
        except LookupError:
            raise CommandError(
                _("The site %(host)s has no ITA section yet.") % {"host": site.hostname}
            ) from None
        for group in (roles.editors, roles.approvers, roles.webmasters):
            self.stdout.write(_("Group: %(name)s") % {"name": group.name})
        self.stdout.write(
            _("The OIT catalogue, for every site: group %(name)s")
            % {"name": roles.catalogue_managers.name}
        )
        self.stdout.write(_("Workflow: %(name)s") % {"name": roles.workflow.name})
        if ItaIndexPage.objects.count() > 1:
            self.warn_of_groups_with_every_sites_pages()

    def warn_of_groups_with_every_sites_pages(self):
        for group in groups_with_every_sites_pages():
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "Warning: the members of the group %(name)s may edit the "
                        "pages of every site on this instance, every LAO's ITA "
                        "section included (its page permissions are on the root "
                        "of the page tree). Give LAO staff their own site's ITA "
                        "groups instead."
                    )
                    % {"name": group.name}
                )
            )

    @transaction.atomic
    def create_site(self, options):
        hostname, name = options["hostname"], options["name"]
        site = Site.objects.filter(hostname=hostname, port=options["port"]).first()
        if site is None:
            try:
                home_model = apps.get_model(options["home_page_type"])
            except (LookupError, ValueError):
                raise CommandError(
                    _("Unknown page type %(type)s.")
                    % {"type": options["home_page_type"]}
                ) from None
            root = Page.get_first_root_node()
            home = root.add_child(instance=home_model(title=name, slug=_slug(hostname)))
            site = Site.objects.create(
                hostname=hostname,
                port=options["port"],
                root_page=home,
                site_name=name,
                is_default_site=not Site.objects.exists(),
            )
            self.stdout.write(_("Site %(host)s created.") % {"host": hostname})
        settings = ItaSiteSettings.for_site(site)
        if settings.organisation_name != name:
            settings.organisation_name = name
            settings.save()
        index = ita_index_of(site)
        if index is None:
            index = site.root_page.add_child(
                instance=ItaIndexPage(title=_("ITA disclosures"), slug="ita")
            )
        year = FiscalYear.current()
        ensure_year(year.be_year)  # shipped, else a provisional copy of the latest
        if not ItaYearPage.objects.child_of(index).filter(year=year.be_year).exists():
            index.add_child(
                instance=ItaYearPage(
                    title=year.label(digits="arabic"),
                    slug=str(year.be_year),
                    year=year.be_year,
                    live=False,
                )
            )
        return site


def _slug(hostname):
    return hostname.replace(".", "-")[:255]
