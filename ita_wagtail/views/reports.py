"""Admin views: the findings of the ITA years a user can edit, and the answer sheet."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from ..answer_sheet import answer_rows, answer_sheet_csv, answer_sheet_xlsx
from ..compliance import ERROR, WARNING
from ..fiscal import FiscalYear
from ..models import ItaSiteSettings, ItaYearPage


SEVERITY_CHOICES = ((ERROR, _("Must fix")), (WARNING, _("Should fix")))


def editable_year_pages(user):
    """The ITA year pages this user may edit, newest year first."""
    return [
        page
        for page in ItaYearPage.objects.order_by("-year", "path")
        if page.permissions_for_user(user).can_edit()
    ]


def current_year_pages(user):
    """The year pages of the current fiscal year, or of the latest year there is."""
    pages = editable_year_pages(user)
    current = FiscalYear.current().be_year
    return [p for p in pages if p.year == current] or pages[:1]


def _organisation_name(year_page):
    site = year_page.get_site()
    return ItaSiteSettings.for_site(site).organisation_name if site else ""


def findings_report(request):
    """Every finding of the chosen year, filterable, each linking to what to fix."""
    year_pages = editable_year_pages(request.user)
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
    return TemplateResponse(
        request,
        "ita_wagtail/admin/findings_report.html",
        {
            "sections": sections,
            "years": years,
            "year": year,
            "severity": severity,
            "code": code,
            "codes": sorted(codes),
            "severity_choices": SEVERITY_CHOICES,
            "page_title": _("ITA findings"),
        },
    )


def _missing_finding():
    from ..compliance import Finding

    return Finding(ERROR, "item.missing", _("No page answers this item yet."))


def _year_page_for(request, page_id):
    year_page = get_object_or_404(ItaYearPage, pk=page_id)
    if not year_page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return year_page


def answer_sheet(request, page_id):
    year_page = _year_page_for(request, page_id)
    rows = answer_rows(
        year_page.get_year_report(request), _organisation_name(year_page)
    )
    return TemplateResponse(
        request,
        "ita_wagtail/admin/answer_sheet.html",
        {"year_page": year_page, "rows": rows, "page_title": _("ITAS answer sheet")},
    )


def answer_sheet_download(request, page_id, file_format):
    year_page = _year_page_for(request, page_id)
    rows = answer_rows(
        year_page.get_year_report(request), _organisation_name(year_page)
    )
    if file_format == "csv":
        content, content_type = answer_sheet_csv(rows), "text/csv; charset=utf-8"
    else:
        content = answer_sheet_xlsx(rows, year_page.year)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="ita-{year_page.year}-answers.{file_format}"'
    )
    return response
