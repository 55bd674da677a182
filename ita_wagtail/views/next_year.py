"""Admin: start next fiscal year's O42 from this year's measures.

GET shows each of this year's measures beside its O43 result and suggestions,
with the period it will have next year; POST creates next year's O42 as a
draft (and next year's page if missing) and opens it in the editor.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..services.next_year import (
    measures_beside_results,
    plan_next_year,
    previous_year_plan,
    start_next_year,
)
from .imports import MeasurePageActionMixin


class NextYearView(MeasurePageActionMixin, WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Start next fiscal year")
    header_icon = "copy"
    template_name = "ita_wagtail/admin/next_year.html"

    def setup_plan(self):
        if self.kind != "plan":
            raise Http404
        try:
            self.plan = plan_next_year(self.page)
        except ValueError as error:
            raise Http404 from error

    def get(self, request, page_id):
        self.setup_plan()
        parent = self.plan.year_page or self.plan.index_page
        return self.render_to_response(
            self.get_context_data(
                page=self.page,
                plan=self.plan,
                can_create=parent.permissions_for_user(request.user).can_add_subpage(),
            )
        )

    def post(self, request, page_id):
        self.setup_plan()
        if self.plan.next_plan is not None:
            messages.error(
                request,
                _("Fiscal year %(year)s already has its measures page.")
                % {"year": self.plan.fiscal_year.be_year},
            )
            return redirect("wagtailadmin_pages:edit", self.plan.next_plan.pk)
        new_plan = start_next_year(self.plan, request.user)
        messages.success(
            request,
            _(
                "The measures of fiscal year %(year)s were started as a draft from "
                "this year's. Review them in the light of this year's results, then "
                "publish."
            )
            % {"year": self.plan.fiscal_year.be_year},
        )
        return redirect("wagtailadmin_pages:edit", new_plan.pk)


class PreviousYearView(MeasurePageActionMixin, WagtailAdminTemplateMixin, View):
    """Last year's measures beside their results, to write this year's from."""

    page_title = gettext_lazy("Last year's results")
    header_icon = "history"
    template_name = "ita_wagtail/admin/previous_year.html"

    def get(self, request, page_id):
        previous_plan = previous_year_plan(self.page) if self.kind == "plan" else None
        if previous_plan is None:
            raise Http404
        report, table = measures_beside_results(previous_plan)
        return self.render_to_response(
            self.get_context_data(
                page=self.page,
                previous_plan=previous_plan,
                report=report,
                rows=[(row, None) for row in table.rows],
            )
        )
