"""Per-site settings: who publishes, and how numbers are written."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .site_access import ItaSiteSettingsPermissionPolicy


class OrganisationType(models.TextChoices):
    SUBDISTRICT_ADMINISTRATIVE_ORGANISATION = (
        "sao",
        _("Subdistrict administrative organisation (อบต.)"),
    )
    SUBDISTRICT_MUNICIPALITY = (
        "subdistrict_municipality",
        _("Subdistrict municipality (เทศบาลตำบล)"),
    )
    TOWN_MUNICIPALITY = "town_municipality", _("Town municipality (เทศบาลเมือง)")
    CITY_MUNICIPALITY = "city_municipality", _("City municipality (เทศบาลนคร)")
    PROVINCIAL_ADMINISTRATIVE_ORGANISATION = (
        "pao",
        _("Provincial administrative organisation (อบจ.)"),
    )
    BANGKOK = "bangkok", _("Bangkok Metropolitan Administration")
    PATTAYA = "pattaya", _("Pattaya City")
    OTHER = "other", _("Other government agency")


class Digits(models.TextChoices):
    THAI = "thai", _("Thai digits (๑๒๓)")
    ARABIC = "arabic", _("Arabic digits (123)")


@register_setting(icon="site")
class ItaSiteSettings(BaseSiteSetting):
    """The organisation behind one site's ITA section."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=255,
        blank=True,
        help_text=_(
            "The full official name, as the assessors know it, e.g. "
            "“องค์การบริหารส่วนตำบลทุ่งกว่าว”. It heads every ITA page."
        ),
    )
    organisation_type = models.CharField(
        _("organisation type"),
        max_length=32,
        choices=OrganisationType.choices,
        default=OrganisationType.SUBDISTRICT_ADMINISTRATIVE_ORGANISATION,
        help_text=_("The kind of local administration, as in the NACC's list."),
    )
    digits = models.CharField(
        _("digits"),
        max_length=8,
        choices=Digits.choices,
        default=Digits.THAI,
        help_text=_("How numbers and dates are written on the public ITA pages."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("organisation_type"),
        FieldPanel("digits"),
    ]

    class Meta:
        verbose_name = _("ITA settings")
        verbose_name_plural = _("ITA settings")

    def __str__(self):
        return self.organisation_name or str(self.site)

    @classmethod
    def get_permission_policy(cls):
        # Only the webmasters of a site change its settings, not those of
        # every site on the instance.
        return ItaSiteSettingsPermissionPolicy(cls)
