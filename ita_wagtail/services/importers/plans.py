"""Applying imported rows to an O42 or O43 page: the preview's plan, then one draft.

``build_plan`` works out, without saving anything, what an import would do:
which offices exist and which would be created, which O42 measure each O43
row answers (by number and text), what replacing would remove. ``apply_plan``
then saves it as one draft revision, in one transaction; it never publishes.
"""

import difflib
import uuid
from dataclasses import dataclass, field

from django.db import transaction

from ...domain.blocks import result_has_content
from ...domain.compliance import covered_fiscal_year
from ...domain.measure_table import measure_children, measure_label
from ...models import MeasurePlanMixin, MeasureResultMixin, ResponsibleOffice
from .cells import matching_key
from .columns import FIELDS_BY_NAME
from .rows import read_rows


REPLACE, APPEND = "replace", "append"
MODES = (REPLACE, APPEND)
PLAN_FIELDS = {"number", "measure", "methods", "offices", "period", "notes"}
REPORT_FIELDS = {"number", "measure", "actions", "outcome", "suggestions", "status"}
#: How alike a row's measure and an O42 measure of the same number must be.
SAME_NUMBER_SIMILARITY = 0.6
#: A row whose text starts the measure of the same number (reports often cut
#: the measure short) matches it if that start is at least this long.
SAME_NUMBER_MIN_PREFIX = 15
#: The log action of an import, shown in the page's history.
LOG_ACTION = "ita_wagtail.import"
OFFICE_NAME_MAX_LENGTH = ResponsibleOffice._meta.get_field("name").max_length


def _office_key(name):
    return "".join(name.split()).casefold()


@dataclass
class OfficeChoice:
    name: str
    office: ResponsibleOffice | None = None

    @property
    def is_new(self):
        return self.office is None


@dataclass
class MeasureMatch:
    """The measure of the page (O42) an imported row was matched to."""

    number: int
    measure_id: str
    label: str


@dataclass
class RowPlan:
    row: object  # rows.ImportedRow
    included: bool = True
    offices: list[OfficeChoice] = field(default_factory=list)
    match: MeasureMatch | None = None
    status: str = ""


@dataclass
class ImportPlan:
    """What importing a table into a page would do; nothing is saved yet."""

    page: object
    kind: str  # "plan" (O42) or "report" (O43)
    table: object
    mapping: dict
    rows: list[RowPlan]
    measures: list[MeasureMatch]  # O42's measures, to match against
    existing: list  # the page's current measures or results (raw)

    @property
    def has_content(self):
        if self.kind == "plan":
            return bool(self.existing)
        return any(
            result_has_content(item.get("value") or {}) for item in self.existing
        )

    @property
    def included_rows(self):
        return [row for row in self.rows if row.included]

    @property
    def unmatched_rows(self):
        return [row for row in self.included_rows if row.match is None]

    @property
    def new_office_names(self):
        names = []
        for row in self.included_rows:
            for choice in row.offices:
                if choice.is_new and choice.name not in names:
                    names.append(choice.name)
        return names

    @property
    def removed_on_replace(self):
        """Labels of the page's measures (O42) or results (O43) a replace removes."""
        kept = {row.match.measure_id for row in self.included_rows if row.match}
        if self.kind == "plan":
            return [m.label for m in self.measures if m.measure_id not in kept]
        return [
            (item.get("value") or {}).get("measure_label") or "—"
            for item in self.existing
            if (item.get("value") or {}).get("measure_id") not in kept
            and result_has_content(item.get("value") or {})
        ]

    @property
    def ignored_columns(self):
        """(column heading, field label) of mapped columns this page does not use."""
        used = PLAN_FIELDS if self.kind == "plan" else REPORT_FIELDS
        return [
            (
                self.table.header[index] if index < len(self.table.header) else "",
                FIELDS_BY_NAME[name].label,
            )
            for index, name in sorted(self.mapping.items())
            if name and name not in used
        ]


def page_kind(page):
    """ "plan" for an O42 page, "report" for an O43 page, else None."""
    if isinstance(page, MeasurePlanMixin):
        return "plan"
    if isinstance(page, MeasureResultMixin):
        return "report"
    return None


def _measures_of(stream):
    return [
        MeasureMatch(number, child.id, measure_label(number, child.value))
        for number, child in enumerate(measure_children(stream), start=1)
    ]


def match_rows(rows, measures):
    """Match rows to measures by text, then by number with similar or cut text.

    Each measure is matched at most once. A row's number is the one written in
    the file, or else its position.

    Returns:
        {row index: MeasureMatch}.
    """
    keys = {m.measure_id: matching_key(m.label.partition(". ")[2]) for m in measures}
    by_number = {m.number: m for m in measures}
    matches, used = {}, set()
    for row in rows:
        key = matching_key(row.row.measure)
        found = next(
            (
                m
                for m in measures
                if m.measure_id not in used and keys[m.measure_id] == key
            ),
            None,
        )
        if found:
            matches[row.row.index] = found
            used.add(found.measure_id)
    for position, row in enumerate(rows, start=1):
        if row.row.index in matches:
            continue
        candidate = by_number.get(row.row.number or position)
        if candidate is None or candidate.measure_id in used:
            continue
        if _alike(matching_key(row.row.measure), keys[candidate.measure_id]):
            matches[row.row.index] = candidate
            used.add(candidate.measure_id)
    return matches


def _alike(row_key, measure_key):
    shorter, longer = sorted((row_key, measure_key), key=len)
    if len(shorter) >= SAME_NUMBER_MIN_PREFIX and longer.startswith(shorter):
        return True
    similarity = difflib.SequenceMatcher(None, row_key, measure_key).ratio()
    return similarity >= SAME_NUMBER_SIMILARITY


def _fiscal_year_of_content(page, kind):
    """The fiscal year the imported periods belong to: the one the page's item
    covers (2569's O26 reports on the measures of 2568), else the page's."""
    if kind != "plan" and page.plan_page is not None:
        return page.plan_page.fiscal_year
    return covered_fiscal_year(page.oit_item, page.fiscal_year)


def build_plan(page, table, mapping, excluded=()):
    """Work out what importing ``table`` into ``page`` would do.

    Args:
        page: an O42 or O43 page.
        table: the ImportedTable.
        mapping: {column index: field name}, as the editor confirmed it.
        excluded: indexes of rows the editor chose not to import.

    Raises:
        MappingError: the mapping has no measure column or repeats a field.
    """
    page = page.specific
    kind = page_kind(page)
    if kind is None:
        raise TypeError(f"{type(page).__name__} is not an O42 or O43 page")
    latest = page.get_latest_revision_as_object()
    rows = [
        RowPlan(row=row, included=bool(row.measure) and row.index not in excluded)
        for row in read_rows(table, mapping, _fiscal_year_of_content(page, kind))
    ]
    if kind == "plan":
        existing = [dict(item) for item in latest.measures.raw_data]
        measures = _measures_of(latest.measures)
        _choose_offices(page, rows)
    else:
        existing = [dict(item) for item in latest.results.raw_data]
        plan_page = page.plan_page
        measures = _measures_of(
            plan_page.get_published_measures() if plan_page else None
        )
        for row in rows:
            imported = row.row
            row.status = imported.status or (
                "done" if imported.has_result else "not_started"
            )
    matches = match_rows([row for row in rows if row.included], measures)
    for row in rows:
        row.match = matches.get(row.row.index)
    return ImportPlan(page, kind, table, dict(mapping), rows, measures, existing)


def _choose_offices(page, rows):
    site = page.get_site()
    existing = {
        _office_key(office.name): office
        for office in ResponsibleOffice.objects.filter(site=site)
    }
    for row in rows:
        for name in row.row.office_names:
            name = name[:OFFICE_NAME_MAX_LENGTH]
            row.offices.append(OfficeChoice(name, existing.get(_office_key(name))))


def _items(values):
    return [
        {"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values
    ]


def _measure_raw(row, offices, measure_id=None):
    period = row.row.period
    return {
        "type": "measure",
        "id": measure_id or str(uuid.uuid4()),
        "value": {
            "measure": row.row.measure,
            "methods": _items(row.row.methods),
            "offices": _items(offices[choice.name].pk for choice in row.offices),
            "period": {
                "start": period.start.isoformat() if period else None,
                "end": period.end.isoformat() if period else None,
            },
            "notes": row.row.notes,
        },
    }


def _result_value(row):
    imported = row.row
    label = (
        measure_label(row.match.number, {"measure": row.match.label.partition(". ")[2]})
        if row.match
        else imported.measure
    )
    return {
        "measure_label": label,
        "measure_id": row.match.measure_id if row.match else "",
        "actions": _items(imported.actions),
        "outcome": imported.outcome,
        "suggestions": imported.suggestions,
        "status": row.status,
        "evidence": [],
    }


def _plan_stream(plan, mode, offices):
    rows = plan.included_rows
    if mode == APPEND:
        return plan.existing + [_measure_raw(row, offices) for row in rows]
    return [
        _measure_raw(row, offices, row.match.measure_id if row.match else None)
        for row in rows
    ]


def _join(*texts):
    return "\n".join(text for text in texts if text)


def _report_stream(plan, mode):
    existing_by_measure = {}
    for item in plan.existing:
        measure_id = (item.get("value") or {}).get("measure_id")
        if measure_id:
            existing_by_measure.setdefault(measure_id, item)
    order = {m.measure_id: m.number for m in plan.measures}
    rows = sorted(
        plan.included_rows,
        key=lambda row: (
            row.match is None,
            order.get(row.match.measure_id) if row.match else 0,
        ),
    )
    stream = [] if mode == REPLACE else [dict(item) for item in plan.existing]
    for row in rows:
        new_value = _result_value(row)
        old = existing_by_measure.get(row.match.measure_id) if row.match else None
        if old is None:
            stream.append(
                {"type": "result", "id": str(uuid.uuid4()), "value": new_value}
            )
            continue
        old_value = dict(old.get("value") or {})
        if mode == REPLACE:
            value = {**new_value, "evidence": old_value.get("evidence") or []}
            stream.append({"type": "result", "id": old.get("id"), "value": value})
            continue
        value = dict(old_value)
        value["actions"] = list(old_value.get("actions") or []) + new_value["actions"]
        value["outcome"] = _join(old_value.get("outcome"), new_value["outcome"])
        value["suggestions"] = _join(
            old_value.get("suggestions"), new_value["suggestions"]
        )
        if row.row.status or not result_has_content(old_value):
            value["status"] = new_value["status"]
        index = next(
            i for i, item in enumerate(stream) if item.get("id") == old.get("id")
        )
        stream[index] = {**old, "value": value}
    return stream


@transaction.atomic
def apply_plan(plan, mode, user=None):
    """Save the import as one draft revision of the page; never publish.

    New responsible offices are created for the page's site first, in the same
    transaction, so a failure leaves nothing behind.

    Args:
        plan: an ImportPlan from ``build_plan``.
        mode: REPLACE or APPEND (what happens to the page's current content).
        user: who imports, recorded on the revision and in the history.

    Returns:
        The new Revision.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    page = plan.page
    latest = page.get_latest_revision_as_object()
    if plan.kind == "plan":
        site = page.get_site()
        offices = {}
        for row in plan.included_rows:
            for choice in row.offices:
                office = choice.office
                if office is None:
                    office, _created = ResponsibleOffice.objects.get_or_create(
                        site=site,
                        name=choice.name,
                        defaults={
                            "sort_order": ResponsibleOffice.objects.filter(
                                site=site
                            ).count()
                        },
                    )
                offices[choice.name] = office
        latest.measures = _plan_stream(plan, mode, offices)
    else:
        latest.results = _report_stream(plan, mode)
    return latest.save_revision(user=user, log_action=LOG_ACTION)
