"""Export a site's fiscal year to one file, or restore it into a fresh site."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ita_wagtail.management.sites import add_site_argument, site_by_hostname
from ita_wagtail.services.archive import ArchiveError, export_year, import_year


class Command(BaseCommand):
    help = (
        "`export --site HOST --year 2564 [--output FILE]` writes the year's pages, "
        "documents and images to one zip file; `import FILE --site HOST` restores "
        "it into a site that does not have that year yet."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export")
        add_site_argument(export)
        export.add_argument("--year", required=True, type=int)
        export.add_argument("--output", help="Default: ita-<host>-<year>.zip")
        restore = actions.add_parser("import")
        restore.add_argument("file")
        add_site_argument(restore)
        restore.add_argument(
            "--update-catalogue",
            action="store_true",
            help=(
                "Add the archive's OIT items this instance lacks and update those "
                "it has (the catalogue is shared by every site). Without it the "
                "catalogue is never changed."
            ),
        )

    def handle(self, *args, **options):
        site = site_by_hostname(options["site"])
        notes = []
        try:
            if options["action"] == "export":
                output = (
                    options["output"] or f"ita-{site.hostname}-{options['year']}.zip"
                )
                data = export_year(site, options["year"], output, notes=notes)
                self.stdout.write(
                    _("%(count)s pages written to %(file)s.")
                    % {"count": len(data["pages"]), "file": output}
                )
            else:
                year_page = import_year(
                    site,
                    options["file"],
                    update_catalogue=options["update_catalogue"],
                    notes=notes,
                )
                self.stdout.write(
                    _("Fiscal year %(year)s restored at %(url)s.")
                    % {"year": year_page.year, "url": year_page.url}
                )
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        for note in notes:
            self.stderr.write(note)
