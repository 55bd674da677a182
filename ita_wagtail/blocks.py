"""The path migrations 0001 and 0003 name two blocks by.

They live in domain/blocks.py.
"""

from .domain.blocks import MeasureLabelBlock, MeasureReferenceBlock


__all__ = ["MeasureLabelBlock", "MeasureReferenceBlock"]
