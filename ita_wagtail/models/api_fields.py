"""What Wagtail's API v2 shows of the ITA pages, beyond their plain fields.

``MeasureTableField`` gives an O42/O43 page's table as in the JSON export: each
measure with its steps, office names, period and, for O43, its result, so a
client need not resolve snippet ids or pair results with measures itself.
"""

from rest_framework.fields import Field

from ..domain.measure_table import measure_children, measure_label, table_data


class MeasureTableField(Field):
    """The page's measures (and, on O43, results) as the JSON export gives them."""

    def __init__(self, results=False, **kwargs):
        self.results = results
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        digits = page.get_ita_settings().digits
        return table_data(page.get_measure_table(), digits, self.results)


class ResultsField(Field):
    """O43's ``results`` as Wagtail's StreamField serializer gives them, except
    each result's ``measure_label``: the label of its measure in the published
    O42, never the label stored with the result (an editor's copy, possibly
    of an unpublished O42 draft). A result whose measure is not in the
    published O42 gets an empty label.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        results = page.results
        data = results.stream_block.get_api_representation(results, self.context)
        labels = {
            child.id: measure_label(number, child.value)
            for number, child in enumerate(
                measure_children(page.get_published_plan_measures()), start=1
            )
        }
        for item in data:
            value = item.get("value")
            if isinstance(value, dict) and "measure_label" in value:
                value["measure_label"] = labels.get(value.get("measure_id"), "")
        return data
