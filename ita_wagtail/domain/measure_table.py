"""The rows of the O42/O43 table: each O42 measure beside its O43 result.

Public pages, exports and checks read the table through here, so a result is
always shown beside its own measure's text from O42 and the two cannot drift.
"""

import html
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.utils.dateparse import parse_date
from django.utils.safestring import SafeString

from .. import fiscal
from .blocks import ResultStatus, period_of


def shown_text(value, digits="thai"):
    """Text an editor typed, as the public table shows it, in HTML.

    The same as ``{{ value|digits:ita_digits|linebreaksbr }}`` in a template:
    digits in the site's style, escaped, each line break a ``<br>``. Done
    here, once per cell, because a 50-measure table would otherwise run a
    few thousand template filters. ``digits`` is a style or a function from
    ``fiscal.digit_writer``.
    """
    if value is None or value == "":
        return ""
    write = digits if callable(digits) else fiscal.digit_writer(digits)
    text = write(str(value))
    if "\r" in text:  # as Django's normalize_newlines
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Django's escape() is html.escape() marked safe; the <br>s are ours.
    return SafeString(html.escape(text).replace("\n", "<br>"))


@lru_cache(maxsize=512)
def _shown_period(start, end, digits):
    return fiscal.format_period(fiscal.Period(start, end), digits=digits)


def _period_text(period, digits):
    """A row's period as the table shows it; a table's rows share a few periods."""
    if period is None:
        return ""
    return _shown_period(period.start, period.end, digits or "thai")


@dataclass
class MeasureRow:
    """One measure of the plan and, in a report, the result given for it."""

    number: int
    measure_id: str
    measure: object  # the MeasureBlock's StructValue
    result: object = None  # the ResultBlock's StructValue, if any
    result_id: str = ""
    #: "thai" or "arabic": the digits of ``text``, the site's setting.
    digits: str = "thai"

    @property
    def anchor(self):
        return f"measure-{self.number}"

    @property
    def period(self):
        return period_of(self.measure.get("period"))

    @property
    def offices(self):
        return [office for office in self.measure.get("offices") or [] if office]

    @property
    def status(self):
        return self.result.get("status") if self.result else None

    @property
    def status_label(self):
        return dict(ResultStatus.choices).get(self.status, "")

    @cached_property
    def text(self):
        """The row's words as the public table shows them, ready for a template.

        A dict of safe HTML strings (``measure``, ``notes``, ``outcome``,
        ``suggestions``) and lists of them (``methods``, ``actions``), plain
        strings for ``number``, ``offices`` and ``period``, all with the
        site's digits: the table template writes ``{{ text.measure }}`` where
        it would otherwise write ``{{ row.measure.measure|digits:ita_digits|
        linebreaksbr }}``. ``row.measure`` and ``row.result`` stay for
        templates that want the raw values.
        """
        swap = fiscal.digit_writer(self.digits)
        measure = self.measure
        result = self.result
        text = {
            "number": swap(self.number),
            "measure": shown_text(measure.get("measure"), swap),
            "notes": shown_text(measure.get("notes"), swap),
            "methods": [
                shown_text(step, swap) for step in measure.get("methods") or ()
            ],
            "offices": [swap(office.name) for office in self.offices],
            "period": _period_text(self.period, self.digits),
        }
        if result:
            text.update(
                actions=[
                    shown_text(step, swap) for step in result.get("actions") or ()
                ],
                outcome=shown_text(result.get("outcome"), swap),
                suggestions=shown_text(result.get("suggestions"), swap),
            )
        return text


@dataclass
class OrphanResult:
    """A result whose measure is no longer in O42 (or was never chosen)."""

    result_id: str
    result: object
    measure_label: str = ""


@dataclass
class MeasureTable:
    rows: list = field(default_factory=list)
    orphans: list = field(default_factory=list)

    @property
    def status_counts(self):
        """How many measures are done, in progress, not started or unreported."""
        counts = {"done": 0, "in_progress": 0, "not_started": 0, "missing": 0}
        for row in self.rows:
            counts[row.status if row.status in counts else "missing"] += 1
        return counts

    @property
    def has_suggestions(self):
        """Whether any result gives suggestions: the column is left out if none."""
        return any(
            str((row.result or {}).get("suggestions") or "").strip()
            for row in self.rows
        )


def measure_children(measures):
    """The measure blocks of an O42 stream, in order, as StreamChild objects."""
    if not measures:
        return []
    return [child for child in measures if child.block_type == "measure"]


def build_measure_table(measures, results=None, digits="thai"):
    """Pair each measure with the first result that names it.

    Args:
        measures: the O42 page's ``measures`` StreamValue.
        results: the O43 page's ``results`` StreamValue, or None for O42 alone.
        digits: "thai" or "arabic", for the rows' ``text`` (the site's setting).

    Returns:
        A MeasureTable: one row per measure in O42 order, and the results that
        answer no measure of this O42 (including second results for a measure).
    """
    return _paired(
        measures=[(child.id, child.value) for child in measure_children(measures)],
        results=[
            (child.id, child.value)
            for child in results or []
            if child.block_type == "result"
        ],
        digits=digits,
    )


def _paired(measures, results, digits, measure_value=None, result_value=None):
    """The table of ``measures`` and ``results``, each a list of (block id,
    value): each measure with the first result that names it; the others, and
    the results naming no measure, are orphans. ``measure_value`` and
    ``result_value`` turn a paired measure's or result's value into the row's.
    """
    table = MeasureTable()
    by_measure = {}
    for result_id, value in results:
        measure_id = value.get("measure_id") or ""
        if measure_id and measure_id not in by_measure:
            by_measure[measure_id] = (result_id, value)
        else:
            table.orphans.append(
                OrphanResult(result_id, value, value.get("measure_label"))
            )
    for number, (measure_id, value) in enumerate(measures, start=1):
        result_id, result = by_measure.pop(measure_id, ("", None))
        if result is not None and result_value is not None:
            result = result_value(result)
        table.rows.append(
            MeasureRow(
                number=number,
                measure_id=measure_id,
                measure=measure_value(value) if measure_value else value,
                result=result,
                result_id=result_id,
                digits=digits,
            )
        )
    for result_id, value in by_measure.values():
        table.orphans.append(OrphanResult(result_id, value, value.get("measure_label")))
    return table


def measure_label(number, value):
    """How the editor sees a measure above its result: "3. ประชาสัมพันธ์…"."""
    return f"{number}. {' '.join(str(value.get('measure') or '').split())}"


def sync_results_with_measures(stream_block, results, measures):
    """The O43 results the editor should see: one per measure, in O42 order.

    Existing results keep their content and id; a measure with no result gets
    an empty one; results that answer no measure stay, at the end, so nothing
    the editor wrote is lost (publishing flags them). The read-only measure
    labels are refreshed from O42.

    Args:
        stream_block: the ResultStreamBlock of the page's ``results`` field.
        results: the current ``results`` StreamValue (may be None or empty).
        measures: the O42 ``measures`` StreamValue to follow.

    Returns:
        A new StreamValue.
    """
    result_block = stream_block.child_blocks["result"]
    raw_results = [dict(item) for item in (results.raw_data if results else [])]
    first_for_measure = {}
    for item in raw_results:
        measure_id = (item.get("value") or {}).get("measure_id")
        if item.get("type") == "result" and measure_id:
            first_for_measure.setdefault(measure_id, item)

    synced = []
    used = set()
    for number, child in enumerate(measure_children(measures), start=1):
        item = first_for_measure.get(child.id)
        if item is None:
            value = result_block.get_prep_value(result_block.get_default())
            item = {"type": "result", "value": value}
        else:
            used.add(id(item))
            item = {**item, "value": dict(item["value"])}
        item["value"]["measure_id"] = child.id
        item["value"]["measure_label"] = measure_label(number, child.value)
        synced.append(item)
    synced += [item for item in raw_results if id(item) not in used]
    return stream_block.to_python(synced)


def _period(row, digits):
    period = row.period
    if period is None:
        return None
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "text": fiscal.format_period(period, digits=digits),
    }


def _result(row):
    result = row.result
    if result is None:
        return None
    return {
        "actions": [str(action) for action in result.get("actions") or []],
        "outcome": result.get("outcome") or "",
        "suggestions": result.get("suggestions") or "",
        "status": row.status or "",
        "status_label": str(row.status_label),
    }


def table_data(table, digits, with_results):
    """The table's measures as JSON-ready dicts: the JSON export's and the API's.

    Args:
        table: a MeasureTable.
        digits: "thai" or "arabic", for the period's text.
        with_results: whether to add each measure's result (O43).
    """
    measures = []
    for row in table.rows:
        measure = {
            "number": row.number,
            "id": row.measure_id,
            "measure": row.measure.get("measure") or "",
            "methods": [str(step) for step in row.measure.get("methods") or []],
            "offices": [office.name for office in row.offices],
            "period": _period(row, digits),
            "notes": row.measure.get("notes") or "",
        }
        if with_results:
            measure["result"] = _result(row)
        measures.append(measure)
    return measures


def _raw_items(stream):
    """The raw items (dicts) of a StreamValue or of its raw data."""
    if not stream:
        return []
    return list(getattr(stream, "raw_data", stream))


def _list_values(raw):
    """The values of a ListBlock's raw data (items with ids, or plain values)."""
    return [
        item["value"] if isinstance(item, dict) and "value" in item else item
        for item in raw or ()
    ]


def _date(value):
    if not value or not isinstance(value, str):
        return value or None
    try:
        return parse_date(value)
    except ValueError:
        return None


def raw_office_ids(measures):
    """The ids of the offices the measures name, read from the raw data."""
    return {
        office_id
        for item in _raw_items(measures)
        if item.get("type") == "measure"
        for office_id in _list_values((item.get("value") or {}).get("offices"))
        if office_id
    }


def build_measure_table_from_raw(measures, results=None, digits="thai", offices=None):
    """``build_measure_table`` read from the streams' raw data (issue 17).

    The same rows, numbers, pairing and orphans, without converting the two
    StreamFields to Python: ``row.measure`` and ``row.result`` are plain
    dicts holding what the app's table reads (texts, lists of texts, the
    offices, the period's dates; a result's evidence converted only where
    there is some). For the app's own pages and table only (see
    ``MeasureResultMixin.get_context``): a site's own templates get
    ``build_measure_table``'s StructValues.

    ``offices`` maps the ids of ``raw_office_ids(measures)`` to their
    ResponsibleOffice: the caller (``models.measures.raw_measure_table``)
    fetches them in one query, as the StreamField would.
    """
    offices = offices or {}
    raw_measures = [
        item for item in _raw_items(measures) if item.get("type") == "measure"
    ]
    evidence_block = None
    if results is not None and hasattr(results, "stream_block"):
        evidence_block = results.stream_block.child_blocks["result"].child_blocks[
            "evidence"
        ]

    def result_value(raw):
        value = dict(raw)
        value["actions"] = _list_values(value.get("actions"))
        evidence = value.get("evidence")
        value["evidence"] = (
            evidence_block.to_python(evidence) if evidence and evidence_block else []
        )
        return value

    def measure_value(raw):
        period = raw.get("period") or {}
        return {
            "measure": raw.get("measure"),
            "methods": _list_values(raw.get("methods")),
            "offices": [
                offices.get(office_id) for office_id in _list_values(raw.get("offices"))
            ],
            "period": {
                "start": _date(period.get("start")),
                "end": _date(period.get("end")),
            },
            "notes": raw.get("notes"),
        }

    return _paired(
        measures=[(item.get("id"), item.get("value") or {}) for item in raw_measures],
        results=[
            (item.get("id"), item.get("value") or {})
            for item in _raw_items(results)
            if item.get("type") == "result"
        ],
        digits=digits,
        measure_value=measure_value,
        result_value=result_value,
    )
