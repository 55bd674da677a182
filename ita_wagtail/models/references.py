"""What a block's raw value refers to: pages, documents, images and offices, by id.

The archive rewrites these ids on import and the evidence rule checks their
site; both walk a block's raw value with ``walk``.
"""

import re

from django.apps import apps
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import BaseTypedTableBlock
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .offices import ResponsibleOffice


RICH_TEXT_REFERENCE = re.compile(
    r'(?P<head><(?:a|embed)\b[^>]*?\b(?:linktype|embedtype)="(?P<kind>page|document|image)"'
    r'[^>]*?\bid=")(?P<id>\d+)(?P<tail>")'
)


def kind_of(block):
    """ "page", "document", "image" or "office": what a chooser block names; or None."""
    if isinstance(block, blocks.PageChooserBlock):
        return "page"
    model = getattr(block, "target_model", None)
    if isinstance(model, str):
        model = apps.get_model(model)
    if model is None:
        return None
    if issubclass(model, get_document_model()):
        return "document"
    if issubclass(model, get_image_model()):
        return "image"
    if issubclass(model, ResponsibleOffice):
        return "office"
    return None


def remap_rich_text(html, remap):
    """Rich text HTML with each page, document and image id passed through ``remap``."""

    def replace(match):
        new_id = remap(match["kind"], int(match["id"]))
        if new_id is None:
            new_id = 0  # no such object: never another one that has the old id
        return f"{match['head']}{new_id}{match['tail']}"

    return RICH_TEXT_REFERENCE.sub(replace, html or "")


def walk(block, raw, remap, leaf=None):
    """The raw value of a block with every reference passed through ``remap``.

    ``remap(kind, id)`` receives "page", "document", "image" or "office" and
    an id, and returns the id to store (or None to drop the reference).
    ``leaf(block, value)``, if given, returns what to store for each other
    value that is not a container (rich text, text, addresses...).
    """
    if raw is None:
        return None
    if isinstance(block, blocks.StreamBlock):
        result = []
        for child in raw:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:
                continue
            result.append(
                {**child, "value": walk(child_block, child.get("value"), remap, leaf)}
            )
        return result
    if isinstance(block, blocks.ListBlock):
        result = []
        for item in raw:
            if isinstance(item, dict) and item.get("type") == "item":
                result.append(
                    {
                        **item,
                        "value": walk(block.child_block, item["value"], remap, leaf),
                    }
                )
            else:
                result.append(walk(block.child_block, item, remap, leaf))
        return result
    if isinstance(block, blocks.StructBlock):
        return {
            name: walk(block.child_blocks[name], value, remap, leaf)
            if name in block.child_blocks
            else value
            for name, value in raw.items()
        }
    if isinstance(block, BaseTypedTableBlock):
        columns = raw.get("columns", [])
        return {
            **raw,
            "rows": [
                {
                    **row,
                    "values": [
                        walk(block.child_blocks[column["type"]], value, remap, leaf)
                        for column, value in zip(
                            columns, row.get("values", []), strict=False
                        )
                    ],
                }
                for row in raw.get("rows", [])
            ],
        }
    if isinstance(block, blocks.RichTextBlock):
        html = remap_rich_text(raw, remap)
        return leaf(block, html) if leaf else html
    kind = kind_of(block)
    if kind is not None:
        return remap(kind, int(raw)) if raw not in ("", None) else raw
    return leaf(block, raw) if leaf else raw
