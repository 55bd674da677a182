"""Seed LAO sites, each with a full ITA section, from the demo's real report text.

Each site gets its own hostname, home page, ITA settings and offices, then
/ita/ → /ita/2564/ → O42 (N measures) → O43 (a result for each), and a page
for every other item of the year's catalogue (O1–O41), so the year page links
all its items as a finished site's does. The seven measures of
อบต.ทุ่งกว่าว's report are repeated to reach N, so the text is as long and
as Thai as a real one. Every page is published through a revision
(``save_revision().publish()``), as the admin publishes.

Beside them, ``add_plain_pages`` adds a plain page carrying the same text as
each ITA page, and ``add_peer_pages`` the pages a webmaster would build
without this app for the same table and the same index (benchmarks/peers).
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
from ita_wagtail.domain.catalogue import PageType
from ita_wagtail.fiscal import digit_writer, parse_period
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
from ita_wagtail.services.year_report import build_year_report
from ita_wagtail.templatetags.ita_tags import thai_period


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
    #: Per peer ("list-o43", "flat-o43", "table-o43", "links-year"), the path
    #: of a page built without this app for the same content, at the same depth.
    peer_pages: dict = field(default_factory=dict)


def publish(parent, page):
    """Add ``page`` under ``parent`` and publish it through a revision."""
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


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


def seed_lao_site(number, measure_count, data, item_pages=True):
    """One LAO: its Site, home, settings, offices and ITA section."""
    name = f"{data['organisation']['name']} ({number})"
    hostname = HOSTNAME.format(number=number)
    home = publish(
        Page.get_first_root_node(),
        HomePage(title=name, slug=f"lao-{number}", body=data["home"]["body"]),
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
    index = publish(home, ItaIndexPage(title=data["ita_index"]["title"], slug="ita"))
    year_page = publish(
        index, ItaYearPage(title=data["year"]["title"], slug="2564", year=2564)
    )
    measures = measure_blocks(data, offices, measure_count)
    plan = publish(
        year_page,
        MeasureIndexPage(
            title=data["o42"]["title"],
            slug="o42",
            oit_item=OitItem.objects.get(year=2564, code="O42"),
            analysis_intro=f"<p>{data['o42']['analysis_intro']}</p>",
            measures=measures,
        ),
    )
    report = publish(
        plan,
        MeasureResultPage(
            title=data["o43"]["title"],
            slug="o43",
            oit_item=OitItem.objects.get(year=2564, code="O43"),
            reporting_round=data["o43"]["reporting_round"],
            report_date=data["o43"]["report_date"],
            intro=f"<p>{data['o43']['intro']}</p>",
            results=result_blocks(data, measures),
        ),
    )
    if item_pages:
        for item in OitItem.objects.filter(year=2564, page_type=PageType.ITEM):
            publish(
                year_page,
                ItaItemPage(
                    title=item.title_th,
                    slug=item.code.lower(),
                    oit_item=item,
                    body=[{"type": "text", "value": f"<p>{item.title_th}</p>"}],
                ),
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
        parent = publish(parent, HomePage(title=title, slug=slug, body=body))
        parent_path = f"{parent_path}{slug}/"
        seeded.plain_pages[kind] = parent_path


def peer_rows(report, digits):
    """O43's table as plain values in the site's digits, for the peers."""
    swap = digit_writer(digits)
    rows = []
    for row in report.get_measure_table(digits).rows:
        measure, result = row.measure, row.result or {}
        rows.append(
            {
                "number": swap(row.number),
                "measure": swap(measure.get("measure") or ""),
                "notes": swap(measure.get("notes") or ""),
                "methods": [swap(step) for step in measure.get("methods") or ()],
                "offices": [swap(office.name) for office in row.offices],
                "period": thai_period(row.period, digits),
                "status": str(row.status_label),
                "actions": [swap(step) for step in result.get("actions") or ()],
                "outcome": swap(result.get("outcome") or ""),
                "suggestions": swap(result.get("suggestions") or ""),
            }
        )
    return rows


def add_peer_pages(seeded):
    """The pages a webmaster would build instead, under /peer/ (benchmarks/peers).

    O43's table three ways at O43's depth (/peer/2564/o42/list/, flat/,
    table/), and the year page's index with its links at the year page's
    depth (/peer/links/).
    """
    from benchmarks.peers.models import (
        FlatPeerPage,
        ListPeerPage,
        TablePeerPage,
        YearPeerPage,
    )

    report = seeded.pages["o43"]
    digits = ItaSiteSettings.for_site(seeded.site).digits or "thai"
    rows = peer_rows(report, digits)
    title = report.title
    peer = publish(seeded.site.root_page, HomePage(title="peer", slug="peer"))
    o42 = publish(
        publish(peer, HomePage(title="2564", slug="2564")),
        HomePage(title="o42", slug="o42"),
    )
    listed = [{"type": "row", "value": row} for row in rows]
    publish(o42, ListPeerPage(title=title, slug="list", body=listed))
    flat = []
    for row in rows:
        results = "\n".join([row["status"], *row["actions"], row["outcome"]])
        flat.append(
            {
                "type": "row",
                "value": {
                    "measure": f"{row['number']}. {row['measure']}",
                    "methods": "\n".join(row["methods"]),
                    "offices": "\n".join(row["offices"]),
                    "period": row["period"],
                    "results": results,
                    "suggestions": row["suggestions"],
                },
            }
        )
    publish(o42, FlatPeerPage(title=title, slug="flat", body=flat))
    header = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    header += ["ผลการดำเนินการ", "ข้อเสนอแนะ"]
    table = {
        "data": [header]
        + [
            [
                item["value"]["measure"],
                item["value"]["methods"],
                item["value"]["offices"],
                item["value"]["period"],
                item["value"]["results"],
                item["value"]["suggestions"],
            ]
            for item in flat
        ],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": title,
    }
    publish(
        o42,
        TablePeerPage(
            title=title, slug="table", body=[{"type": "table", "value": table}]
        ),
    )
    year_page = seeded.pages["year"]
    groups = []
    for indicator in build_year_report(year_page).groups():
        for sub in indicator.sub_indicators:
            items = [
                {
                    "code": entry.item.code,
                    "title": entry.item.title_th,
                    "page": entry.page.pk if entry.is_available else None,
                }
                for entry in sub.entries
            ]
            groups.append(
                {
                    "type": "group",
                    "value": {"heading": f"{sub.code} {sub.title}", "items": items},
                }
            )
    publish(peer, YearPeerPage(title=year_page.title, slug="links", body=groups))
    seeded.peer_pages = {
        "list-o43": "/peer/2564/o42/list/",
        "flat-o43": "/peer/2564/o42/flat/",
        "table-o43": "/peer/2564/o42/table/",
        "links-year": "/peer/links/",
    }


def seed_lao_sites(count, measure_count, client, peers=True):
    """Seed ``count`` LAO sites with ``measure_count`` measures each."""
    data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
    load_year(2564)
    seeded = [seed_lao_site(n, measure_count, data) for n in range(1, count + 1)]
    for lao in seeded:
        add_plain_pages(lao, client)
        if peers:
            add_peer_pages(lao)
    return seeded
