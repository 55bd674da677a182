"""Run inside a `wagtail start` project with the ita-wagtail wheel installed.

tests/test_wheel.py copies this file into the project and runs it with the
project's own Python (``python drive_site.py``), after the README's
installation steps, ``migrate`` and ``ita_catalogue load --all``. It imports
nothing from the checkout: only the installed wheel, Wagtail and Django.

As a webmaster would, through the admin's own forms (Django's test client
posting Wagtail's add-page forms): the ITA settings, a responsible office, an
ITA section, fiscal year 2564, O42 with a measure and O43 with its result,
each published. Then, as a citizen: the public pages, the answer sheet and the
open-data exports. Prints one JSON line (what it saw) and exits non-zero on
the first thing that is wrong.
"""

import csv
import io
import json
import os
import sys
import uuid
import zipfile


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")
sys.path.insert(0, os.getcwd())

import django


django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from wagtail.models import Site  # noqa: E402
from wagtail.test.utils.form_data import (  # noqa: E402
    inline_formset,
    nested_form_data,
    rich_text,
)

import ita_wagtail  # noqa: E402
from ita_wagtail.models import (  # noqa: E402
    ItaIndexPage,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    OitItem,
    ResponsibleOffice,
)


MEASURE = "มาตรการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน"
ACTION = "ปรับปรุงหน้าเว็บไซต์ ITA ทุกไตรมาส"
ORGANISATION = "องค์การบริหารส่วนตำบลทดสอบการติดตั้ง"


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")


def page_form(**fields):
    data = nested_form_data({"comments": inline_formset([])})
    data.update(fields)
    data["action-publish"] = "action-publish"
    return data


def stream(prefix, items):
    """A StreamField's POST data; items are (type, id, {name: value or list})."""
    data = {f"{prefix}-count": str(len(items))}
    for index, (block_type, block_id, value) in enumerate(items):
        item = f"{prefix}-{index}"
        data.update(
            {
                f"{item}-type": block_type,
                f"{item}-id": block_id,
                f"{item}-deleted": "",
                f"{item}-order": str(index),
            }
        )
        for key, sub in value.items():
            name = f"{item}-value-{key}"
            if isinstance(sub, list):  # a ListBlock
                data[f"{name}-count"] = str(len(sub))
                for n, entry in enumerate(sub):
                    data[f"{name}-{n}-deleted"] = ""
                    data[f"{name}-{n}-order"] = str(n)
                    data[f"{name}-{n}-id"] = str(uuid.uuid4())
                    data[f"{name}-{n}-value"] = entry
            elif isinstance(sub, tuple):  # a nested StreamBlock, empty here
                data[f"{name}-count"] = "0"
            else:
                data[name] = sub
    return data


def post(client, url, data, what):
    response = client.post(url, data)
    if response.status_code != 302:
        errors = ""
        context = getattr(response, "context", None)
        if context and context.get("form") is not None:
            errors = context["form"].errors.as_json()
        raise SystemExit(f"FAILED: {what}: {response.status_code} {errors}")
    return response


def add_page(client, model, parent, data, what):
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    post(client, url, page_form(**data), what)
    return model.objects.get(depth=parent.depth + 1, path__startswith=parent.path)


def get(client, url, content_type=None):
    response = client.get(url)
    check(response.status_code == 200, f"GET {url}: {response.status_code}")
    if content_type:
        check(
            response["Content-Type"].startswith(content_type),
            f"GET {url}: {response['Content-Type']}",
        )
    return response


def main():
    setup_test_environment()
    seen = {"ita_wagtail": ita_wagtail.__version__, "django": django.get_version()}
    check(
        OitItem.objects.filter(year=2564, code="O43").exists(),
        "ita_catalogue load --all loaded no 2564 catalogue",
    )
    # The years LAOs are assessed in now, with their rules (issue 14), from
    # the installed wheel's catalogue_data/.
    for year in (2568, 2569):
        check(
            OitItem.objects.filter(year=year).count() == 26,
            f"ita_catalogue load --all loaded no {year} catalogue of 26 items",
        )
    o26 = OitItem.objects.get(year=2569, code="O26")
    check(
        (o26.page_type, o26.covers, o26.plan_rule)
        == ("measure_results", "previous_year", "measures_page"),
        f"2569's O26 is not a report on the previous fiscal year's measures: "
        f"{o26.page_type}, {o26.covers}, {o26.plan_rule}",
    )
    for path in ("ita_wagtail/css/ita.css", "ita_wagtail/js/ita.js"):
        check(finders.find(path), f"static file {path} is not in the package")

    user = get_user_model().objects.create_superuser(
        "webmaster", "webmaster@example.com", "install-test-password"
    )
    client = Client()
    # The admin's Thai (ita_wagtail.admin_th, first in INSTALLED_APPS) replaces
    # Wagtail's odd Thai on the login page.
    login = get(client, reverse("wagtailadmin_login")).content.decode()
    check("ลงชื่อเข้าใช้" in login, "the admin's login page is not in Thai")
    check("ลงชื่อเข้าใช้ในWagtail" not in login, "Wagtail's odd Thai on the login page")
    client.force_login(user)
    site = Site.objects.get(is_default_site=True)
    home = site.root_page

    # Settings → ITA settings, and a responsible office, as the README says.
    post(
        client,
        reverse(
            "wagtailsettings:edit", args=["ita_wagtail", "itasitesettings", site.pk]
        ),
        {
            "organisation_name": ORGANISATION,
            "organisation_type": "sao",
            "digits": "thai",
        },
        "ITA settings",
    )
    post(
        client,
        reverse("wagtailsnippets_ita_wagtail_responsibleoffice:add"),
        {"site": site.pk, "name": "กองคลัง", "sort_order": "0"},
        "responsible office",
    )
    office = ResponsibleOffice.objects.get(site=site, name="กองคลัง")

    index = add_page(
        client,
        ItaIndexPage,
        home,
        {"title": "ITA", "slug": "ita", "intro": rich_text("")},
        "ITA section",
    )
    year = add_page(
        client,
        ItaYearPage,
        index,
        {"title": "ปีงบประมาณ 2564", "slug": "2564", "year": "2564"}
        | {"intro": rich_text("")},
        "fiscal year 2564",
    )
    items = {item.code: item for item in OitItem.objects.filter(year=2564)}
    measure_id = str(uuid.uuid4())
    plan = add_page(
        client,
        MeasureIndexPage,
        year,
        {
            "title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            "slug": "o42",
            "oit_item": str(items["O42"].pk),
            "answer_note": "",
            "analysis_intro": rich_text("<p>วิเคราะห์ผลการประเมิน ITA ปี 2563</p>"),
            **stream("analysis", []),
            **stream(
                "measures",
                [
                    (
                        "measure",
                        measure_id,
                        {
                            "measure": MEASURE,
                            "methods": ["ประชุมคณะทำงาน"],
                            "offices": [str(office.pk)],
                            "period-start": "2021-01-01",
                            "period-end": "2021-03-31",
                            "notes": "",
                        },
                    )
                ],
            ),
        },
        "O42",
    )
    check(plan.live, "O42 was not published")
    report = add_page(
        client,
        MeasureResultPage,
        plan,
        {
            "title": "การดำเนินการตามมาตรการ",
            "slug": "o43",
            "oit_item": str(items["O43"].pk),
            "answer_note": "",
            "reporting_round": "six_month",
            "report_date": "2021-03-31",
            "intro": rich_text(""),
            **stream(
                "results",
                [
                    (
                        "result",
                        str(uuid.uuid4()),
                        {
                            "measure_label": "",
                            "measure_id": measure_id,
                            "actions": [ACTION],
                            "outcome": "",
                            "suggestions": "",
                            "status": "done",
                            "evidence": (),
                        },
                    )
                ],
            ),
        },
        "O43",
    )
    check(report.live, "O43 was not published")

    # The public side, logged out.
    public = Client()
    pages = {}
    for url in ("/ita/", "/ita/2564/", "/ita/2564/o42/", "/ita/2564/o42/o43/"):
        html = get(public, url, "text/html").content.decode()
        check('lang="th"' in html, f"{url} is not marked as Thai (lang)")
        check(ORGANISATION in html, f"{url} does not show the organisation")
        pages[url] = len(html)
    o42 = get(public, "/ita/2564/o42/").content.decode()
    check(MEASURE in o42, "O42 does not show its measure")
    o43 = get(public, "/ita/2564/o42/o43/").content.decode()
    check(MEASURE in o43 and ACTION in o43, "O43 does not show measure and result")
    check("/static/ita_wagtail/css/ita.css" in o43, "O43 links no ITA stylesheet")
    # The Thai catalogue (locale/th) ships: a translated heading shows.
    check("ผู้รับผิดชอบ" in o42, "O42 shows no Thai column heading (locale?)")
    check(f"/ita-data/{plan.pk}.csv" in o42, "O42 has no download links (urls?)")

    answers = get(public, "/ita/2564/answers/", "text/html").content.decode()
    check("O42" in answers and "O43" in answers, "the answer sheet lacks O42/O43")
    rows = list(
        csv.reader(
            io.StringIO(
                get(public, "/ita/2564/answers/csv/", "text/csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    check(any(row[0] == "O43" and row[2] == "มี" for row in rows), "answer CSV: O43")
    xlsx = get(public, "/ita/2564/answers/xlsx/").content
    check(zipfile.is_zipfile(io.BytesIO(xlsx)), "the answer sheet XLSX is no XLSX")

    exports = {}
    for page in (plan, report):
        text = get(public, f"/ita-data/{page.pk}.csv", "text/csv").content
        check(MEASURE in text.decode("utf-8-sig"), f"CSV of {page.slug}")
        data = json.loads(
            get(public, f"/ita-data/{page.pk}.json", "application/json").content
        )
        check(MEASURE in json.dumps(data, ensure_ascii=False), f"JSON of {page.slug}")
        xlsx = get(public, f"/ita-data/{page.pk}.xlsx").content
        check(zipfile.is_zipfile(io.BytesIO(xlsx)), f"XLSX of {page.slug}")
        exports[page.slug] = ["csv", "json", "xlsx"]

    seen.update(
        pages=sorted(pages),
        exports=exports,
        answer_rows=len(rows),
        language=settings.LANGUAGE_CODE,
    )
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main()
