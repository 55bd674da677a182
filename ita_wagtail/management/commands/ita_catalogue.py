"""The OIT catalogue: load a shipped year, or start a year from another."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ita_wagtail.models import OitItem
from ita_wagtail.models.catalogue_loading import (
    DATA_DIR,
    confirm_year,
    copy_year,
    load_year,
    shipped_years,
)


class Command(BaseCommand):
    help = (
        "Load the shipped OIT items of a year (`load 2564`), start a year nobody "
        "has published yet as a provisional copy of another (`copy 2569 2570`), "
        "confirm it once checked (`confirm 2570`), or list the years (`years`)."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("load", help="Load shipped years (idempotent).")
        load.add_argument("years", nargs="*", type=int)
        load.add_argument("--all", action="store_true", help="Every shipped year.")
        copy = actions.add_parser("copy", help="Start a year from another year.")
        copy.add_argument("source", type=int)
        copy.add_argument("target", type=int)
        confirm = actions.add_parser(
            "confirm", help="Mark a provisional year's items as checked."
        )
        confirm.add_argument("year", type=int)
        actions.add_parser("years", help="List shipped and loaded years.")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "load":
            years = shipped_years() if options["all"] else options["years"]
            if options["all"] and not years:
                raise CommandError(
                    _(
                        "No item list ships with this installation: %(path)s holds "
                        "no <year>.json file. The package was built without its "
                        "catalogue data; reinstall ita-wagtail from a complete wheel."
                    )
                    % {"path": DATA_DIR}
                )
            if not years:
                raise CommandError(_("Give one or more years, or --all."))
            for year in years:
                try:
                    result = load_year(year)
                except LookupError:
                    raise CommandError(
                        _(
                            "No item list ships for %(year)s. Shipped years: "
                            "%(years)s. Use `copy` to start it from another year."
                        )
                        % {"year": year, "years": ", ".join(map(str, shipped_years()))}
                    ) from None
                self.stdout.write(
                    _(
                        "%(year)s: %(created)s created, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % {
                        "year": year,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    }
                )
        elif action == "copy":
            try:
                result = copy_year(options["source"], options["target"])
            except LookupError:
                raise CommandError(
                    _("The catalogue has no items for %(year)s.")
                    % {"year": options["source"]}
                ) from None
            self.stdout.write(
                _(
                    "%(target)s: %(created)s items copied from %(source)s, "
                    "%(unchanged)s already there. Correct them in the admin "
                    "(Settings → OIT catalogue)."
                )
                % {
                    "target": options["target"],
                    "source": options["source"],
                    "created": result.created,
                    "unchanged": result.unchanged,
                }
            )
            if result.created:
                self.stdout.write(
                    _(
                        "The list of %(year)s is provisional until it is "
                        "confirmed: `ita_catalogue confirm %(year)s`."
                    )
                    % {"year": options["target"]}
                )
        elif action == "confirm":
            year = options["year"]
            if not OitItem.objects.filter(year=year).exists():
                raise CommandError(
                    _("The catalogue has no items for %(year)s.") % {"year": year}
                )
            count = confirm_year(year)
            self.stdout.write(
                _("%(year)s: %(count)s provisional items confirmed.")
                % {"year": year, "count": count}
            )
        else:
            loaded = sorted(set(OitItem.objects.values_list("year", flat=True)))
            provisional = set(
                OitItem.objects.filter(provisional=True).values_list("year", flat=True)
            )
            loaded = [
                _("%(year)s (provisional)") % {"year": year}
                if year in provisional
                else str(year)
                for year in loaded
            ]
            self.stdout.write(
                _("Shipped: %(years)s")
                % {"years": ", ".join(map(str, shipped_years()))}
            )
            self.stdout.write(
                _("Loaded: %(years)s") % {"years": ", ".join(map(str, loaded)) or "-"}
            )
