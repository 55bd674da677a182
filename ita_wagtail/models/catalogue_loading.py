"""Load the shipped OIT item lists into the catalogue, and start a year from another.

The lists are data files in ``catalogue_data/<year>.json``, one per assessment
year; the catalogue managers (roles.catalogue_managers) correct them in the
admin afterwards.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .catalogue import OitItem


DATA_DIR = Path(__file__).resolve().parent.parent / "catalogue_data"
ITEM_FIELDS = ("title_th", "title_en", "requirements", "page_type")
#: The rules an item carries (models.catalogue), with their defaults.
RULE_FIELDS = {"covers": "assessment_year", "plan_rule": "", "plan_code": ""}


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
                        "note": item.get("note") or data.get("note", ""),
                        **{field: item.get(field, "") for field in ITEM_FIELDS},
                        **{
                            field: item.get(field, default)
                            for field, default in RULE_FIELDS.items()
                        },
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
def copy_year(source_year, target_year, provisional=True):
    """Start a year's catalogue from another year's; items already there are kept.

    The copies are provisional (``OitItem.provisional``) until the catalogue
    managers confirm them against the list the NACC publishes; each copy's
    note says where it came from.

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
        item.provisional = provisional
        if provisional:
            item.note = "\n".join(
                filter(None, [_copied_note(source_year, target_year), item.note])
            )
        copies.append(item)
    OitItem.objects.bulk_create(copies)
    return LoadResult(created=len(copies), unchanged=len(existing))


def _copied_note(source_year, target_year):
    return (
        f"Provisional: copied from {source_year} because no list of {target_year} "
        f"was published when it was made. Check every item against the NACC's "
        f"ITA {target_year} manual, then confirm the year."
    )


def latest_year_before(year):
    """The latest assessment year before ``year`` with items, loaded or shipped."""
    loaded = OitItem.objects.filter(year__lt=year).order_by("-year")
    latest = loaded.values_list("year", flat=True).first()
    shipped = [y for y in shipped_years() if y < year]
    candidates = [y for y in [latest, *shipped] if y is not None]
    return max(candidates) if candidates else None


def ensure_year(year):
    """Give a year its catalogue if it has none yet, so its pages can be made.

    A shipped year is loaded. A year nobody has published yet (say 2570 on
    1 October 2026) starts as a provisional copy of the latest earlier year,
    which the dashboard and the year's pages show as provisional until the
    catalogue managers confirm it.

    Returns:
        The number of items created (0 when the year already had items).
    """
    if OitItem.objects.filter(year=year).exists():
        return 0
    if year in shipped_years():
        return load_year(year).created
    source = latest_year_before(year)
    if source is None:
        return 0
    if not OitItem.objects.filter(year=source).exists():
        load_year(source)
    return copy_year(source, year).created


def is_provisional(year):
    """Whether a year's list is (still partly) a provisional copy."""
    return OitItem.objects.filter(year=year, provisional=True).exists()


@transaction.atomic
def confirm_year(year):
    """Mark a provisional year's items confirmed; returns how many changed."""
    return OitItem.objects.filter(year=year, provisional=True).update(provisional=False)
