"""Admin wiring: the offices snippet, editor styles and findings shown on save."""

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ItaPageMixin, ResponsibleOffice


#: How many findings a draft save lists before summing up the rest.
MAX_LISTED_FINDINGS = 5


class ResponsibleOfficeViewSet(SnippetViewSet):
    model = ResponsibleOffice
    icon = "group"
    menu_label = _("Responsible offices")
    list_display = ["name", "site"]
    list_filter = ["site"]
    search_fields = ["name"]
    ordering = ["site", "sort_order", "name"]


register_snippet(ResponsibleOfficeViewSet)


@hooks.register("insert_global_admin_css")
def editor_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("ita_wagtail/admin/editor.css")
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_findings_on_draft_save(request, page):
    """A draft always saves; tell the editor what would stop it being published."""
    page = page.specific
    if not isinstance(page, ItaPageMixin) or not hasattr(page, "get_findings"):
        return
    errors = [finding for finding in page.get_findings() if finding.is_error]
    for finding in errors[:MAX_LISTED_FINDINGS]:
        messages.warning(request, finding.message)
    if len(errors) > MAX_LISTED_FINDINGS:
        more = len(errors) - MAX_LISTED_FINDINGS
        messages.warning(
            request,
            ngettext(
                "…and %(count)s more problem to fix before publishing.",
                "…and %(count)s more problems to fix before publishing.",
                more,
            )
            % {"count": more},
        )


from .importers import admin_hooks  # noqa: E402, F401
