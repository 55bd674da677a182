"""Seed LAO sites, each with a full ITA section, from the demo's real report text.

Each site gets its own hostname, home page, ITA settings and offices, then
/ita/ → /ita/2564/ → O42 (N measures) → O43 (a result for each). The seven
measures of อบต.ทุ่งกว่าว's report are repeated to reach N, so the text is
as long and as Thai as a real one.
"""

import html
import json
import re
import uuid
from dataclasses import dataclass, field
from itertools import cycle, islice
from pathlib import Path

from wagtail.models import Page, Site

from example_site.demo.models import HomePage
from ita_wagtail.fiscal import parse_period
from ita_wagtail.models import (
    ItaIndexPage,
    ItaSiteSettings,
    ItaYearPage,
    MeasureIndexPage,
    MeasureResultPage,
    OitItem,
    ResponsibleOffice,
)
from ita_wagtail.models.catalogue_loading import load_year
from ita_wagtail.services.roles import setup_site_roles


DEMO_DATA = (
    Path(__file__).resolve().parent.parent
    / "example_site"
    / "demo"
    / "data"
    / "tungkwao-2564.json"
)
HOSTNAME = "lao-{number}.bench.example.go.th"
#: The public ITAS answer sheet of the seeded year.
ANSWER_SHEET = "/ita/2564/answers/"
ITA_PAGES = {
    "index": "/ita/",
    "year": "/ita/2564/",
    "o42": "/ita/2564/o42/",
    "o43": "/ita/2564/o42/o43/",
}


@dataclass
class SeededSite:
    site: Site
    hostname: str
    #: The ITA pages by kind ("index", "year", "o42", "o43").
    pages: dict = field(default_factory=dict)
    #: Per kind, the path of a plain page at the same URL depth (so routing
    #: costs the same) carrying the same text.
    plain_pages: dict = field(default_factory=dict)


def items(values):
    return [
        {"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values
    ]


def measure_blocks(data, offices, count):
    measures = []
    for measure in islice(cycle(data["o42"]["measures"]), count):
        period = parse_period(measure["period"])
        measures.append(
            {
                "type": "measure",
                "id": str(uuid.uuid4()),
                "value": {
                    "measure": measure["measure"],
                    "methods": items(measure["methods"]),
                    "offices": items([offices[name].pk for name in measure["offices"]]),
                    "period": {
                        "start": period.start.isoformat(),
                        "end": period.end.isoformat(),
                    },
                    "notes": "",
                },
            }
        )
    return measures


def result_blocks(data, measures):
    results = []
    for measure, result in zip(measures, cycle(data["o43"]["results"]), strict=False):
        results.append(
            {
                "type": "result",
                "id": str(uuid.uuid4()),
                "value": {
                    "measure_label": "",
                    "measure_id": measure["id"],
                    "actions": items(result["actions"]),
                    "outcome": result.get("outcome", ""),
                    "suggestions": result.get("suggestions", ""),
                    "status": result.get("status", "done"),
                    "evidence": [],
                },
            }
        )
    return results


def seed_lao_site(number, measure_count, data):
    """One LAO: its Site, home, settings, offices and ITA section."""
    name = f"{data['organisation']['name']} ({number})"
    hostname = HOSTNAME.format(number=number)
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title=name, slug=f"lao-{number}", body=data["home"]["body"])
    )
    site = Site.objects.create(
        hostname=hostname, port=443, root_page=home, site_name=name
    )
    ita_settings = ItaSiteSettings.for_site(site)
    ita_settings.organisation_name = name
    ita_settings.organisation_type = data["organisation"]["type"]
    ita_settings.save()
    offices = {
        office_name: ResponsibleOffice.objects.create(
            site=site, name=office_name, sort_order=order
        )
        for order, office_name in enumerate(data["offices"])
    }
    index = home.add_child(
        instance=ItaIndexPage(title=data["ita_index"]["title"], slug="ita")
    )
    year_page = index.add_child(
        instance=ItaYearPage(title=data["year"]["title"], slug="2564", year=2564)
    )
    measures = measure_blocks(data, offices, measure_count)
    plan = year_page.add_child(
        instance=MeasureIndexPage(
            title=data["o42"]["title"],
            slug="o42",
            oit_item=OitItem.objects.get(year=2564, code="O42"),
            analysis_intro=f"<p>{data['o42']['analysis_intro']}</p>",
            measures=measures,
        )
    )
    report = plan.add_child(
        instance=MeasureResultPage(
            title=data["o43"]["title"],
            slug="o43",
            oit_item=OitItem.objects.get(year=2564, code="O43"),
            reporting_round=data["o43"]["reporting_round"],
            report_date=data["o43"]["report_date"],
            intro=f"<p>{data['o43']['intro']}</p>",
            results=result_blocks(data, measures),
        )
    )
    setup_site_roles(site)  # groups and permissions, as `ita_site create` makes
    pages = {"index": index, "year": year_page, "o42": plan, "o43": report}
    return SeededSite(site=site, hostname=hostname, pages=pages)


def visible_text(page_html):
    """The lines of text a reader sees in the page's <main>."""
    main = re.search(r"<main[^>]*>(.*)</main>", page_html, re.S)
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", main.group(1), flags=re.S)
    text = re.sub(r"<[^>]+>", "\n", text)
    return [
        " ".join(line.split())
        for line in html.unescape(text).splitlines()
        if line.strip()
    ]


def add_plain_pages(seeded, client):
    """A plain page for each ITA page, carrying the same text at the same depth.

    The plain pages mirror the ITA section under /plain/ (/plain/2564/o42/o43/
    for O43), so routing costs the same. Each is the demo's HomePage type: a
    title and a rich-text body, rendered with the same base template.
    """
    parent = seeded.site.root_page.specific
    parent_path = "/"
    for kind, path in ITA_PAGES.items():
        response = client.get(path, HTTP_HOST=seeded.hostname, secure=True)
        assert response.status_code == 200, (path, response.status_code)
        title, *lines = visible_text(response.content.decode())
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        slug = "plain" if kind == "index" else seeded.pages[kind].slug
        parent = parent.add_child(instance=HomePage(title=title, slug=slug, body=body))
        parent_path = f"{parent_path}{slug}/"
        seeded.plain_pages[kind] = parent_path


def seed_lao_sites(count, measure_count, client):
    """Seed ``count`` LAO sites with ``measure_count`` measures each."""
    data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    load_year(2564)
    seeded = [seed_lao_site(n, measure_count, data) for n in range(1, count + 1)]
    for lao in seeded:
        add_plain_pages(lao, client)
    return seeded
