"""The catalogue of OIT items: what the assessors check, year by year.

The list changes every year (ITA.md), so pages are bound to a catalogue item
by foreign key and webmasters can correct or add items and years in the admin.
"""

import re

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PageType(models.TextChoices):
    """Which kind of ITA page answers an item."""

    ITEM = "item", _("Item page")
    MEASURES = "measures", _("Integrity and transparency measures (O42)")
    MEASURE_RESULTS = "measure_results", _("Report on the measures (O43)")


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

    @property
    def title(self):
        """The title in the active language, falling back to Thai."""
        if (get_language() or "th").startswith("en") and self.title_en:
            return self.title_en
        return self.title_th
