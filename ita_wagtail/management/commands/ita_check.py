"""Print the findings of a fiscal year's ITA section; exit non-zero on errors.

For a site's cron or CI: ``manage.py ita_check --year 2564 --site www.example.go.th``.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ita_wagtail.fiscal import FiscalYear
from ita_wagtail.management.sites import add_site_argument, site_by_hostname
from ita_wagtail.models import ItaYearPage


class Command(BaseCommand):
    help = "Check the ITA section of a fiscal year against the assessors' rules."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="Fiscal year (B.E.); default: the current one."
        )
        add_site_argument(
            parser, required=False, help="Hostname of the site; default: every site."
        )

    def handle(self, *args, **options):
        year = options["year"] or FiscalYear.current().be_year
        year_pages = ItaYearPage.objects.filter(year=year).order_by("path")
        if options["site"]:
            site = site_by_hostname(options["site"])
            year_pages = year_pages.descendant_of(site.root_page)
        year_pages = list(year_pages)
        if not year_pages:
            raise CommandError(
                _("No ITA section has a page for fiscal year %(year)s.")
                % {"year": year}
            )
        errors = 0
        for year_page in year_pages:
            report = year_page.get_year_report()
            site = year_page.get_site()
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    _("%(host)s %(url)s — %(ready)s/%(total)s ready")
                    % {
                        "host": site.hostname if site else "?",
                        "url": year_page.url,
                        "ready": report.ready_count,
                        "total": report.total,
                    }
                )
            )
            for entry in report.all_entries:
                label = entry.item.code if entry.item else entry.page.title
                if entry.page is None:
                    errors += 1
                    self.stdout.write(
                        self.style.ERROR(
                            f"  ERROR   {label}  item.missing  "
                            + _("No page answers this item yet.")
                        )
                    )
                for finding in entry.findings:
                    errors += finding.is_error
                    style = self.style.ERROR if finding.is_error else self.style.WARNING
                    self.stdout.write(
                        style(
                            f"  {finding.severity.upper():7} {label}  {finding.code}  "
                            f"{finding.message}"
                        )
                    )
        self.stdout.write(
            ngettext("%(count)s error.", "%(count)s errors.", errors)
            % {"count": errors}
        )
        if errors:
            raise SystemExit(1)
