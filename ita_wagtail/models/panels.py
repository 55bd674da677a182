"""An editor panel listing what an assessor would mark down on this page."""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, Panel

from ..domain.measure_table import measure_children
from ..fiscal import digit_writer


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
            if self.form is not None and hasattr(self.form, "ita_digits"):
                # Years and dates in the messages, as the site writes them.
                self.instance._ita_digits = self.form.ita_digits
            findings = self.instance.get_findings() if self.instance.pk else []
            context["findings"] = findings
            context["error_count"] = sum(1 for f in findings if f.is_error)
            return context


class ConfirmationPanel(FieldPanel):
    """A confirmation box shown only when the form asks for it (it has an error)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return self.form is not None and bool(self.form.errors.get(self.field_name))


class ResultsPanel(FieldPanel):
    """O43's results, with the results that answer no measure marked for the editor.

    A result whose measure was removed from O42 (or that repeats another
    measure's result) keeps its stored ``measure_label`` ("2. …"), which the
    checks and the importer read; only the editor's view of it changes:
    ``admin/results.js`` puts the marker described here on the result, in
    place of that label, and numbers those results on their own.
    """

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "ita_wagtail/admin/results_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            plan_page = getattr(self.form, "plan_page", None)
            measures = plan_page.get_published_measures() if plan_page else None
            context["unanswered_results"] = unanswered_results(
                self.bound_field.value(),
                measures,
                getattr(self.form, "ita_digits", "thai"),
            )
            return context


#: The number ``measure_label`` starts with: "2. " in "2. ประชาสัมพันธ์…".
LABEL_NUMBER = re.compile(r"^\s*[0-9๐-๙]+\.\s*")


def unanswered_results(results, measures, digits="thai"):
    """The results of an O43 form that answer no measure of ``measures``.

    As the checks and the public table pair them (``build_measure_table``):
    the first result naming a measure answers it; a result naming a measure
    that is not there (removed from O42), none, or a measure already answered
    answers none.

    Args:
        results: the form's ``results`` StreamValue.
        measures: the published O42 measures, or None (O42 not published: the
            results are not paired, nothing is marked).
        digits: the site's digits, for the numbers in the messages.

    Returns:
        ``{result block id: {"reason", "heading", "message", "was", "advice"}}``,
        in the results' order, numbered 1, 2… among themselves: the texts
        ``admin/results.js`` shows on each, in the admin's language.
    """
    if measures is None or not results:
        return {}
    numbers = {child.id: n for n, child in enumerate(measure_children(measures), 1)}
    write = digit_writer(digits)
    answered = set()
    marked = {}
    for child in results:
        if child.block_type != "result":
            continue
        measure_id = (child.value.get("measure_id") or "").strip()
        if measure_id in numbers and measure_id not in answered:
            answered.add(measure_id)
            continue
        if not child.id:
            continue  # nothing for the browser to find it by
        if measure_id in numbers:
            reason = "repeat"
            message = gettext(
                "This result repeats another result for measure %(number)s"
            ) % {"number": write(numbers[measure_id])}
        elif measure_id:
            reason = "removed"
            message = gettext("This measure was removed from O42")
        else:
            reason = "none"
            message = gettext("This result answers no measure of O42")
        label = LABEL_NUMBER.sub(
            "", " ".join(str(child.value.get("measure_label") or "").split())
        )
        marked[child.id] = {
            "reason": reason,
            "heading": gettext("Result %(number)s without a measure")
            % {"number": write(len(marked) + 1)},
            "message": message,
            "was": gettext("Its measure was: “%(measure)s”") % {"measure": label}
            if label and reason != "repeat"
            else "",
            "advice": gettext(
                "What is written here is kept. Move it to the right measure "
                "above, then delete this result."
            ),
        }
    return marked
