"""The site a command works on, named by its hostname (``--site HOST``)."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site


def add_site_argument(parser, *, required=True, help="Hostname of the site."):
    """Add ``--site HOST`` to an argparse parser."""
    parser.add_argument("--site", required=required, help=help)


def site_by_hostname(hostname):
    """The site with this hostname; a CommandError when there is none."""
    site = Site.objects.filter(hostname=hostname).first()
    if site is None:
        raise CommandError(_("No site has the hostname %(host)s.") % {"host": hostname})
    return site
