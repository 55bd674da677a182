"""Load the demo: อบต.ทุ่งกว่าว, fiscal year 2564, with O42 and O43 from the seed report.

Beside it, the site's current ITA year (2569, or the provisional 2570 once
fiscal year 2570 has begun: computed from today's date), with its catalogue
and no page: the อบต. has published nothing of it that we know, so the demo
invents nothing, and the year page, the dashboard and ``ita_check`` show
what is missing.

Idempotent: each object is found by a natural key and only changed, with a
new revision, when its content differs from the data file.
"""

import datetime
import json
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from example_site.demo.models import HomePage, StandardPage
from ita_wagtail.fiscal import FiscalYear, parse_period
from ita_wagtail.models import (
    ItaIndexPage,
    ItaItemPage,
    ItaSiteSettings,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    OitItem,
    ResponsibleOffice,
)
from ita_wagtail.models.catalogue_loading import ensure_year, is_provisional, load_year
from ita_wagtail.services.roles import setup_site_roles


DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "tungkwao-2564.json"
# Block ids are derived from this namespace so that reloading gives the same ids.
ID_NAMESPACE = uuid.UUID("5b7c1d3e-2a4f-4e8b-9c61-0d2f3a4b5c6d")


def stable_id(*parts):
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


def list_items(values, *id_parts):
    return [
        {"type": "item", "value": value, "id": stable_id(*id_parts, index)}
        for index, value in enumerate(values)
    ]


class Command(BaseCommand):
    help = "Load the อบต.ทุ่งกว่าว FY2564 demo (O42 and O43 from the seed report)."

    def add_arguments(self, parser):
        parser.add_argument("--admin-user", default="", help="Create this superuser.")
        parser.add_argument("--admin-password", default="", help="Its password.")
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="The host name the demo is served on (as `make demo`'s HOST), "
            "which the answer sheet and the API put in full URLs.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="The port the demo is served on (as `make demo`'s PORT).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The date whose fiscal year is the current ITA year (YYYY-MM-DD; "
            "default: today).",
        )
        parser.add_argument(
            "--editor-user", default="", help="Create this ITA editor (Thai admin)."
        )
        parser.add_argument("--editor-password", default="", help="Its password.")
        parser.add_argument(
            "--approver-user", default="", help="Create this ITA approver (Thai admin)."
        )
        parser.add_argument("--approver-password", default="", help="Its password.")

    @transaction.atomic
    def handle(self, *args, **options):
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self.changes = 0
        if options["admin_user"]:
            self.ensure_admin(options["admin_user"], options["admin_password"])
        year = data["year"]["year"]
        catalogue = load_year(year)
        self.changes += catalogue.created + catalogue.updated
        items = {item.code: item for item in OitItem.objects.filter(year=year)}
        home = self.ensure_home(data["home"])
        site = self.ensure_site(home, data["site"], options["host"], options["port"])
        self.ensure_settings(site, data["organisation"])
        offices = self.ensure_offices(site, data["offices"])
        news = data["news_index"]
        news_page = self.ensure_page(
            home, StandardPage, news["slug"], title=news["title"], body=news["body"]
        )
        index = self.ensure_page(
            home,
            ItaIndexPage,
            data["ita_index"]["slug"],
            title=data["ita_index"]["title"],
        )
        year_page = self.ensure_page(
            index, ItaYearPage, str(year), title=data["year"]["title"], year=year
        )
        plan = data["o42"]
        measure_ids = [
            stable_id(year, "measure", n) for n in range(len(plan["measures"]))
        ]
        plan_page = self.ensure_page(
            year_page,
            MeasureIndexPage,
            plan["item_code"].lower(),
            title=plan["title"],
            oit_item=items[plan["item_code"]],
            analysis_intro=f"<p>{plan['analysis_intro']}</p>",
            measures=[
                self.measure_block(measure_id, measure, offices)
                for measure_id, measure in zip(
                    measure_ids, plan["measures"], strict=True
                )
            ],
        )
        report = data["o43"]
        self.ensure_page(
            plan_page,
            MeasureResultPage,
            report["item_code"].lower(),
            title=report["title"],
            oit_item=items[report["item_code"]],
            reporting_round=report["reporting_round"],
            report_date=report["report_date"],
            intro=f"<p>{report['intro']}</p>",
            results=[
                self.result_block(measure_id, number, measure, result)
                for number, (measure_id, measure, result) in enumerate(
                    zip(measure_ids, plan["measures"], report["results"], strict=True),
                    start=1,
                )
            ],
        )
        roles = setup_site_roles(site)
        for role, group in [("editor", roles.editors), ("approver", roles.approvers)]:
            if options[f"{role}_user"]:
                self.ensure_member(
                    options[f"{role}_user"], options[f"{role}_password"], group
                )
        for item_page in data["item_pages"]:
            item = items[item_page["code"]]
            self.ensure_page(
                year_page,
                ItaItemPage,
                item.code.lower(),
                title=item.title_th,
                oit_item=item,
                body=[
                    self.body_block(item.code, index, block, news_page)
                    for index, block in enumerate(item_page["body"])
                ],
            )
        current = self.ensure_current_year(index, options["today"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {self.changes} change(s). "
                f"ITA section at {index.url}, O43 at {plan_page.url}"
                f"{report['item_code'].lower()}/"
            )
        )
        self.stdout.write(
            f"Fiscal year {current.year}"
            + (" (provisional list)" if is_provisional(current.year) else "")
            + f" at {current.url}: its items await their pages "
            f"(ita_check --year {current.year})."
        )

    def ensure_current_year(self, index, today=None):
        """The current fiscal year's page, with its catalogue and no content.

        The catalogue ships (2569) or starts as a provisional copy of the
        latest year (2570 before the NACC publishes its list).
        """
        fiscal_year = FiscalYear.current(today)
        self.changes += ensure_year(fiscal_year.be_year)
        return self.ensure_page(
            index,
            ItaYearPage,
            str(fiscal_year.be_year),
            title=self.thai_label(fiscal_year),
            year=fiscal_year.be_year,
        )

    @staticmethod
    def thai_label(fiscal_year):
        with translation.override("th"):
            return fiscal_year.label(digits="thai")

    def ensure_admin(self, username, password):
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(
                username, f"{username}@example.com", password
            )
            self.changes += 1

    def ensure_member(self, username, password, group):
        """A user of one ITA role, with the admin in Thai (the demo's roles)."""
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            user = get_user_model().objects.create_user(
                username, f"{username}@example.com", password
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "th"
            profile.save()
            self.changes += 1
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            self.changes += 1

    def ensure_home(self, home_data):
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).first()
        if home is None:
            home = root.add_child(
                instance=HomePage(
                    title=home_data["title"], slug="tungkwao", body=home_data["body"]
                )
            )
            self.changes += 1
        return home

    def ensure_site(self, home, site_data, host, port):
        """The default Site shows the demo, at the address it is served on.

        Full URLs (the answer sheet's, the API's) are made from the Site's
        host name and port, so they must be the ones the browser uses. Only
        the default Site changes: other Sites of the instance keep their own.
        """
        site = Site.objects.filter(is_default_site=True).first()
        taken = Site.objects.filter(hostname=host, port=port)
        if site is not None:
            taken = taken.exclude(pk=site.pk)
        if taken.exists():
            raise CommandError(
                _(
                    "Another site already uses %(address)s; give the demo another "
                    "address with --host and --port."
                )
                % {"address": f"{host}:{port}"}
            )
        if site is None:
            site = Site(hostname=host, port=port, is_default_site=True)
        old_root = site.root_page if site.pk else None
        wanted = (home.pk, site_data["site_name"], host, port)
        if (site.root_page_id, site.site_name, site.hostname, site.port) != wanted:
            site.root_page = home
            site.site_name = site_data["site_name"]
            site.hostname, site.port = host, port
            site.save()
            self.changes += 1
        # Wagtail's own "Welcome" page is replaced by the LAO's home page.
        if (
            old_root is not None
            and old_root.pk != home.pk
            and type(old_root.specific) is Page
            and not old_root.get_children().exists()
        ):
            old_root.delete()
        return site

    def ensure_settings(self, site, organisation):
        settings = ItaSiteSettings.for_site(site)
        wanted = {
            "organisation_name": organisation["name"],
            "organisation_type": organisation["type"],
            "digits": organisation["digits"],
        }
        if any(getattr(settings, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(settings, name, value)
            settings.save()
            self.changes += 1

    def ensure_offices(self, site, names):
        offices = {}
        for sort_order, name in enumerate(names):
            office, created = ResponsibleOffice.objects.get_or_create(
                site=site, name=name, defaults={"sort_order": sort_order}
            )
            self.changes += created
            offices[name] = office
        return offices

    def measure_block(self, measure_id, measure, offices):
        period = parse_period(measure["period"])
        return {
            "type": "measure",
            "id": measure_id,
            "value": {
                "measure": measure["measure"],
                "methods": list_items(measure["methods"], measure_id, "methods"),
                "offices": list_items(
                    [offices[name].pk for name in measure["offices"]],
                    measure_id,
                    "offices",
                ),
                "period": {
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                },
                "notes": "",
            },
        }

    def result_block(self, measure_id, number, measure, result):
        return {
            "type": "result",
            "id": stable_id(measure_id, "result"),
            "value": {
                "measure_label": f"{number}. {' '.join(measure['measure'].split())}",
                "measure_id": measure_id,
                "actions": list_items(result["actions"], measure_id, "actions"),
                "outcome": result["outcome"],
                "suggestions": result["suggestions"],
                "status": result["status"],
                "evidence": [],
            },
        }

    def body_block(self, code, index, block, news_page):
        """An ItaItemPage body block from the data file, with a stable id."""
        block_id = stable_id(code, "body", index)
        if block["type"] == "table":
            return {
                "type": "table",
                "id": block_id,
                "value": {
                    "caption": block["caption"],
                    "columns": [
                        {"type": "long_text", "heading": heading}
                        for heading in block["columns"]
                    ],
                    "rows": [{"values": list(row)} for row in block["rows"]],
                },
            }
        if block["type"] == "page_link":
            value = {
                "page": news_page.pk,
                "title": block["title"],
                "description": block["description"],
            }
            return {"type": "page_link", "id": block_id, "value": value}
        return {"type": block["type"], "id": block_id, "value": block["value"]}

    def ensure_page(self, parent, page_class, slug, **fields):
        """Find the child page by slug; publish a revision if its content differs."""
        page = page_class.objects.child_of(parent).filter(slug=slug).first()
        creating = page is None
        if creating:
            page = page_class(slug=slug)
        before = None if creating else self.content_of(page, fields)
        for name, value in fields.items():
            setattr(page, name, value)
        if creating:
            parent.add_child(instance=page)
        elif self.content_of(page, fields) == before and page.live:
            return page
        page.save_revision().publish()
        self.changes += 1
        return page

    @staticmethod
    def content_of(page, fields):
        """The fields' values as stored in the database, to compare content."""
        values = {}
        for name in fields:
            field = page._meta.get_field(name)
            values[name] = field.get_prep_value(getattr(page, field.attname))
        return values
