from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The LAO's home page; its ITA section lives under it at /ita/."""

    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """An ordinary page of the LAO's site, e.g. its news index."""

    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    template = "demo/home_page.html"

    class Meta:
        verbose_name = _("standard page")
