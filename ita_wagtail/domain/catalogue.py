"""The words of the OIT catalogue: which page answers an item, which year it covers,
which measures page a report answers. The models (models/catalogue.py) store them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageType(models.TextChoices):
    """Which kind of ITA page answers an item."""

    ITEM = "item", _("Item page")
    MEASURES = "measures", _("Integrity and transparency measures (O42)")
    MEASURE_RESULTS = "measure_results", _("Report on the measures (O43)")


class Coverage(models.TextChoices):
    """Which fiscal year an item's content must cover, relative to the assessment."""

    ASSESSMENT_YEAR = "assessment_year", _("The assessment year")
    PREVIOUS_YEAR = "previous_year", _("The previous fiscal year")


class PlanRule(models.TextChoices):
    """Which plan a report item reports on."""

    NONE = "", _("Not a report on a plan")
    SAME_YEAR_ITEM = "same_year_item", _("A plan item of the same assessment year")
    PREVIOUS_YEAR_ITEM = (
        "previous_year_item",
        _("A plan item of the previous assessment year"),
    )
    MEASURES_PAGE = (
        "measures_page",
        _("The site's measures page of the fiscal year the report covers"),
    )
