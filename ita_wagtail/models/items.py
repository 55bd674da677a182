"""Pages that answer one OIT item of their year: the mixin, and ItaItemPage."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from ..domain.compliance import binding_findings, item_page_findings
from ..domain.disclosure_blocks import DisclosureStreamBlock
from .catalogue import OitItem, PageType
from .catalogue_loading import ensure_year
from .forms import ItaItemBodyForm, ItaItemPageForm
from .history import published_versions
from .measure_table_html import (
    MeasureTableHtml,
    picks_the_apps_template,
    table_template_for,
)
from .pages import ItaPageMixin
from .panels import FindingsPanel
from .wagtail_compat import SpecificSelectRelatedManager, instances_without_init


def specific_pages_only(pages, fields, joined=()):
    """The pages of ``pages`` in their specific types, with only ``fields`` read.

    As ``pages.specific()``, but each page reads only those of ``fields`` its
    type has (the others are deferred, loaded on first use, a query each), as
    values made into instances without the models' constructors
    (wagtail_compat.instances_without_init), and the ``joined`` page types
    in the listing's own query: a year's 43 pages in one query, built in a
    fraction of the time (issue 17).

    Args:
        pages: a queryset of pages (``Page.objects…``).
        fields: names of fields, of Page or of the specific types.
        joined: page models directly below ``pages.model`` (one table each)
            whose fields the listing's query reads by a join; pages of any
            other type are read in one query per type.

    Returns:
        A list, in the queryset's order.
    """
    base = pages.model
    base_attnames = _read_attnames(base, [*fields, "content_type"])
    joins = {}  # content type id → (model, attnames, slice of the row)
    names = list(base_attnames)
    for model in joined:
        link = model._meta.parents.get(base)
        if link is None or model._meta.get_parent_list() != [base]:
            continue
        local = [
            field
            for field in model._meta.local_concrete_fields
            if field.name in fields and field is not link
        ]
        lookup = link.related_query_name()
        start = len(names)
        names += [f"{lookup}__{field.name}" for field in local]
        attnames = [*base_attnames, *(f.attname for f in local), link.attname]
        content_type = ContentType.objects.get_for_model(model)
        joins[content_type.pk] = (model, attnames, slice(start, len(names)))
    rows = list(pages.values_list(*names))
    content_type_at = base_attnames.index("content_type_id")
    base_count = len(base_attnames)
    by_pk = {}
    others = {}
    order = []
    for row in rows:
        page_id, content_type = row[0], row[content_type_at]
        order.append(page_id)
        if content_type in joins:
            model, attnames, part = joins[content_type]
            values = (*row[:base_count], *row[part], page_id)
        else:
            model = ContentType.objects.get_for_id(content_type).model_class()
            if model is not base and model is not None:
                others.setdefault(model, []).append(page_id)
                continue
            model, attnames, values = base, base_attnames, row[:base_count]
        (by_pk[page_id],) = instances_without_init(model, attnames, [values], pages.db)
    for model, pks in others.items():
        attnames = _read_attnames(model, fields)
        queryset = model._base_manager.filter(pk__in=pks)
        rows = queryset.values_list(*attnames)
        by_pk.update(
            (page.pk, page)
            for page in instances_without_init(model, attnames, rows, queryset.db)
        )
    return [by_pk[pk] for pk in order if pk in by_pk]


def _read_attnames(model, fields):
    """The attribute names of ``fields`` the model has, with its primary key
    and parent links (what ``only()`` always reads)."""
    names = {name for name in fields if _has_field(model, name)}
    attnames = []
    for field in model._meta.concrete_fields:
        if (
            field.name in names
            or field.primary_key
            or (field.remote_field is not None and field.remote_field.parent_link)
        ):
            attnames.append(field.attname)
    return attnames


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class ItaItemPageManager(SpecificSelectRelatedManager):
    """One item page, fetched on its own, comes with its catalogue item.

    Wagtail fetches a page's specific form with ``objects.get(id=…)`` (routing,
    ``page.specific``); the page's heading then shows its item's code. Only
    this ``get`` joins the item (see wagtail_compat).
    """

    select_related_on_get = ("oit_item",)


class AnswersItemMixin(RoutablePageMixin, ItaPageMixin):
    """A page that answers one OIT item of its year, bound to it by foreign key.

    The codes change from year to year (O42 in 2564 may be O25 in 2569), so a
    page knows its item through the catalogue, never through a literal code.
    """

    #: Which catalogue items this page type can answer.
    oit_page_type = PageType.ITEM
    #: The StreamField whose blocks the public history compares.
    history_field = "body"
    history_template = "ita_wagtail/pages/page_history.html"
    #: Template of the measures table, so a site can override only the table.
    table_template = "ita_wagtail/includes/measure_table.html"
    base_form_class = ItaItemPageForm

    objects = ItaItemPageManager()

    oit_item = models.ForeignKey(
        OitItem,
        verbose_name=_("OIT item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The item of this year's assessment that this page answers."),
    )
    answer_note = models.TextField(
        _("explanation for the assessor"),
        blank=True,
        help_text=_(
            "Shown on the answer sheet, to copy into ITAS: where on this page the "
            "assessor finds what the item asks for. Leave empty to use a "
            "suggestion made from the page's content."
        ),
    )

    page_panels = [
        FindingsPanel(),
        MultiFieldPanel(
            [*Page.content_panels, FieldPanel("oit_item"), FieldPanel("answer_note")],
            heading=_("Page"),
        ),
    ]

    class Meta:
        abstract = True

    def get_admin_display_title(self):
        """The title with its OIT code ("O42 มาตรการ…"), as the admin lists it."""
        title = super().get_admin_display_title()
        code = self.__dict__.get("ita_oit_code")
        if code is None and self.oit_item_id:
            code = self.oit_item.code
        return f"{code} {title}" if code and not title.startswith(code) else title

    @property
    def item_code(self):
        return self.oit_item.code if self.oit_item_id else ""

    @staticmethod
    def item_page_classes():
        """Every concrete page model that answers an OIT item."""
        return [
            model
            for model in get_page_models()
            if issubclass(model, AnswersItemMixin) and not model._meta.abstract
        ]

    def set_defaults_for_new_page(self, parent_page):
        fiscal_year = parent_page.fiscal_year
        if fiscal_year is not None:
            ensure_year(fiscal_year.be_year)
        if (
            self.oit_item_id is None
            and fiscal_year is not None
            and self.oit_page_type != PageType.ITEM
        ):
            self.oit_item = (
                OitItem.objects.for_year(fiscal_year.be_year)
                .filter(page_type=self.oit_page_type)
                .first()
            )
        if self.oit_item_id:
            self.title = self.title or self.oit_item.title_th
            self.slug = self.slug or self.oit_item.code.lower()

    def get_findings(self):
        """What an assessor would mark down in this page's own content."""
        return binding_findings(
            self.oit_item,
            self.fiscal_year,
            # The site's digits when the admin gives them (draft warnings).
            self.__dict__.get("_ita_digits", "arabic"),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The app's own table is written in Python unless a site replaced it.
        context["table_template"] = table_template_for(self.table_template)
        return context

    def reads_raw_rows(self, context):
        """Whether the page's table may be read from the streams' raw data.

        Only for the page itself (not its history), when both the page's
        template and the table are the app's own: they read nothing of a
        row's measure and result but what ``build_measure_table_from_raw``
        gives (issue 17). A site's own templates get the StreamField values.
        """
        return (
            self.__dict__.get("_ita_page_view", False)
            and isinstance(context.get("table_template"), MeasureTableHtml)
            and picks_the_apps_template(self.template)
        )

    @staticmethod
    def history_label(raw_block):
        """How the public history names a block of ``history_field``."""
        return raw_block.get("type", "")

    def get_cached_paths(self):
        """The page and its public history, for the frontend cache's purges."""
        return ["/", "/history/"]

    @path("")
    def page_view(self, request):
        self.__dict__["_ita_page_view"] = True  # not its history
        return self.render(request)

    @path("history/", name="history")
    def history_view(self, request):
        return self.render(
            request,
            template=self.history_template,
            context_overrides={
                "versions": published_versions(self),
                "subpage_title": _("Publication history"),
            },
        )


#: The name it had first; AnswersItemMixin says what it is.
ItaItemMixin = AnswersItemMixin


class ItaItemPageMixin(AnswersItemMixin):
    """Any OIT item other than the measures and their results: O1–O41 in 2564."""

    body = StreamField(
        DisclosureStreamBlock(),
        blank=True,
        verbose_name=_("content"),
        help_text=_(
            "Show the information itself on this page: text, tables, documents "
            "with a description, images, links. A page that is only a link to a "
            "PDF file or to Google Drive does not count for the assessor."
        ),
    )

    content_panels = [*AnswersItemMixin.page_panels, FieldPanel("body")]
    base_form_class = ItaItemBodyForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("answer_note"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("item_code"), APIField("answer_note"), APIField("body")]

    class Meta:
        abstract = True

    def get_findings(self):
        return super().get_findings() + item_page_findings(self.body)

    @staticmethod
    def history_label(raw_block):
        value = raw_block.get("value")
        if isinstance(value, dict):
            for key in ("title", "caption", "name"):
                if value.get(key):
                    return f"{raw_block.get('type')}: {value[key]}"
        if raw_block.get("type") == "text":
            return get_text_for_indexing(str(value))
        return raw_block.get("type", "")


class ItaItemPage(ItaItemPageMixin, Page):
    template = "ita_wagtail/pages/ita_item_page.html"
    page_description = _(
        "A page that answers one OIT item (O1–O41): the information itself, "
        "with its documents, tables and links."
    )
    parent_page_types = ["ita_wagtail.ItaYearPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ITA item page")
        verbose_name_plural = _("ITA item pages")
