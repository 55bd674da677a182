"""Views of ita_wagtail: data downloads, admin import and next-year steps."""
