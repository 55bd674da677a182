"""A finding: one thing an assessor would mark down, with where to fix it."""

from dataclasses import dataclass

from wagtail.rich_text import get_text_for_indexing


ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing an assessor would mark down, with where to fix it.

    Attributes:
        severity: ERROR blocks publishing; WARNING only informs.
        code: a stable identifier, e.g. ``"o43.result_without_measure"``.
        message: a translatable sentence for the editor.
        field: the page field to fix, if any.
        block_index: the position of the block to fix within that field.
        block_field: the child of that block to fix.
    """

    severity: str
    code: str
    message: str
    field: str | None = None
    block_index: int | None = None
    block_field: str | None = None

    @property
    def is_error(self):
        return self.severity == ERROR


def has_text(html):
    """Whether rich text holds any visible text."""
    return bool(get_text_for_indexing(str(html or "")).split())
