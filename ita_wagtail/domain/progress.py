"""How far the year's measures have got: done, in progress, not started.

O43 shows the progress of its own measures; the year page and the ITA index
show it per year, read from each year's latest report
(``models.pages.latest_report_progress_by_year``). The per-year figures are
computed from the pages' raw StreamField data, so that listing ten years costs
the same few queries as listing one.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..domain.blocks import ResultStatus


#: The parts of a progress bar, in the order they are drawn and listed.
SEGMENTS = (
    (ResultStatus.DONE, _("Done")),
    (ResultStatus.IN_PROGRESS, _("In progress")),
    (ResultStatus.NOT_STARTED, _("Not started")),
    ("missing", _("No result reported yet")),
)


@dataclass(frozen=True)
class Segment:
    """One status in a progress bar: how many measures, and where it is drawn."""

    status: str
    label: str
    count: int
    start: float  # percent of the bar before this segment
    width: float  # percent of the bar this segment takes


@dataclass(frozen=True)
class Progress:
    """How many measures of a plan are done, in progress, not started or unreported."""

    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    missing: int = 0

    @classmethod
    def from_counts(cls, counts):
        """Build from a mapping such as ``MeasureTable.status_counts``."""
        return cls(**{name: counts.get(name, 0) for name, _label in SEGMENTS})

    @property
    def total(self):
        return self.done + self.in_progress + self.not_started + self.missing

    @property
    def percent_done(self):
        """Whole percent of measures done (0 when there are no measures)."""
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def legend(self):
        """The statuses to name beside the bar: the three the guidance asks for,
        always, and measures without a result when there are any."""
        return [
            (status, label, getattr(self, status))
            for status, label in SEGMENTS
            if status != "missing" or self.missing
        ]

    @property
    def segments(self):
        """The statuses with at least one measure, with their place on the bar."""
        segments = []
        start = 0.0
        for status, label in SEGMENTS:
            count = getattr(self, status)
            if not count:
                continue
            width = 100 * count / self.total
            segments.append(Segment(status, label, count, round(start, 2), width))
            start += width
        return segments


def count_statuses(measures, results):
    """Count the statuses of a plan's measures from raw StreamField data.

    A measure counts with the status of the first result that names it, as on
    the public O43 table (``build_measure_table``), or as "missing" when no
    result names it. Reading raw data touches no database, so a page listing
    many years stays at a constant number of queries.

    Args:
        measures: the O42 ``measures`` StreamValue (or its raw data).
        results: the O43 ``results`` StreamValue (or its raw data), or None.

    Returns:
        A Progress.
    """
    status_of = {}
    for item in _raw(results):
        value = item.get("value") or {}
        measure_id = value.get("measure_id")
        if item.get("type") == "result" and measure_id:
            status_of.setdefault(measure_id, value.get("status"))
    counts = {name: 0 for name, _label in SEGMENTS}
    for item in _raw(measures):
        if item.get("type") != "measure":
            continue
        status = status_of.get(item.get("id"), "missing")
        counts[status if status in counts else "missing"] += 1
    return Progress.from_counts(counts)


def _raw(stream):
    if stream is None:
        return []
    return getattr(stream, "raw_data", stream)


@dataclass(frozen=True)
class ReportProgress:
    """The progress a year's report gives: the report page and its counts."""

    report: object  # a MeasureResultPage
    progress: Progress
