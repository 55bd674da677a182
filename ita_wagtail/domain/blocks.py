"""StreamField blocks of the ITA pages: measures (O42), results (O43), evidence."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from ..fiscal import Period
from .dates import BuddhistEraDateBlock, buddhist_era_text, current_message_digits


class ResultStatus:
    """How far a measure has been carried out, as reported in O43."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    choices = (
        (NOT_STARTED, _("Not started")),
        (IN_PROGRESS, _("In progress")),
        (DONE, _("Done")),
    )


class CheckedOnPublishingBlock(blocks.StructBlock):
    """A StructBlock that a draft always saves and publishing checks.

    A draft (an autosave as the editor types) saves whatever is filled in so
    far; ``check_for_publishing`` runs when the page is published or submitted
    for moderation, and refuses it with a StructBlockValidationError.
    """

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation:
            self.check_for_publishing(value)
        return value

    def check_for_publishing(self, value):
        """Raise StructBlockValidationError if ``value`` may not be published."""


class PeriodBlock(CheckedOnPublishingBlock):
    """When a measure is carried out: a start and an end date.

    A period of whole months is shown the way LAOs write it ("ม.ค.-มี.ค. ๖๔").
    Whether it lies inside the fiscal year is checked by the page, which knows
    its year; this block only checks that it does not end before it starts.
    """

    start = BuddhistEraDateBlock(
        label=_("Start"),
        help_text=_("First day of the period, e.g. 1 January 2021 for “ม.ค. ๖๔”."),
    )
    end = BuddhistEraDateBlock(
        label=_("End"),
        help_text=_("Last day of the period, e.g. 31 March 2021 for “มี.ค. ๖๔”."),
    )

    class Meta:
        label = _("Period")
        icon = "date"

    def check_for_publishing(self, value):
        start, end = value.get("start"), value.get("end")
        if start and end and start > end:
            # In the digits of the site whose page is being saved.
            digits = current_message_digits()
            raise blocks.StructBlockValidationError(
                block_errors={
                    "end": ValidationError(
                        _("The period ends on %(end)s, before it starts on %(start)s.")
                        % {
                            "end": buddhist_era_text(end, digits),
                            "start": buddhist_era_text(start, digits),
                        },
                        code="period_reversed",
                    )
                }
            )


def period_of(value):
    """The `Period` of a PeriodBlock value, or None while it is incomplete."""
    if not value:
        return None
    start, end = value.get("start"), value.get("end")
    if not (start and end) or start > end:
        return None
    return Period(start, end)


class MeasureBlock(blocks.StructBlock):
    """One measure of the year's plan (O42), one row of the O42 table."""

    measure = blocks.TextBlock(
        label=_("Measure"),
        help_text=_(
            "The measure or approach (มาตรการ/แนวทาง), as adopted from the analysis "
            "of last year's ITA result."
        ),
    )
    methods = blocks.ListBlock(
        blocks.TextBlock(label=_("Step")),
        label=_("How it is carried out"),
        help_text=_("One step per item, in order (วิธีการดำเนินการ)."),
        min_num=1,
    )
    offices = blocks.ListBlock(
        SnippetChooserBlock("ita_wagtail.ResponsibleOffice", label=_("Office")),
        label=_("Responsible offices"),
        help_text=_("The offices answerable for this measure (ผู้รับผิดชอบ)."),
        min_num=1,
    )
    period = PeriodBlock(
        help_text=_("When it is carried out; it must lie inside the fiscal year.")
    )
    notes = blocks.TextBlock(
        label=_("Notes"),
        required=False,
        help_text=_("Anything else a reader should know about this measure."),
    )

    class Meta:
        label = _("Measure")
        icon = "list-ol"
        form_classname = "ita-measure-block"


class AnalysisPointBlock(blocks.StructBlock):
    """One finding of the analysis of the previous year's ITA result."""

    weakness = blocks.TextBlock(
        label=_("Weak point"),
        help_text=_("What scored low or was missing in last year's assessment."),
    )
    improvement = blocks.TextBlock(
        label=_("What to improve"),
        help_text=_("What the weak point calls for this year."),
    )
    approach = blocks.TextBlock(
        label=_("How"),
        required=False,
        help_text=_(
            "How it will be improved. The assessor expects this year's measures "
            "to follow from it."
        ),
    )

    class Meta:
        label = _("Point of analysis")
        icon = "search"


class LinkBlock(CheckedOnPublishingBlock):
    """A link to a page of the site or, failing that, to an address."""

    page = blocks.PageChooserBlock(label=_("Page of this site"), required=False)
    url = blocks.URLBlock(
        label=pgettext_lazy("web address", "Address"),
        required=False,
        help_text=_(
            "Prefer a page of this site: the assessor does not accept a PDF file "
            "or a Google Drive link that is not shown on the organisation's own "
            "website."
        ),
    )
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=255)

    class Meta:
        label = _("Link")
        icon = "link"

    def check_for_publishing(self, value):
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                non_block_errors=[
                    ValidationError(_("Choose a page of this site or give an address."))
                ]
            )


class EvidenceBlock(blocks.StreamBlock):
    """What shows a result was achieved: documents, photographs, pages, links."""

    document = DocumentChooserBlock(label=_("Document"))
    image = ImageChooserBlock(label=_("Image"))
    link = LinkBlock()

    class Meta:
        label = _("Evidence")
        icon = "doc-full"
        required = False


class MeasureReferenceWidget(forms.HiddenInput):
    """Carries the stable id of the O42 measure a result belongs to."""


class MeasureReferenceBlock(blocks.FieldBlock):
    """The id of the O42 measure block a result answers; set by the page form."""

    # Migrations name this block by the path it had first (ita_wagtail/blocks.py).
    canonical_module_path = "ita_wagtail.blocks.MeasureReferenceBlock"

    def __init__(self, required=False, **kwargs):
        self._required = required
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.CharField(
            required=self._required, widget=MeasureReferenceWidget, max_length=64
        )

    class Meta:
        label = _("Measure reference")
        form_classname = "ita-measure-reference"


class MeasureLabelBlock(blocks.FieldBlock):
    """The measure's text shown read-only above its result, for the editor only.

    The page form refreshes it from O42 each time the editor opens the page;
    public pages always show the measure's own text from O42 instead.
    """

    # Migrations name this block by the path it had first (ita_wagtail/blocks.py).
    canonical_module_path = "ita_wagtail.blocks.MeasureLabelBlock"

    @cached_property
    def field(self):
        return forms.CharField(
            required=False,
            widget=forms.Textarea(
                # As tall as the measure: Wagtail's own auto-height textarea.
                attrs={
                    "readonly": "readonly",
                    "rows": 1,
                    "data-controller": "w-autosize",
                }
            ),
            # Wagtail shows a FieldBlock's help text from its form field.
            help_text=getattr(self.meta, "help_text", None),
        )

    class Meta:
        label = _("Measure")
        form_classname = "ita-measure-label"


class ResultBlock(blocks.StructBlock):
    """What was done for one O42 measure, one row of the O43 table."""

    measure_label = MeasureLabelBlock(
        help_text=_("Copied from the measures page; edit the measure there.")
    )
    measure_id = MeasureReferenceBlock()
    actions = blocks.ListBlock(
        blocks.TextBlock(label=_("Action")),
        label=_("What was done"),
        default=[],
        help_text=_(
            "Each action taken for this measure, in order. The assessor expects "
            "enough detail to see how the measure was carried out."
        ),
    )
    outcome = blocks.TextBlock(
        label=_("Outcome"),
        required=False,
        help_text=_("What the actions achieved (ผลการดำเนินการ)."),
    )
    suggestions = blocks.TextBlock(
        label=_("Suggestions"),
        required=False,
        help_text=_("Suggestions for next year's measures (ข้อเสนอแนะ)."),
    )
    status = blocks.ChoiceBlock(
        choices=ResultStatus.choices,
        default=ResultStatus.NOT_STARTED,
        label=_("Status"),
        help_text=_(
            "How far the measure has got; the public page counts the measures "
            "done, in progress and not started."
        ),
    )
    evidence = EvidenceBlock(
        required=False,
        help_text=_(
            "Documents, photographs or pages that show the work was done. The "
            "assessor expects them on this website, not only as files elsewhere."
        ),
    )

    class Meta:
        label = _("Result")
        icon = "tick-inverse"
        form_classname = "ita-result-block"


class MeasureStreamBlock(blocks.StreamBlock):
    measure = MeasureBlock()


class AnalysisStreamBlock(blocks.StreamBlock):
    point = AnalysisPointBlock()


def result_has_content(value):
    """Whether an O43 result (a ResultBlock value, or its raw dict) holds
    anything an editor typed."""
    return bool(
        list(value.get("actions") or [])
        or value.get("outcome")
        or value.get("suggestions")
        or list(value.get("evidence") or [])
    )


class ResultStreamBlock(blocks.StreamBlock):
    result = ResultBlock()
