"""Wagtail pages built without ita_wagtail for the same content as O43 and the
year page, to measure the ITA pages against (docs/performance.md).

- ``ListPeerPage``: O43's data shape, a StreamField of StructBlocks with
  ListBlocks (methods, offices, actions), each row rendered by
  ``{% include_block %}`` with its own block template.
- ``FlatPeerPage``: a flat StreamField of StructBlocks of six TextBlocks
  (the table's six columns, lists joined by line breaks).
- ``TablePeerPage``: one TableBlock, a header row and a row per measure.
- ``YearPeerPage``: the year page's items, grouped by sub-indicator, each
  with its code, title and a link to its page (a PageChooserBlock).
"""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import StreamField
from wagtail.models import Page


class MeasureRowBlock(blocks.StructBlock):
    number = blocks.CharBlock()
    measure = blocks.TextBlock()
    notes = blocks.TextBlock(required=False)
    methods = blocks.ListBlock(blocks.TextBlock())
    offices = blocks.ListBlock(blocks.CharBlock())
    period = blocks.CharBlock()
    status = blocks.CharBlock()
    actions = blocks.ListBlock(blocks.TextBlock())
    outcome = blocks.TextBlock(required=False)
    suggestions = blocks.TextBlock(required=False)

    class Meta:
        template = "bench_peers/blocks/measure_row.html"


class FlatRowBlock(blocks.StructBlock):
    measure = blocks.TextBlock()
    methods = blocks.TextBlock()
    offices = blocks.TextBlock()
    period = blocks.TextBlock()
    results = blocks.TextBlock()
    suggestions = blocks.TextBlock(required=False)


class YearItemBlock(blocks.StructBlock):
    code = blocks.CharBlock()
    title = blocks.CharBlock()
    page = blocks.PageChooserBlock(required=False)


class YearGroupBlock(blocks.StructBlock):
    heading = blocks.CharBlock()
    items = blocks.ListBlock(YearItemBlock())


class PeerPage(Page):
    class Meta:
        abstract = True


class ListPeerPage(PeerPage):
    template = "bench_peers/list_peer_page.html"
    body = StreamField([("row", MeasureRowBlock())], blank=True)


class FlatPeerPage(PeerPage):
    template = "bench_peers/flat_peer_page.html"
    body = StreamField([("row", FlatRowBlock())], blank=True)


class TablePeerPage(PeerPage):
    template = "bench_peers/table_peer_page.html"
    body = StreamField([("table", TableBlock())], blank=True)


class YearPeerPage(PeerPage):
    template = "bench_peers/year_peer_page.html"
    body = StreamField([("group", YearGroupBlock())], blank=True)
