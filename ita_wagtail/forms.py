"""Admin forms of the ITA pages.

A draft always saves; publishing (or submitting for approval) is refused while
the page breaks one of the guidance's rules, with the message placed on the
field or block to fix.
"""

from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.blocks.base import BlockField

from .compliance import plan_findings, plan_state_findings, report_findings
from .measure_table import sync_results_with_measures


class ItaPageForm(WagtailAdminPageForm):
    """Starts new pages with their defaults and checks content before publishing."""

    def __init__(self, data=None, files=None, parent_page=None, *args, **kwargs):
        instance = kwargs.get("instance")
        if (
            data is None
            and instance is not None
            and instance.pk is None
            and parent_page is not None
        ):
            instance.set_defaults_for_new_page(parent_page.specific)
        super().__init__(data, files, parent_page, *args, **kwargs)
        self.ita_findings = []

    def find_findings(self, cleaned_data):
        """The findings of the content being saved; overridden per page type."""
        return []

    def clean(self):
        cleaned_data = super().clean()
        self.ita_findings = self.find_findings(cleaned_data)
        # Deferred validation means a draft save: those are never blocked.
        if not self.is_deferred_validation:
            self.add_findings_as_errors([f for f in self.ita_findings if f.is_error])
        return cleaned_data

    def add_findings_as_errors(self, findings):
        by_field = defaultdict(list)
        for finding in findings:
            field = finding.field if finding.field in self.fields else NON_FIELD_ERRORS
            by_field[field].append(finding)
        for field, field_findings in by_field.items():
            if field in self.errors:
                continue  # the field's own error comes first
            if isinstance(self.fields.get(field), BlockField):
                self.add_error(field, _stream_error(field_findings))
            else:
                name = None if field == NON_FIELD_ERRORS else field
                for finding in field_findings:
                    self.add_error(name, ValidationError(finding.message))


def _stream_error(findings):
    """One StreamBlockValidationError placing each finding on its block."""
    non_block_errors = []
    by_block = defaultdict(lambda: {"children": defaultdict(list), "own": []})
    for finding in findings:
        if finding.block_index is None:
            non_block_errors.append(ValidationError(finding.message))
        elif finding.block_field:
            by_block[finding.block_index]["children"][finding.block_field].append(
                finding.message
            )
        else:
            by_block[finding.block_index]["own"].append(
                ValidationError(finding.message)
            )
    block_errors = {
        index: StructBlockValidationError(
            block_errors={
                name: ValidationError(messages)
                for name, messages in errors["children"].items()
            },
            non_block_errors=errors["own"],
        )
        for index, errors in by_block.items()
    }
    return StreamBlockValidationError(
        block_errors=block_errors, non_block_errors=non_block_errors
    )


class ItaYearPageForm(ItaPageForm):
    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        if year and self.parent_page is not None:
            siblings = (
                type(self.instance)
                .objects.child_of(self.parent_page)
                .filter(year=year)
                .exclude(pk=self.instance.pk)
            )
            if siblings.exists():
                self.add_error(
                    "year",
                    _("The ITA section already has a page for fiscal year %(year)s.")
                    % {"year": year},
                )
        return cleaned_data


class MeasurePlanForm(ItaPageForm):
    def find_findings(self, cleaned_data):
        if "measures" not in cleaned_data or self.parent_page is None:
            return []
        return plan_findings(
            self.parent_page.specific.fiscal_year, cleaned_data["measures"]
        )


class MeasureResultForm(ItaPageForm):
    """The O43 form: one result row per measure of the O42 page above it."""

    def __init__(self, data=None, files=None, parent_page=None, *args, **kwargs):
        super().__init__(data, files, parent_page, *args, **kwargs)
        self.plan_page = parent_page.specific if parent_page is not None else None
        if not self.is_bound and self.plan_page is not None:
            self.initial["results"] = sync_results_with_measures(
                self.fields["results"].block,
                self.initial.get("results"),
                self.plan_page.get_measures_for_editing(),
            )

    def find_findings(self, cleaned_data):
        if self.plan_page is None or "results" not in cleaned_data:
            return []
        findings = plan_state_findings(self.plan_page)
        if "report_date" in cleaned_data:
            findings += report_findings(
                self.plan_page.fiscal_year,
                cleaned_data["report_date"],
                cleaned_data["results"],
                self.plan_page.measures,
            )
        return findings
