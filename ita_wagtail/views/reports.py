"""Admin views: the findings of the ITA years a user can edit, and the answer sheet."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..domain.compliance import ERROR, WARNING, Finding
from ..domain.compliance.rules import rule_name
from ..fiscal import FiscalYear, digit_writer
from ..models import ItaSiteSettings, ItaYearPage
from ..models.site_access import site_ids_of, sites_holding
from ..services.answer_sheet import answer_rows, answer_sheet_response


SEVERITY_CHOICES = ((ERROR, _("Must fix")), (WARNING, _("Should fix")))


#: Year pages the admin dashboard summarises at most; the findings report
#: lists them all, one site at a time.
DASHBOARD_SECTIONS = 5


def editable_year_pages(user):
    """The ITA year pages this user may edit, newest year first.

    One query, whatever the number of sites: the user's page permissions
    become a filter on the page tree (Wagtail's own page permission policy).
    """
    return (
        PagePermissionPolicy(ItaYearPage)
        .instances_user_has_permission_for(user, "change")
        .order_by("-year", "path")
    )


def sites_with_year_pages(year_pages):
    """The sites whose page tree holds any of ``year_pages``, by name, in one query."""
    return (
        sites_holding(year_pages)
        .select_related("root_page")
        .order_by("site_name", "hostname", "port")
    )


def year_pages_of_site(year_pages, site):
    """The pages of ``year_pages`` that belong to ``site`` (not to a site inside it)."""
    candidates = year_pages.filter(path__startswith=site.root_page.path)
    return [page for page in candidates if site.pk in site_ids_of(page)]


@dataclass
class DashboardSelection:
    year: int | None
    year_pages: list
    #: Year pages of that year the dashboard leaves to the findings report.
    more: int


def dashboard_year_pages(user, site=None):
    """The year pages the admin dashboard summarises.

    Those of the current fiscal year (or, if there are none, of the newest
    year) that the user may edit, the pages of ``site`` (the site the admin
    is used on) first, at most DASHBOARD_SECTIONS of them: a webmaster of a
    province's thousand LAOs gets a summary that costs what one LAO's does.
    """
    pages = editable_year_pages(user)
    current = FiscalYear.current().be_year
    if pages.filter(year=current).exists():
        year = current
    else:
        year = pages.values_list("year", flat=True).first()
    if year is None:
        return DashboardSelection(year=None, year_pages=[], more=0)
    pages = pages.filter(year=year)
    if site is not None:
        pages = pages.annotate(
            elsewhere=Case(
                When(path__startswith=site.root_page.path, then=Value(0)),
                default=Value(1),
            )
        ).order_by("elsewhere", "path")
    shown = list(pages[:DASHBOARD_SECTIONS])
    more = pages.count() - len(shown) if len(shown) == DASHBOARD_SECTIONS else 0
    return DashboardSelection(year=year, year_pages=shown, more=more)


def _chosen_site(request, sites):
    """The site asked for, else the one the admin is used on, else the first."""
    by_id = {str(site.pk): site for site in sites}
    if request.GET.get("site") in by_id:
        return by_id[request.GET["site"]]
    current = Site.find_for_request(request)
    if current is not None and str(current.pk) in by_id:
        return by_id[str(current.pk)]
    return sites[0] if sites else None


def findings_report(request):
    """Every finding of one site's chosen year, filterable, each linking to what to fix.

    One site at a time: a user who looks after many LAOs picks one of them.
    """
    editable = editable_year_pages(request.user)
    sites = list(sites_with_year_pages(editable))
    site = _chosen_site(request, sites)
    year_pages = year_pages_of_site(editable, site) if site else []
    years = sorted({page.year for page in year_pages}, reverse=True)
    try:
        year = int(request.GET.get("year") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    severity = request.GET.get("severity", "")
    code = request.GET.get("code", "")
    sections = []
    codes = set()
    for year_page in (p for p in year_pages if p.year == year):
        report = year_page.get_year_report(request)
        rows = []
        for entry in report.all_entries:
            findings = list(entry.findings)
            if entry.page is None:
                findings = [_missing_finding()]
            codes.update(f.code for f in findings)
            findings = [
                f
                for f in findings
                if (not severity or f.severity == severity)
                and (not code or f.code == code)
            ]
            if findings:
                rows.append((entry, findings))
        sections.append({"year_page": year_page, "report": report, "rows": rows})
    # The years in the site's digits, as the year pages' titles write them.
    write = digit_writer(ItaSiteSettings.for_site(site).digits if site else None)
    return TemplateResponse(
        request,
        "ita_wagtail/admin/findings_report.html",
        {
            "sections": sections,
            "sites": sites,
            "site": site,
            "years": [(option, write(option)) for option in years],
            "year": year,
            "severity": severity,
            "code": code,
            "codes": sorted(
                ((option, rule_name(option)) for option in codes),
                key=lambda choice: str(choice[1]),
            ),
            "severity_choices": SEVERITY_CHOICES,
            "page_title": _("ITA findings"),
        },
    )


def _missing_finding():
    return Finding(ERROR, "item.missing", _("No page answers this item yet."))


def _year_page_for(request, page_id):
    year_page = get_object_or_404(ItaYearPage, pk=page_id)
    if not year_page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return year_page


def _answer_rows(request, year_page):
    """The year's answer sheet as its site's public one writes it, and the
    site's digits: its organisation name, its numbers in the site's digits
    (item codes excepted)."""
    site = year_page.get_site()
    ita_settings = ItaSiteSettings.for_site(site) if site else None
    name, digits = (
        (ita_settings.organisation_name, ita_settings.digits)
        if ita_settings
        else ("", None)
    )
    return answer_rows(year_page.get_year_report(request), name, digits), digits


def answer_sheet(request, page_id):
    year_page = _year_page_for(request, page_id)
    rows, digits = _answer_rows(request, year_page)
    return TemplateResponse(
        request,
        "ita_wagtail/admin/answer_sheet.html",
        {
            "year_page": year_page,
            "year_label": digit_writer(digits)(year_page.year),
            "rows": rows,
            "page_title": _("ITAS answer sheet"),
        },
    )


#: The answer sheet's download formats; any other extension is not found.
ANSWER_SHEET_FORMATS = ("csv", "xlsx")


def answer_sheet_download(request, page_id, file_format):
    if file_format not in ANSWER_SHEET_FORMATS:
        raise Http404
    year_page = _year_page_for(request, page_id)
    rows, _digits = _answer_rows(request, year_page)
    return answer_sheet_response(rows, year_page.year, file_format)
