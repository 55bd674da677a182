"""The OIT catalogue in the admin (wagtail-modeladmin).

Who may see and change it follows Django's model permissions on OitItem:
one group for the whole instance, the catalogue managers, changes it (every
LAO's year pages follow it); each site's webmasters may read it, items one
by one included (the inspect view); editors do not see it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.options import ModelAdmin

from ..models import OitItem


class OitItemAdmin(ModelAdmin):
    model = OitItem
    menu_label = _("OIT catalogue")
    menu_icon = "list-ol"
    menu_order = 900
    add_to_settings_menu = True
    list_display = (
        "year",
        "code",
        "title_th",
        "sub_indicator",
        "page_type",
        "covers",
        "provisional",
    )
    list_filter = ("year", "indicator", "page_type", "covers", "provisional")
    search_fields = ("code", "title_th", "title_en", "requirements")
    ordering = ("-year", "sort_order", "number")
    list_per_page = 50
    inspect_view_enabled = True
    panels = [
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("code"), FieldPanel("sort_order")]
        ),
        FieldPanel("title_th"),
        FieldPanel("title_en"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("indicator"), FieldPanel("indicator_title")]),
                FieldRowPanel(
                    [FieldPanel("sub_indicator"), FieldPanel("sub_indicator_title")]
                ),
            ],
            heading=_("Indicator"),
        ),
        FieldPanel("requirements"),
        FieldPanel("page_type"),
        MultiFieldPanel(
            [
                FieldPanel("covers"),
                FieldRowPanel([FieldPanel("plan_rule"), FieldPanel("plan_code")]),
            ],
            heading=_("Rules the checks follow"),
        ),
        FieldPanel("provisional"),
        FieldPanel("note"),
    ]
