"""The ITA section and its years: ItaIndexPage (/ita/) and ItaYearPage (/ita/2564/).

Each page type comes as an abstract mixin plus a concrete page, as Wagtail's
own ``AbstractForm(FormMixin, Page)`` does, so a site can build its own page
types on the same behaviour.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..fiscal import FiscalYear
from ..forms import ItaPageForm, ItaYearPageForm
from .settings import ItaSiteSettings


DEFAULT_BASE_TEMPLATE = "ita_wagtail/base.html"


def get_base_template():
    """The template every public ITA page extends (``ITA_WAGTAIL_BASE_TEMPLATE``)."""
    return getattr(settings, "ITA_WAGTAIL_BASE_TEMPLATE", DEFAULT_BASE_TEMPLATE)


class ItaPageMixin(models.Model):
    """What every ITA page shares: its organisation, fiscal year and base template."""

    base_form_class = ItaPageForm

    class Meta:
        abstract = True

    def get_ita_settings(self, request=None):
        if request is not None:
            return ItaSiteSettings.for_request(request)
        return ItaSiteSettings.for_site(self.get_site())

    @cached_property
    def routed_ancestors(self):
        """The ancestors routing already loaded, parent first; None if any is not.

        Wagtail's router caches each page on its child as the parent (treebeard's
        ``_cached_parent_obj``), so a page served from its URL knows its ancestors,
        in their specific types, down to the site's root page at no query cost.
        """
        ancestors = []
        page = self
        while page.depth > 2:  # depth 1 is the tree root, which no one shows
            page = getattr(page, "_cached_parent_obj", None)
            if page is None:
                return None
            ancestors.append(page)
        return ancestors

    @cached_property
    def breadcrumb_ancestors(self):
        """The pages above this one, below the tree root, top down."""
        if self.routed_ancestors is not None:
            return self.routed_ancestors[::-1]
        return list(self.get_ancestors().filter(depth__gt=1))

    @cached_property
    def year_page(self):
        """The ItaYearPage this page belongs to (itself for a year page), or None."""
        if isinstance(self, ItaYearMixin):
            return self
        if self.routed_ancestors is not None:
            for page in self.routed_ancestors:
                if issubclass(page.specific_class or type(page), ItaYearPage):
                    return page.specific
            return None
        return ItaYearPage.objects.ancestor_of(self).first()

    @property
    def fiscal_year(self):
        year_page = self.year_page
        return year_page.fiscal_year if year_page else None

    def set_defaults_for_new_page(self, parent_page):
        """Fill in what a new page of this type starts with (title, slug …)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ita_settings = self.get_ita_settings(request)
        context.update(
            ita_settings=ita_settings,
            ita_digits=ita_settings.digits,
            ita_base_template=get_base_template(),
            fiscal_year=self.fiscal_year,
        )
        return context


class ItaIndexMixin(ItaPageMixin):
    """The landing page of a site's ITA section: one link per fiscal year."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("A short word to citizens and assessors about this section."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def set_defaults_for_new_page(self, parent_page):
        self.title = self.title or str(_("ITA disclosures"))
        self.slug = self.slug or "ita"

    def get_year_pages(self):
        return ItaYearPage.objects.child_of(self).live().public().order_by("-year")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["year_pages"] = self.get_year_pages()
        return context


class ItaYearMixin(ItaPageMixin):
    """One assessment year of the ITA section, named by its fiscal year (พ.ศ.)."""

    year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_(
            "The Buddhist-era fiscal year assessed, e.g. 2564 for "
            "1 October 2020 – 30 September 2021."
        ),
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [FieldPanel("year"), *Page.content_panels, FieldPanel("intro")]
    base_form_class = ItaYearPageForm

    class Meta:
        abstract = True

    @property
    def fiscal_year(self):
        return FiscalYear(self.year) if self.year else None

    def set_defaults_for_new_page(self, parent_page):
        if not self.year:
            self.year = FiscalYear.current().be_year
        self.title = self.title or str(FiscalYear(self.year).label(digits="arabic"))
        self.slug = self.slug or str(self.year)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["item_pages"] = self.get_children().live().public().specific()
        return context


class ItaIndexPage(ItaIndexMixin, Page):
    template = "ita_wagtail/pages/ita_index_page.html"
    subpage_types = ["ita_wagtail.ItaYearPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("ITA section")
        verbose_name_plural = _("ITA sections")


class ItaYearPage(ItaYearMixin, Page):
    template = "ita_wagtail/pages/ita_year_page.html"
    parent_page_types = ["ita_wagtail.ItaIndexPage"]
    subpage_types = ["ita_wagtail.MeasureIndexPage"]

    class Meta:
        verbose_name = _("ITA fiscal year")
        verbose_name_plural = _("ITA fiscal years")
