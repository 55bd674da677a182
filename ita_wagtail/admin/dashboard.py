"""The ITA panel on the admin dashboard: how far this year's disclosures are."""

from django.template.loader import get_template
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Site

from ..fiscal import FiscalYear
from ..views.reports import dashboard_year_pages


class ItaDashboardPanel(Component):
    """How many of the current year's items are ready, and how many findings.

    Summarises the year pages of the site the admin is used on first, then
    the user's other sites, up to ``views.reports.DASHBOARD_SECTIONS``; the
    rest is counted and left to the findings report.
    """

    name = "ita_dashboard"
    order = 110
    template_name = "ita_wagtail/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        current_year = FiscalYear.current().be_year
        selection = dashboard_year_pages(
            self.request.user, Site.find_for_request(self.request)
        )
        rows = []
        for year_page in selection.year_pages:
            site = year_page.get_site()
            rows.append(
                {
                    "year_page": year_page,
                    "site": site,
                    "site_name": (site.site_name or site.hostname) if site else "",
                    "report": year_page.get_year_report(self.request),
                }
            )
        # The year reports hold the year's items: no query to ask.
        provisional = any(
            entry.item.provisional
            for row in rows
            for entry in row["report"].entries
            if entry.item is not None
        )
        add_current_year_url = None
        if rows and selection.year != current_year:
            # The ITA section holding the newest year: where the current one goes.
            section = rows[0]["year_page"].path[: -Page.steplen]
            section_id = (
                Page.objects.filter(path=section).values_list("pk", flat=True).first()
            )
            if section_id:
                add_current_year_url = reverse(
                    "wagtailadmin_pages:add",
                    args=["ita_wagtail", "itayearpage", section_id],
                )
        return {
            "provisional_year": selection.year if provisional else None,
            "can_confirm": self.request.user.has_perm("ita_wagtail.change_oititem"),
            "add_current_year_url": add_current_year_url,
            "rows": rows,
            "more": selection.more,
            "year": selection.year,
            "current_year": current_year,
            "is_current_year": selection.year == current_year,
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:
            return ""
        return get_template(self.template_name).render(context)
