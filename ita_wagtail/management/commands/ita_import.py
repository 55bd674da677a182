"""Import an O42/O43 table from a file into a page, as a draft revision.

manage.py ita_import measures.docx --page 42 --mode replace
manage.py ita_import report.csv --page 43 --mapping "1=measure,5=actions,6=suggestions"
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from ...services.importers import read_table
from ...services.importers.columns import FIELDS_BY_NAME
from ...services.importers.errors import TableImportError
from ...services.importers.plans import (
    APPEND,
    MODES,
    REPLACE,
    apply_plan,
    build_plan,
    page_kind,
)
from ...services.importers.rows import parse_mapping_text


class Command(BaseCommand):
    help = (
        "Import the table of a Word, Excel, CSV or JSON file into an O42 or O43 page, "
        "saved as a draft revision (never published)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .docx, .xlsx, .csv or .json file.")
        parser.add_argument("--page", type=int, required=True, help="The page's id.")
        parser.add_argument(
            "--mode",
            choices=MODES,
            help="What to do with the page's current content (required if it has any).",
        )
        parser.add_argument(
            "--mapping",
            default="",
            help=(
                "Columns to read, 1-based, overriding the detected ones, e.g. "
                "'1=measure,2=methods,3=ignore'. Fields: "
                + ", ".join(FIELDS_BY_NAME)
                + "."
            ),
        )
        parser.add_argument("--user", default="", help="Username to record as author.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show how the file is read; save nothing.",
        )

    def handle(self, *args, **options):
        page = Page.objects.filter(pk=options["page"]).first()
        page = page.specific if page else None
        if page is None or page_kind(page) is None:
            raise CommandError(f"No O42 or O43 page has the id {options['page']}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user is named {options['user']!r}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            with path.open("rb") as file:
                table = read_table(file, path.name)
            mapping = dict(table.mapping)
            if options["mapping"]:
                for index in list(mapping):
                    mapping[index] = ""
                mapping.update(parse_mapping_text(options["mapping"]))
            plan = build_plan(page, table, mapping)
        except TableImportError as error:
            raise CommandError(str(error)) from error
        self.describe(plan)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing saved.")
            return
        if not plan.included_rows:
            raise CommandError("No row of the file can be imported.")
        mode = options["mode"]
        if plan.has_content and mode is None:
            raise CommandError(
                f"The page already has content: choose --mode {REPLACE} or {APPEND}."
            )
        revision = apply_plan(plan, mode or REPLACE, user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(plan.included_rows)} row(s) into “{page.title}” as "
                f"draft revision {revision.pk}; it is not published."
            )
        )

    def describe(self, plan):
        header = plan.table.header
        for index, name in sorted(plan.mapping.items()):
            heading = header[index] if index < len(header) else ""
            label = FIELDS_BY_NAME[name].label if name else "—"
            self.stdout.write(f"column {index + 1} “{heading}”: {label}")
        for row in plan.rows:
            mark = "+" if row.included else "-"
            match = ""
            if plan.kind == "report":
                match = f" → {row.match.label[:40]}" if row.match else " → (no measure)"
            self.stdout.write(
                f"{mark} {row.row.location}: {row.row.measure[:60]}{match}"
            )
            for problem in row.row.problems:
                self.stdout.write(self.style.WARNING(f"    {problem}"))
        for name in plan.new_office_names:
            self.stdout.write(f"new office: {name}")
