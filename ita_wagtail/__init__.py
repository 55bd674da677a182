"""ITA disclosures of Thai local governments as Wagtail pages."""

__version__ = "0.1.0"
