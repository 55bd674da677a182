"""The catalogue of OIT items: what the assessors check, year by year.

The list changes every year (ITA.md), so pages are bound to a catalogue item
by foreign key and webmasters can correct or add items and years in the admin.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..domain.catalogue import Coverage, PageType, PlanRule


def code_number(code):
    """The number of an item code, for ordering: "O7" → 7, "O42" → 42."""
    match = re.search(r"\d+", code or "")
    return int(match.group()) if match else 0


class OitItemQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year).order_by("sort_order", "number", "code")


class OitItem(models.Model):
    """One OIT item of one assessment year, e.g. O42 of 2564."""

    year = models.PositiveSmallIntegerField(
        _("assessment year (B.E.)"), help_text=_("e.g. 2564"), db_index=True
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. O42"))
    number = models.PositiveSmallIntegerField(_("number"), default=0, editable=False)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    title_th = models.CharField(_("title (Thai)"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    indicator = models.CharField(_("indicator"), max_length=10, help_text=_("e.g. 9"))
    indicator_title = models.CharField(_("indicator title"), max_length=255)
    sub_indicator = models.CharField(
        _("sub-indicator"), max_length=10, help_text=_("e.g. 9.1")
    )
    sub_indicator_title = models.CharField(_("sub-indicator title"), max_length=255)
    requirements = models.TextField(
        _("requirements"),
        blank=True,
        help_text=_("What the assessor expects to find on the page for this item."),
    )
    page_type = models.CharField(
        _("answered by"),
        max_length=20,
        choices=PageType.choices,
        default=PageType.ITEM,
        help_text=_("The kind of ITA page that answers this item."),
    )
    covers = models.CharField(
        _("fiscal year covered"),
        max_length=20,
        choices=Coverage.choices,
        blank=True,
        default=Coverage.ASSESSMENT_YEAR,
        help_text=_(
            "Which fiscal year the page's content must be about: the assessment "
            "year itself (2564–2566, plans of 2569) or the year before (reports "
            "of 2569, e.g. O26 covers fiscal year 2568)."
        ),
    )
    plan_rule = models.CharField(
        _("reports on"),
        max_length=20,
        choices=PlanRule.choices,
        blank=True,
        default=PlanRule.NONE,
        help_text=_(
            "For a report on the measures: which measures it answers. Use “the "
            "site's measures page” when that year's list has no measures item."
        ),
    )
    plan_code = models.CharField(
        _("plan item code"),
        max_length=10,
        blank=True,
        help_text=_("The code of the plan item reported on, e.g. O42."),
    )
    provisional = models.BooleanField(
        _("provisional"),
        default=False,
        help_text=_(
            "Copied from an earlier year because the NACC has not published this "
            "year's list yet. Untick it once the item is checked against the "
            "published list."
        ),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("For webmasters, e.g. where this item's wording came from."),
    )

    objects = OitItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("OIT item")
        verbose_name_plural = _("OIT items")
        ordering = ["-year", "sort_order", "number", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"], name="ita_oit_item_unique_code_per_year"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title} ({self.year})"

    def save(self, *args, **kwargs):
        self.number = code_number(self.code)
        super().save(*args, **kwargs)

    def clean(self):
        self.covers = self.covers or Coverage.ASSESSMENT_YEAR
        errors = {}
        is_report = self.page_type == PageType.MEASURE_RESULTS
        if is_report and not self.plan_rule:
            errors["plan_rule"] = _("Say which measures this report answers.")
        names_an_item = self.plan_rule in (
            PlanRule.SAME_YEAR_ITEM,
            PlanRule.PREVIOUS_YEAR_ITEM,
        )
        if names_an_item and not self.plan_code:
            errors["plan_code"] = _("Give the code of the plan item, e.g. O42.")
        if errors:
            raise ValidationError(errors)

    @property
    def covered_be_year(self):
        """The fiscal year (พ.ศ.) the item's content must cover."""
        if self.covers == Coverage.PREVIOUS_YEAR:
            return self.year - 1
        return self.year

    @property
    def plan_assessment_year(self):
        """The assessment year of the plan item reported on, or None."""
        if self.plan_rule == PlanRule.SAME_YEAR_ITEM:
            return self.year
        if self.plan_rule == PlanRule.PREVIOUS_YEAR_ITEM:
            return self.year - 1
        return None

    @property
    def title(self):
        """The title in the active language, falling back to Thai."""
        if (get_language() or "th").startswith("en") and self.title_en:
            return self.title_en
        return self.title_th
