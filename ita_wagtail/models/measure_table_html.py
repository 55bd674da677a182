"""The app's own O42/O43 table, written in Python: the same HTML, faster.

``ita_wagtail/includes/measure_table.html`` lays out a 50-measure table in
some 4,000 template nodes. When a site has not replaced that template (the
page type's ``table_template`` is the app's, and the template loader picks
the app's own file for that name), the pages hand ``{% include table_template
%}`` a :class:`MeasureTableHtml` instead of the name: it writes exactly what
the template would, in Python. Any override, by attribute or by a template of
the same name earlier in the template path, gets the template as before. The
evidence of a result is still rendered with ``includes/evidence.html``, so a
site's own evidence template is honoured either way.

Keep the two in step: tests/test_measure_table_html.py compares them byte for
byte.
"""

from pathlib import Path

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext


#: The app's table template, and the file it is.
TABLE_TEMPLATE = "ita_wagtail/includes/measure_table.html"
#: The app's templates folder (this module is in ita_wagtail/models/).
APP_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TABLE_TEMPLATE_FILE = str(APP_TEMPLATES / TABLE_TEMPLATE)
EVIDENCE_TEMPLATE = "ita_wagtail/includes/evidence.html"


def picks_the_apps_template(name):
    """Whether the template loader picks the app's own file for ``name``.

    False for a Template object, or when a site's template of the same name
    comes earlier in the template path.
    """
    if not isinstance(name, str):
        return False
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return False
    origin = getattr(getattr(template, "template", None), "origin", None)
    return origin is not None and str(Path(origin.name).resolve()) == str(
        APP_TEMPLATES / name
    )


def picks_the_apps_table(name):
    """Whether ``{% include name %}`` would render the app's own table file."""
    return name == TABLE_TEMPLATE and picks_the_apps_template(name)


def table_template_for(name):
    """What a page puts in its context as ``table_template``."""
    return MeasureTableHtml() if picks_the_apps_table(name) else name


def _headings():
    e = conditional_escape
    return {
        "measure": e(gettext("Measure/approach")),
        "methods": e(gettext("How it is carried out")),
        "offices": e(gettext("Responsible")),
        "period": e(gettext("Period")),
        "results": e(gettext("Results")),
        "suggestions": e(gettext("Suggestions")),
    }


def _e(value):
    """conditional_escape, without a call for the cells already made safe."""
    return value if isinstance(value, SafeData) else escape(value)


def _items(values):
    return "".join(f"<li>{_e(value)}</li>" for value in values)


class MeasureTableHtml:
    """Renders like ``get_template(TABLE_TEMPLATE)`` for ``{% include %}``.

    Reads what the template reads from the context: ``table``,
    ``show_results``, ``caption`` and ``ita_digits``.
    """

    def render(self, context=None):
        e = conditional_escape
        table = context.get("table")
        show_results = bool(context.get("show_results"))
        caption = context.get("caption", "")
        digits = context.get("ita_digits", "")
        h = _headings()
        suggestions = table.has_suggestions if table is not None else False
        if show_results:
            kind = "ita-table--results" + (
                "" if suggestions else " ita-table--no-suggestions"
            )
        else:
            kind = "ita-table--plan"
        out = [
            f'\n\n\n\n<table class="ita-table {kind} ita-digits-{e(digits)}">\n'
            f'    <caption class="ita-table__caption">{e(caption)}</caption>\n'
            "    <thead>\n"
            "        <tr>\n"
            f'            <th scope="col">{h["measure"]}</th>\n'
            f'            <th scope="col">{h["methods"]}</th>\n'
            f'            <th scope="col">{h["offices"]}</th>\n'
            f'            <th scope="col">{h["period"]}</th>\n'
            "            "
        ]
        if show_results:
            out.append(
                f'\n            <th scope="col">{h["results"]}</th>\n            '
                + (f'<th scope="col">{h["suggestions"]}</th>' if suggestions else "")
                + "\n            "
            )
        out.append("\n        </tr>\n    </thead>\n    <tbody>\n        ")
        missing = e(gettext("No result reported yet.")) if show_results else ""
        for row in table.rows if table is not None else ():
            out.append(self.row(context, row, h, show_results, suggestions, missing))
        out.append("\n    </tbody>\n</table>\n\n")
        return SafeString("".join(out))

    def row(self, context, row, h, show_results, suggestions, missing):
        e = _e
        text = row.text
        notes = text["notes"]
        out = [
            f'\n        <tr id="{e(row.anchor)}" class="ita-table__row">\n'
            f'            <th scope="row" class="ita-table__measure" '
            f'data-label="{h["measure"]}">\n'
            f'                <span class="ita-table__number">{e(text["number"])}.'
            "</span>\n"
            f"                {e(text['measure'])}\n"
            "                "
            + (f'<p class="ita-table__notes">{e(notes)}</p>' if notes else "")
            + "\n            </th>\n"
            f'            <td data-label="{h["methods"]}">\n'
            '                <ol class="ita-list">\n'
            f"                    {_items(text['methods'])}\n"
            "                </ol>\n"
            "            </td>\n"
            f'            <td data-label="{h["offices"]}">\n'
            '                <ul class="ita-plain-list">\n'
            f"                    {_items(text['offices'])}\n"
            "                </ul>\n"
            "            </td>\n"
            f'            <td data-label="{h["period"]}" class="ita-table__period">'
            f"{e(text['period'])}</td>\n"
            "            "
        ]
        if show_results:
            out.append("\n            ")
            if row.result:
                out.append(
                    f'\n            <td data-label="{h["results"]}">\n'
                    '                <p class="ita-status ita-status--'
                    f'{e(row.status)}">{e(row.status_label)}</p>\n'
                    "                "
                )
                if text["actions"]:
                    out.append(
                        '\n                <ol class="ita-list">\n'
                        f"                    {_items(text['actions'])}\n"
                        "                </ol>\n"
                        "                "
                    )
                outcome = text["outcome"]
                out.append(
                    "\n                "
                    + (f"<p>{e(outcome)}</p>" if outcome else "")
                    + "\n                "
                )
                evidence = row.result.get("evidence")
                if evidence:
                    out.append(self.evidence(context, row, text, evidence, suggestions))
                out.append(
                    "\n            </td>\n            "
                    + (
                        f'<td data-label="{h["suggestions"]}">'
                        f"{e(text['suggestions'])}</td>"
                        if suggestions
                        else ""
                    )
                    + "\n            "
                )
            else:
                out.append(
                    f'\n            <td data-label="{h["results"]}" '
                    + ('colspan="2" ' if suggestions else "")
                    + f'class="ita-table__missing">{missing}</td>\n            '
                )
            out.append("\n            ")
        out.append("\n        </tr>\n        ")
        return "".join(out)

    @staticmethod
    def evidence(context, row, text, evidence, suggestions):
        """The evidence list, through its template (a site may replace it)."""
        template = context.template.engine.get_template(EVIDENCE_TEMPLATE)
        with context.push(
            row=row, text=text, evidence=evidence, suggestions=suggestions
        ):
            return template.render(context)
