"""What Wagtail's API v2 shows of the ITA pages, beyond their plain fields.

``MeasureTableField`` gives an O42/O43 page's table as in the JSON export: each
measure with its steps, office names, period and, for O43, its result, so a
client need not resolve snippet ids or pair results with measures itself.
"""

from rest_framework.fields import Field


class MeasureTableField(Field):
    """The page's measures (and results) as ``exporters.measure_data`` gives them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        from .exporters import measure_data  # exporters import the models

        return measure_data(page)["measures"]
