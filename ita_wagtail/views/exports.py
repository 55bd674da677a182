"""Public downloads of an O42/O43 page's table: /ita-data/<page id>.<csv|xlsx|json>.

Only live, public pages of the site the request is for are served, so a page
id never reveals a draft, a private page or another LAO's site.
"""

from django.http import Http404
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from ..services.exporters import EXPORTERS, export_file_name, is_measure_page
from ..services.spreadsheets import file_response


@require_GET
def page_data(request, page_id, data_format):
    """The table of one live, public O42/O43 page of this site, as a file."""
    if data_format not in EXPORTERS:
        raise Http404
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    page = (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(pk=page_id)
        .specific()
        .first()
    )
    if page is None or not is_measure_page(page):
        raise Http404
    disposition = "inline" if data_format == "json" else "attachment"
    return file_response(
        EXPORTERS[data_format](page),
        data_format,
        export_file_name(page, data_format),
        disposition,
    )
