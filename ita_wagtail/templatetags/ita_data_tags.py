"""Links from a public O42/O43 page to its table as open data."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


register = template.Library()

DATA_FORMATS = (
    ("csv", _("CSV")),
    ("xlsx", _("Excel (XLSX)")),
    ("json", _("JSON")),
)


@register.inclusion_tag("ita_wagtail/includes/data_links.html")
def ita_data_links(page):
    """The CSV/XLSX/JSON links; none if ita_wagtail.urls is not installed."""
    try:
        links = [
            {
                "format": data_format,
                "label": label,
                "url": reverse("ita_wagtail:page_data", args=[page.pk, data_format]),
            }
            for data_format, label in DATA_FORMATS
        ]
    except NoReverseMatch:
        links = []
    return {"links": links, "page": page}
