"""Responsible offices (ผู้รับผิดชอบ) that editors pick for each measure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site
from wagtail.search import index


class ResponsibleOffice(index.Indexed, models.Model):
    """An office of one LAO: กองคลัง, สำนักปลัด, ทุกสำนัก/กอง …"""

    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="ita_offices",
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("As it should read in the ‘responsible’ column, e.g. “กองคลัง”."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("site"),
    ]

    class Meta:
        verbose_name = _("responsible office")
        verbose_name_plural = _("responsible offices")
        ordering = ["site", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"], name="ita_office_unique_name_per_site"
            )
        ]

    def __str__(self):
        return self.name
