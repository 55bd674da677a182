"""Which Office file a ZIP package is, from its part names.

One rule for the evidence uploads (services/uploads.py) and the table
imports (services/importers/).
"""

#: The part that marks a Word document and an Excel workbook.
PACKAGE_MARKERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))


def package_kind(names):
    """ "docx", "xlsx" or "zip", from the part names of a ZIP package."""
    names = set(names)
    return next((kind for part, kind in PACKAGE_MARKERS if part in names), "zip")
