"""Load the shipped OIT item lists into the catalogue, and start a year from another.

The lists are data files in ``catalogue_data/<year>.json``, one per assessment
year; the catalogue managers (roles.catalogue_managers) correct them in the
admin afterwards.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import OitItem


DATA_DIR = Path(__file__).resolve().parent / "catalogue_data"
ITEM_FIELDS = ("title_th", "title_en", "requirements", "page_type")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def shipped_years():
    """The assessment years whose item lists ship with the app."""
    return sorted(int(path.stem) for path in DATA_DIR.glob("*.json"))


def read_year(year):
    """The shipped items of a year as a list of field dicts, in order."""
    path = DATA_DIR / f"{int(year)}.json"
    if not path.exists():
        raise LookupError(year)
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for indicator in data["indicators"]:
        for sub_indicator in indicator["sub_indicators"]:
            for item in sub_indicator["items"]:
                rows.append(
                    {
                        "year": data["year"],
                        "code": item["code"],
                        "indicator": indicator["code"],
                        "indicator_title": indicator["title_th"],
                        "sub_indicator": sub_indicator["code"],
                        "sub_indicator_title": sub_indicator["title_th"],
                        "note": data.get("note", ""),
                        **{field: item.get(field, "") for field in ITEM_FIELDS},
                    }
                )
    for sort_order, row in enumerate(rows, start=1):
        row["sort_order"] = sort_order
    return rows


@transaction.atomic
def load_year(year):
    """Create or update a shipped year's catalogue; running it twice changes nothing.

    Raises:
        LookupError: no item list ships for that year.
    """
    result = LoadResult()
    existing = {item.code: item for item in OitItem.objects.filter(year=year)}
    for row in read_year(year):
        item = existing.get(row["code"])
        if item is None:
            OitItem.objects.create(**row)
            result.created += 1
            continue
        changed = [name for name, value in row.items() if getattr(item, name) != value]
        if changed:
            for name in changed:
                setattr(item, name, row[name])
            item.save()
            result.updated += 1
        else:
            result.unchanged += 1
    return result


@transaction.atomic
def copy_year(source_year, target_year):
    """Start a year's catalogue from another year's; items already there are kept.

    Returns:
        LoadResult: how many items were created and how many already existed.

    Raises:
        LookupError: the source year has no items.
    """
    source = list(OitItem.objects.filter(year=source_year))
    if not source:
        raise LookupError(source_year)
    existing = set(
        OitItem.objects.filter(year=target_year).values_list("code", flat=True)
    )
    copies = []
    for item in source:
        if item.code in existing:
            continue
        item.pk = None
        item.year = target_year
        copies.append(item)
    OitItem.objects.bulk_create(copies)
    return LoadResult(created=len(copies), unchanged=len(existing))


def ensure_year(year):
    """Load a shipped year's items if the catalogue has none for that year yet.

    So that creating pages for a new fiscal year just works when the app ships
    its list; a year that does not ship is left to the catalogue managers.
    """
    if year in shipped_years() and not OitItem.objects.filter(year=year).exists():
        load_year(year)
