"""Admin: the editor's guide (คู่มือสำหรับเจ้าหน้าที่), in Thai.

The guide is ``docs/editor-guide-th.md``; the admin cannot serve a Markdown
file, so it shows the HTML rendering kept in ``admin/editor_guide.html``.
Any user of the admin may read it.
"""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Editor's guide")
    header_icon = "help"
    template_name = "ita_wagtail/admin/editor_guide.html"

    def get_breadcrumbs_items(self):
        # The header names the guide, not only "Home" (its h1 is for screen readers).
        return [*self.breadcrumbs_items, {"url": None, "label": self.get_page_title()}]
