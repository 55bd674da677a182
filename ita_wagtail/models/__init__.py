from .measures import (
    ItaItemMixin,
    MeasureIndexPage,
    MeasurePlanMixin,
    MeasureResultMixin,
    MeasureResultPage,
    ReportingRound,
)
from .offices import ResponsibleOffice
from .pages import (
    ItaIndexMixin,
    ItaIndexPage,
    ItaPageMixin,
    ItaYearMixin,
    ItaYearPage,
    get_base_template,
)
from .settings import Digits, ItaSiteSettings, OrganisationType


__all__ = [
    "Digits",
    "ItaIndexMixin",
    "ItaIndexPage",
    "ItaItemMixin",
    "ItaPageMixin",
    "ItaSiteSettings",
    "ItaYearMixin",
    "ItaYearPage",
    "MeasureIndexPage",
    "MeasurePlanMixin",
    "MeasureResultMixin",
    "MeasureResultPage",
    "OrganisationType",
    "ReportingRound",
    "ResponsibleOffice",
    "get_base_template",
]
