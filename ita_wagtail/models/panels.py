"""An editor panel listing what an assessor would mark down on this page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel


class FindingsPanel(Panel):
    """Shows the page's findings above its fields; it never blocks a draft save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Checks before publishing"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "ita_wagtail/admin/findings_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            findings = self.instance.get_findings() if self.instance.pk else []
            context["findings"] = findings
            context["error_count"] = sum(1 for f in findings if f.is_error)
            return context


class ConfirmationPanel(FieldPanel):
    """A confirmation box shown only when the form asks for it (it has an error)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return self.form is not None and bool(self.form.errors.get(self.field_name))
