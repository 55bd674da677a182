"""Admin forms of the ITA pages.

A draft always saves; publishing (or submitting for approval) is refused while
the page breaks one of the guidance's rules, with the message placed on the
field or block to fix.
"""

import re
from collections import defaultdict

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.blocks.base import BlockField

from ..domain.blocks import result_has_content
from ..domain.catalogue import PageType
from ..domain.compliance import (
    analysis_findings,
    binding_findings,
    item_page_findings,
    office_site_findings,
    plan_findings,
    plan_state_findings,
    report_findings,
    same_year_findings,
)
from ..domain.compliance.findings import ERROR, Finding
from ..domain.compliance.years import covered_fiscal_year, plan_site_findings
from ..domain.dates import message_digits, parse_thai_date, use_buddhist_era
from ..domain.measure_table import measure_children, sync_results_with_measures
from ..fiscal import to_arabic_digits
from .catalogue import OitItem
from .catalogue_loading import ensure_year
from .evidence import evidence_site_findings
from .history import summarise
from .settings import ItaSiteSettings
from .site_access import site_ids_of


def site_digits(page):
    """The digits ("thai"/"arabic") of the site ``page`` is on; Thai if none."""
    site = page.get_site() if page is not None else None
    return (ItaSiteSettings.for_site(site).digits if site else None) or "thai"


#: The inputs of O42's period dates, and of a typed table's cells.
PERIOD_DATE_INPUT = re.compile(r"^[\w-]+-value-period-(start|end)$")
TABLE_CELL_INPUT = re.compile(r"^(?P<table>[\w-]+)-cell-\d+-(?P<column>\d+)$")


def _is_block_date_input(data, name):
    if PERIOD_DATE_INPUT.match(name):
        return True
    cell = TABLE_CELL_INPUT.match(name)
    return bool(cell) and (
        data.get(f"{cell['table']}-column-{cell['column']}-type") == "date"
    )


def typed_buddhist_era_dates(data):
    """``{input name: ISO date}`` of the block dates typed otherwise than
    the picker writes them ("31/03/2564", "2564-03-31"), as they are saved."""
    converted = {}
    for name in data:
        value = data.get(name)
        if not isinstance(value, str) or not _is_block_date_input(data, name):
            continue
        try:
            parsed = parse_thai_date(value)
        except ValueError:
            continue  # refused by the block, with its message
        if parsed is not None and value.strip() != parsed.isoformat():
            converted[name] = parsed.isoformat()
    return converted


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
        self.ita_digits = site_digits(parent_page)
        if "title" in self.fields:
            # The digits the admin's พ.ศ. dates are written in (admin/dates.js),
            # and what it says of a date typed in พ.ศ.
            self.fields["title"].widget.attrs.update(
                {
                    "data-ita-digits": self.ita_digits,
                    "data-ita-be-typed": _(
                        "%(date)s, stored as the Christian-era date %(iso)s"
                    ),
                }
            )

    def find_findings(self, cleaned_data):
        """The findings of the content being saved; overridden per page type."""
        return []

    def full_clean(self):
        # The blocks' messages (a period ending before it starts) write their
        # dates in the site's digits, which the blocks do not know.
        with message_digits(self.ita_digits):
            super().full_clean()

    def clean(self):
        cleaned_data = super().clean()
        self.check_not_stale()
        self.ita_findings = self.find_findings(cleaned_data)
        # Deferred validation means a draft save: those are never blocked.
        if not self.is_deferred_validation:
            self.add_findings_as_errors([f for f in self.ita_findings if f.is_error])
        return cleaned_data

    def check_not_stale(self):
        """Refuse a save based on an older revision than the page's latest.

        Wagtail's edit form carries the revision it was opened on
        (``loaded_revision_id`` and its ``loaded_revision_created_at``) and,
        once this editor's own autosave has saved, ``overwrite_revision_id``.
        Wagtail 8 refuses only autosaves on a stale form; here every save,
        draft or not, is refused, and the form keeps what the editor typed.
        The re-shown form is based on the latest revision: saving it again
        is a deliberate replacement. A newer revision saved by the same user
        (their autosave still in flight, another tab) is theirs to replace.
        """
        latest = getattr(self.instance, "latest_revision", None)
        if self.data is None or not self.instance.pk or latest is None:
            return
        if overwrite_id := self.data.get("overwrite_revision_id"):
            stale = overwrite_id != str(latest.pk)
        elif loaded_id := self.data.get("loaded_revision_id"):
            stale = (
                loaded_id != str(latest.pk)
                or self.data.get("loaded_revision_created_at", "")
                != latest.created_at.isoformat()
            )
        else:
            return  # nothing to compare with (not Wagtail's own form)
        user = getattr(self, "for_user", None)
        if stale and user is not None and user.pk and latest.user_id == user.pk:
            # The editor's own newer save (an autosave still in flight when
            # they pressed Save, or another tab): theirs to replace.
            stale = False
        if stale:
            user = latest.user
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Not saved: %(user)s saved a newer version of this page "
                        "after you opened it. Your changes are still on this "
                        "form. Open the page in another tab to see the newer "
                        "version; saving this form again replaces it with what "
                        "is on this form."
                    )
                    % {
                        "user": (user.get_full_name() or user.get_username())
                        if user
                        else _("someone")
                    },
                    code="stale",
                ),
            )

    def get_field_updates_for_resave(self):
        """After an autosave, the form in the browser is based on its revision.

        Wagtail's autosave sends the new revision with its own requests only
        (``overwrite_revision_id``); the editor's next Save or Publish posts
        the ``loaded_revision_*`` inputs, which are brought up to date here,
        so that ``check_not_stale`` does not take the editor's own autosave
        for someone else's save.
        """
        updates = list(super().get_field_updates_for_resave())
        latest = getattr(self.instance, "latest_revision", None)
        if latest is not None:
            updates += [
                ("loaded_revision_id", str(latest.pk)),
                ("loaded_revision_created_at", latest.created_at.isoformat()),
            ]
        # A block date typed in พ.ศ. shows the ค.ศ. date it was saved as.
        if self.data is not None:
            updates += typed_buddhist_era_dates(self.data).items()
        return updates

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


#: A Buddhist-era year written in a title or slug, in Arabic or Thai digits.
NAMED_YEAR = re.compile(r"(?<![0-9๐-๙])[2๒][4-7๔-๗][0-9๐-๙]{2}(?![0-9๐-๙])")


def named_years(text):
    """The Buddhist-era years ``text`` names, as numbers."""
    return {int(to_arabic_digits(found)) for found in NAMED_YEAR.findall(text or "")}


class ItaYearPageForm(ItaPageForm):
    """The year names the page: its title and slug may not name another year.

    ``year.js`` makes the title and slug follow the year field while the
    editor has not changed them; this check catches what it cannot (a title
    typed by hand, a form saved without JavaScript).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "year" in self.fields:
            self.fields["year"].widget.attrs["data-ita-year-names"] = "title slug"

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        if year:
            self.refuse_other_years(year, cleaned_data)
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

    def save(self, commit=True):
        """The year gets its catalogue on the way: the shipped list, or, for a
        year nobody has published yet, a provisional copy of the latest one."""
        ensure_year(self.cleaned_data["year"])
        return super().save(commit)

    def refuse_other_years(self, year, cleaned_data):
        """A title or slug that names a year, but not ``year``, is a mistake."""
        messages = {
            "title": _(
                "The title names fiscal year %(named)s but the page is for fiscal "
                "year %(year)s: correct the title or the year."
            ),
            "slug": _(
                "The slug (the page's web address) names fiscal year %(named)s but "
                "the page is for fiscal year %(year)s: correct the slug or the year."
            ),
        }
        for name, message in messages.items():
            named = named_years(cleaned_data.get(name))
            if named and year not in named and name not in self.errors:
                self.add_error(
                    name,
                    message
                    % {
                        "named": ", ".join(str(other) for other in sorted(named)),
                        "year": year,
                    },
                )


class ItaItemPageForm(ItaPageForm):
    """A page answering one OIT item: the item is chosen from the page's year."""

    def __init__(self, data=None, files=None, parent_page=None, *args, **kwargs):
        super().__init__(data, files, parent_page, *args, **kwargs)
        self.fiscal_year = (
            parent_page.specific.fiscal_year if parent_page is not None else None
        )
        if "oit_item" in self.fields and self.fiscal_year is not None:
            ensure_year(self.fiscal_year.be_year)
            self.fields["oit_item"].queryset = OitItem.objects.for_year(
                self.fiscal_year.be_year
            ).filter(page_type=self.instance.oit_page_type)
        # Title and slug follow the chosen item when left empty.
        for name in ("title", "slug"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        item = self.cleaned_data.get("oit_item")
        if item is not None:
            if not self.cleaned_data.get("title"):
                self.cleaned_data["title"] = item.title_th
            if not self.cleaned_data.get("slug"):
                self.cleaned_data["slug"] = item.code.lower()
        for name in ("title", "slug"):
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        cleaned_data = super().clean()
        if item is not None and self.parent_page is not None:
            self.check_one_page_per_item(item)
        return cleaned_data

    def check_one_page_per_item(self, item):
        """One catalogue item has at most one page per year."""
        year_page = self.parent_page.specific.year_page
        if year_page is None:
            return
        for page_class in self.instance.item_page_classes():
            taken = (
                page_class.objects.descendant_of(year_page)
                .filter(oit_item=item)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if taken is not None:
                self.add_error(
                    "oit_item",
                    _("%(code)s already has a page this year: “%(title)s”.")
                    % {"code": item.code, "title": taken.title},
                )
                return

    def find_findings(self, cleaned_data):
        if "oit_item" not in cleaned_data:
            return []
        return binding_findings(
            cleaned_data["oit_item"], self.fiscal_year, self.ita_digits
        )


class ItaItemBodyForm(ItaItemPageForm):
    def find_findings(self, cleaned_data):
        findings = super().find_findings(cleaned_data)
        if "body" in cleaned_data:
            findings += item_page_findings(cleaned_data["body"])
            if self.parent_page is not None:
                findings += evidence_site_findings(
                    cleaned_data["body"], site_ids_of(self.parent_page), "body"
                )
        return findings


#: "1. ", "๑) ", "(2) " typed before a measure or a step: the table numbers them.
TYPED_NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]{1,3}\s*[.)](?![0-9๐-๙])\s*(?=\S)")


def without_typed_number(text):
    return TYPED_NUMBER.sub("", text) if isinstance(text, str) else text


def unnumber_measures(measures):
    """Drop the numbers typed before measures and their steps.

    The O42 table and the O43 editor number measures and steps themselves;
    "1. เปิดเผย…" typed by the editor would show as "๑. ๑. เปิดเผย…".
    """
    for child in measure_children(measures):
        child.value["measure"] = without_typed_number(child.value.get("measure"))
        for step in getattr(child.value.get("methods"), "bound_blocks", ()):
            step.value = without_typed_number(step.value)


class MeasurePlanForm(ItaItemPageForm):
    """The O42 form; publishing asks before removing a measure that has results."""

    confirm_measure_removal = forms.BooleanField(
        label=_("Remove these measures anyway"),
        required=False,
        help_text=_(
            "Their results stay in the reports, marked as answering no measure, "
            "until you move or delete them there."
        ),
    )

    def clean(self):
        if self.cleaned_data.get("measures"):
            unnumber_measures(self.cleaned_data["measures"])
        cleaned_data = super().clean()
        # Asked when publishing or submitting, not on a draft save: O43
        # answers the published O42, which a draft leaves as it is; and an
        # autosave (Wagtail 8 saves drafts as the editor types) can neither
        # show the box nor be ticked, so asking there paused autosave.
        if (
            "measures" in cleaned_data
            and self.instance.pk
            and not self.is_deferred_validation
        ):
            self.check_removed_measures(cleaned_data)
        return cleaned_data

    def measures_answered_now(self):
        """The measures O43 answers now: the published ones, or, for an O42
        never published, those of the version being edited."""
        stored = type(self.instance).objects.filter(pk=self.instance.pk).first()
        published = stored.get_published_measures() if stored else None
        return self.instance.measures if published is None else published

    def check_removed_measures(self, cleaned_data):
        kept = {child.id for child in measure_children(cleaned_data["measures"])}
        removed = {
            child.id: child.value.get("measure", "")
            for child in measure_children(self.measures_answered_now())
            if child.id not in kept
        }
        if not removed or cleaned_data.get("confirm_measure_removal"):
            return
        affected = []
        for report in self.instance.get_reports():
            results = getattr(report, "results", None) or []
            for result in results:
                measure_id = result.value.get("measure_id")
                if measure_id in removed and result_has_content(result.value):
                    affected.append((removed[measure_id], report.title))
        if affected:
            self.add_error(
                "confirm_measure_removal",
                _(
                    "These measures already have results: %(list)s. Removing them "
                    "leaves those results without their measure. Tick the box to "
                    "remove them anyway."
                )
                % {
                    "list": "; ".join(
                        f"“{summarise(text, 60)}” ({title})" for text, title in affected
                    )
                },
            )

    def find_findings(self, cleaned_data):
        findings = super().find_findings(cleaned_data)
        oit_item = cleaned_data.get("oit_item")
        if oit_item is None and not self.fields["oit_item"].queryset.exists():
            # The year's list has no measures item (2568?): the measures are
            # still adopted, and next year's report answers them.
            findings = [f for f in findings if f.code != "item.not_bound"]
        if "measures" in cleaned_data:
            findings += plan_findings(
                covered_fiscal_year(oit_item, self.fiscal_year),
                cleaned_data["measures"],
                digits=self.ita_digits,
            )
            if self.parent_page is not None:
                findings += office_site_findings(
                    cleaned_data["measures"], site_ids_of(self.parent_page)
                )
        if "analysis_intro" in cleaned_data and "analysis" in cleaned_data:
            findings += analysis_findings(
                cleaned_data["analysis_intro"], cleaned_data["analysis"]
            )
        return findings


class MeasureResultForm(ItaItemPageForm):
    """The O43 form: one result row per measure of the O42 page it answers.

    That page is the parent (O43 of 2564–2566), or the measures page the
    report names when it answers another year's measures (O26 of 2569).
    """

    def __init__(self, data=None, files=None, parent_page=None, *args, **kwargs):
        super().__init__(data, files, parent_page, *args, **kwargs)
        if "report_date" in self.fields:
            use_buddhist_era(self, "report_date", self.ita_digits)
        parent = parent_page.specific if parent_page is not None else None
        # A measures page (O42) is the page type that answers a MEASURES item.
        is_plan = getattr(parent, "oit_page_type", None) == PageType.MEASURES
        self.parent_plan_page = parent if is_plan else None
        named = self.instance.measures_page if self.instance.measures_page_id else None
        self.plan_page = named.specific if named else self.parent_plan_page
        if not self.is_bound and self.plan_page is not None:
            # O43 answers the published O42 (a newer draft is a finding).
            self.initial["results"] = sync_results_with_measures(
                self.fields["results"].block,
                self.initial.get("results"),
                self.plan_page.get_published_measures(),
            )

    def find_findings(self, cleaned_data):
        findings = super().find_findings(cleaned_data)
        if "measures_page" in cleaned_data:
            named = cleaned_data["measures_page"]
            self.plan_page = named.specific if named else self.parent_plan_page
            if named is not None:
                year_page = (
                    self.parent_page.specific.year_page if self.parent_page else None
                )
                findings += plan_site_findings(year_page, self.plan_page)
        if self.plan_page is None:
            if self.parent_page is not None and self.parent_plan_page is None:
                findings.append(
                    Finding(
                        ERROR,
                        "report.no_measures_page",
                        _(
                            "Choose the measures page this report answers: this "
                            "year's, or last year's for a report on last year's "
                            "measures."
                        ),
                        field="measures_page",
                    )
                )
            return findings
        if "results" not in cleaned_data:
            return findings
        oit_item = cleaned_data.get("oit_item")
        findings += plan_state_findings(self.plan_page)
        findings += evidence_site_findings(
            cleaned_data["results"], site_ids_of(self.plan_page), "results"
        )
        findings += same_year_findings(oit_item, self.plan_page, self.ita_digits)
        if "report_date" in cleaned_data:
            findings += report_findings(
                covered_fiscal_year(oit_item, self.plan_page.fiscal_year),
                cleaned_data["report_date"],
                cleaned_data["results"],
                self.plan_page.get_published_measures(),
                oit_item,
                pair=self.plan_page.live,
                digits=self.ita_digits,
            )
        return findings
