"""Build ITA page trees and admin form data for tests."""

import datetime
import uuid

from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

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
from ita_wagtail.models.catalogue_loading import load_year
from ita_wagtail.services.roles import setup_site_roles


def measure_raw(
    text,
    *,
    offices,
    start=datetime.date(2021, 1, 1),
    end=datetime.date(2021, 3, 31),
    methods=("ขั้นตอนที่หนึ่ง",),
    measure_id=None,
):
    """The raw StreamField data of one O42 measure."""
    return {
        "type": "measure",
        "id": measure_id or str(uuid.uuid4()),
        "value": {
            "measure": text,
            "methods": [
                {"type": "item", "value": m, "id": str(uuid.uuid4())} for m in methods
            ],
            "offices": [
                {"type": "item", "value": office.pk, "id": str(uuid.uuid4())}
                for office in offices
            ],
            "period": {"start": start.isoformat(), "end": end.isoformat()},
            "notes": "",
        },
    }


def result_raw(measure_id, *, actions=("ดำเนินการแล้ว",), status="done", suggestions=""):
    """The raw StreamField data of one O43 result."""
    return {
        "type": "result",
        "id": str(uuid.uuid4()),
        "value": {
            "measure_label": "",
            "measure_id": measure_id,
            "actions": [
                {"type": "item", "value": a, "id": str(uuid.uuid4())} for a in actions
            ],
            "outcome": "",
            "suggestions": suggestions,
            "status": status,
            "evidence": [],
        },
    }


def make_lao_site(hostname, site_name=""):
    """A Wagtail Site of its own for one LAO: hostname, home page, nothing else."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=Page(title=site_name or hostname, slug=hostname.replace(".", "-"))
    )
    return Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name=site_name or hostname
    )


class ItaTree:
    """home → /ita/ → /ita/2564/ → O42 → O43, published, on one site.

    The default site unless ``site`` is given (see ``make_lao_site``).
    """

    def __init__(
        self,
        measure_count=3,
        year=2564,
        with_report=True,
        site=None,
        organisation_name="องค์การบริหารส่วนตำบลทดสอบ",
    ):
        load_year(year)
        self.items = {item.code: item for item in OitItem.objects.filter(year=year)}
        root = Page.get_first_root_node()
        self.site = site or Site.objects.get(is_default_site=True)
        self.home = self.site.root_page
        settings = ItaSiteSettings.for_site(self.site)
        settings.organisation_name = organisation_name
        settings.save()
        self.office, _ = ResponsibleOffice.objects.get_or_create(
            site=self.site, name="กองคลัง"
        )
        assert root.pk != self.home.pk
        self.index = self.home.add_child(instance=ItaIndexPage(title="ITA", slug="ita"))
        self.year_page = self.index.add_child(
            instance=ItaYearPage(title=f"ปีงบประมาณ {year}", slug=str(year), year=year)
        )
        self.measures = [
            measure_raw(f"มาตรการที่ {n}", offices=[self.office])
            for n in range(1, measure_count + 1)
        ]
        self.plan = self.year_page.add_child(
            instance=MeasureIndexPage(
                title="มาตรการส่งเสริมคุณธรรม",
                slug="o42",
                oit_item=self.items["O42"],
                analysis_intro="<p>วิเคราะห์ผลการประเมิน ITA ปีที่ผ่านมา</p>",
                measures=self.measures,
            )
        )
        self.report = None
        if with_report:
            self.report = self.plan.add_child(
                instance=MeasureResultPage(
                    title="การดำเนินการตามมาตรการ",
                    slug="o43",
                    oit_item=self.items["O43"],
                    report_date=datetime.date(2021, 3, 31),
                    results=[result_raw(m["id"]) for m in self.measures],
                )
            )

    @property
    def measure_ids(self):
        return [m["id"] for m in self.measures]

    def add_item_page(self, code, body=None, **fields):
        """Publish an ItaItemPage for the item ``code`` under the year."""
        body = (
            [{"type": "text", "value": f"<p>ข้อมูล {code}</p>"}] if body is None else body
        )
        return self.year_page.add_child(
            instance=ItaItemPage(
                title=self.items[code].title_th,
                slug=code.lower(),
                oit_item=self.items[code],
                body=body,
                **fields,
            )
        )


def list_form_data(prefix, values):
    """Admin POST data of a ListBlock."""
    data = {f"{prefix}-count": str(len(values))}
    for index, value in enumerate(values):
        data[f"{prefix}-{index}-deleted"] = ""
        data[f"{prefix}-{index}-order"] = str(index)
        data[f"{prefix}-{index}-id"] = str(uuid.uuid4())
        if isinstance(value, dict):
            for key, sub in value.items():
                data[f"{prefix}-{index}-value-{key}"] = sub
        else:
            data[f"{prefix}-{index}-value"] = value
    return data


def stream_form_data(prefix, items):
    """Admin POST data of a StreamField: items are (type, id, flat value dict)."""
    data = {f"{prefix}-count": str(len(items))}
    for index, (block_type, block_id, value) in enumerate(items):
        item_prefix = f"{prefix}-{index}"
        data[f"{item_prefix}-type"] = block_type
        data[f"{item_prefix}-id"] = block_id
        data[f"{item_prefix}-deleted"] = ""
        data[f"{item_prefix}-order"] = str(index)
        for key, sub in value.items():
            if isinstance(sub, dict) and sub.get("__list__") is not None:
                data.update(
                    list_form_data(f"{item_prefix}-value-{key}", sub["__list__"])
                )
            elif isinstance(sub, dict) and sub.get("__stream__") is not None:
                data.update(
                    stream_form_data(f"{item_prefix}-value-{key}", sub["__stream__"])
                )
            else:
                data[f"{item_prefix}-value-{key}"] = sub
    return data


def measure_form_value(
    text, office, start="2021-01-01", end="2021-03-31", methods=("ขั้นตอน",)
):
    return {
        "measure": text,
        "methods": {"__list__": list(methods)},
        "offices": {"__list__": [str(office.pk)]},
        "period-start": start,
        "period-end": end,
        "notes": "",
    }


def result_form_value(measure_id, actions=("ดำเนินการแล้ว",), status="done"):
    return {
        "measure_label": "",
        "measure_id": measure_id,
        "actions": {"__list__": list(actions)},
        "outcome": "",
        "suggestions": "",
        "status": status,
        "evidence": {"__stream__": []},
    }


def page_form_data(**fields):
    """Admin page form data with the parts every page form needs."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data({"comments": inline_formset([])})
    data.update(fields)
    return data


def member(django_user_model, username, *groups, email="", language=""):
    """A user in ``groups`` (password "pw"); ``language``: their admin's language."""
    user = django_user_model.objects.create_user(username, email=email, password="pw")
    user.groups.add(*groups)
    if language:
        speaks(user, language)
    return user


def speaks(user, language):
    """Set the language the user's admin speaks ("th", "en")."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def lao(hostname, name, office_name):
    """A LAO site with its ITA section, roles and one office of its own."""
    tree = ItaTree(site=make_lao_site(hostname, name), organisation_name=name)
    tree.roles = setup_site_roles(tree.site)
    tree.own_office = ResponsibleOffice.objects.create(site=tree.site, name=office_name)
    return tree
