from .approval import ItaApprovalTask
from .catalogue import Coverage, OitItem, PageType, PlanRule
from .items import AnswersItemMixin, ItaItemMixin, ItaItemPage, ItaItemPageMixin
from .measures import (
    MeasureIndexPage,
    MeasurePlanMixin,
    MeasureResultMixin,
    MeasureResultPage,
    ReportingRound,
)
from .offices import ResponsibleOffice, ResponsibleOfficeLogEntry
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
    "AnswersItemMixin",
    "Coverage",
    "Digits",
    "ItaApprovalTask",
    "ItaIndexMixin",
    "ItaIndexPage",
    "ItaItemMixin",
    "ItaItemPage",
    "ItaItemPageMixin",
    "ItaPageMixin",
    "ItaSiteSettings",
    "ItaYearMixin",
    "ItaYearPage",
    "MeasureIndexPage",
    "MeasurePlanMixin",
    "MeasureResultMixin",
    "MeasureResultPage",
    "OitItem",
    "OrganisationType",
    "PageType",
    "PlanRule",
    "ReportingRound",
    "ResponsibleOffice",
    "ResponsibleOfficeLogEntry",
    "get_base_template",
]
