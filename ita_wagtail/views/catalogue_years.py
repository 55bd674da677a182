"""Admin: the years of the OIT catalogue, provisional or confirmed.

A year nobody has published yet (2570 on 1 October 2026) starts as a
provisional copy of the latest year; the catalogue managers correct its items
(Settings → OIT catalogue) and confirm it here once checked against the
NACC's manual. The same as ``ita_catalogue copy`` and ``ita_catalogue confirm``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..fiscal import FiscalYear
from ..models import OitItem
from ..models.catalogue_loading import (
    confirm_year,
    copy_year,
    latest_year_before,
    load_year,
    shipped_years,
)


def catalogue_years():
    """Each loaded year with its item count and provisional item count."""
    return list(
        OitItem.objects.values("year")
        .annotate(
            items=Count("pk"), provisional=Count("pk", filter=Q(provisional=True))
        )
        .order_by("-year")
    )


class CatalogueYearsView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("OIT catalogue years")
    header_icon = "list-ol"
    template_name = "ita_wagtail/admin/catalogue_years.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("ita_wagtail.view_oititem"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        years = catalogue_years()
        current = FiscalYear.current().be_year
        loaded = {row["year"] for row in years}
        next_new = current if current not in loaded else max(loaded) + 1
        return self.render_to_response(
            self.get_context_data(
                years=years,
                shipped=shipped_years(),
                current_year=current,
                new_year=next_new,
                source_year=latest_year_before(next_new),
                can_change=request.user.has_perm("ita_wagtail.change_oititem"),
                can_add=request.user.has_perm("ita_wagtail.add_oititem"),
            )
        )

    def post(self, request):
        action = request.POST.get("action")
        try:
            year = int(request.POST.get("year", ""))
            FiscalYear(year)
        except (TypeError, ValueError):
            messages.error(
                request, _("Give a fiscal year in the Buddhist era, e.g. 2570.")
            )
            return redirect("ita_wagtail_catalogue_years")
        if action == "confirm":
            if not request.user.has_perm("ita_wagtail.change_oititem"):
                raise PermissionDenied
            count = confirm_year(year)
            messages.success(
                request,
                _("The OIT list of %(year)s is confirmed (%(count)s items).")
                % {"year": year, "count": count},
            )
        elif action == "copy":
            if not request.user.has_perm("ita_wagtail.add_oititem"):
                raise PermissionDenied
            source = latest_year_before(year)
            if source is None or OitItem.objects.filter(year=year).exists():
                messages.error(
                    request,
                    _("%(year)s already has its list, or there is no earlier one.")
                    % {"year": year},
                )
                return redirect("ita_wagtail_catalogue_years")
            if not OitItem.objects.filter(year=source).exists():
                load_year(source)
            result = copy_year(source, year)
            messages.success(
                request,
                _(
                    "%(year)s starts as a provisional copy of %(source)s "
                    "(%(count)s items). Correct its items, then confirm it."
                )
                % {"year": year, "source": source, "count": result.created},
            )
        return redirect("ita_wagtail_catalogue_years")
