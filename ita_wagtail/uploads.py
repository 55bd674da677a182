"""The path settings name the evidence form by (``WAGTAILDOCS_DOCUMENT_FORM_BASE``).

The checks live in services/uploads.py.
"""

from .services.uploads import EvidenceDocumentForm


__all__ = ["EvidenceDocumentForm"]
