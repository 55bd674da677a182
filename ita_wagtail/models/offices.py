"""Responsible offices (ผู้รับผิดชอบ) that editors pick for each measure."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import BaseLogEntry, Site
from wagtail.models.audit_log import ModelLogEntryManager
from wagtail.search import index

from .site_access import ita_sites_for_user


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


class ResponsibleOfficeLogEntryManager(ModelLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.setdefault("site_id", instance.site_id)
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        """The entries of the offices of the user's own sites (all, for superusers)."""
        if user.is_superuser:
            return self.all()
        if not user.has_perm("ita_wagtail.view_responsibleoffice"):
            return self.none()
        return self.filter(site__in=ita_sites_for_user(user))


class ResponsibleOfficeLogEntry(BaseLogEntry):
    """What was done to an office, by whom: Wagtail's history of it, per site.

    Wagtail keeps the history of other models in one table (ModelLogEntry)
    and shows it to whoever has a permission on the model: every LAO's
    webmasters would read the other LAOs' office history in Reports → Site
    history. These entries carry the office's site, and each user reads those
    of their own sites (``site_access.ita_sites_for_user``).
    """

    object_id = models.CharField(max_length=255, blank=False, db_index=True)
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,  # the site was deleted: superusers still read the entry
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ResponsibleOfficeLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("responsible office log entry")
        verbose_name_plural = _("responsible office log entries")

    def __str__(self):
        return f"ResponsibleOfficeLogEntry {self.pk}: {self.action!r} on {self.label!r}"
