"""StreamField blocks of ItaItemPage: what a real OIT disclosure is made of.

Each block says something on the page itself; documents are shown with their
type and size, never as a bare link, as the assessors' guidance asks.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .dates import BuddhistEraDateBlock


RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.TextBlock(
        label=_("Description"),
        required=False,
        help_text=_("What the document is, so readers need not open it to know."),
    )

    class Meta:
        label = _("Document")
        icon = "doc-full"
        template = "ita_wagtail/blocks/document.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    # "Caption" in context: Wagtail's tables have a "Caption" of their own.
    caption = blocks.CharBlock(
        label=pgettext_lazy("image", "Caption"), required=False, max_length=255
    )

    class Meta:
        label = _("Image")
        icon = "image"
        template = "ita_wagtail/blocks/image.html"


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page of this site"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the page's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        label = _("Link to a page of this site")
        icon = "doc-empty-inverse"
        template = "ita_wagtail/blocks/page_link.html"


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=pgettext_lazy("web address", "Address"))
    title = blocks.CharBlock(label=_("Link text"), max_length=255)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        label = _("Link to another website")
        icon = "link-external"
        template = "ita_wagtail/blocks/external_link.html"


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name or office"), max_length=255)
    position = blocks.CharBlock(label=_("Position"), required=False, max_length=255)
    address = blocks.TextBlock(label=_("Address"), required=False)
    phone = blocks.CharBlock(label=_("Telephone"), required=False, max_length=64)
    fax = blocks.CharBlock(label=_("Fax"), required=False, max_length=64)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    hours = blocks.CharBlock(label=_("Office hours"), required=False, max_length=255)

    class Meta:
        label = _("Contact details")
        icon = "user"
        template = "ita_wagtail/blocks/contact.html"


class DisclosureStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("long_text", blocks.TextBlock(label=_("Long text"))),
            ("number", blocks.DecimalBlock(label=_("Number"))),
            ("date", BuddhistEraDateBlock(label=_("Date"))),
            ("document", DocumentChooserBlock(label=_("Document"))),
            ("page", blocks.PageChooserBlock(label=_("Page of this site"))),
        ],
        label=_("Table"),
        template="ita_wagtail/blocks/table.html",
    )
    document = DocumentBlock()
    image = ImageBlock()
    page_link = PageLinkBlock()
    external_link = ExternalLinkBlock()
    video = EmbedBlock(
        label=_("Embedded video"),
        help_text=_("The address of a video, e.g. on YouTube."),
        icon="media",
    )
    contact = ContactBlock()
