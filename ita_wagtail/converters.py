"""Path converters of ita_wagtail's URLs.

``<ita_id:page_id>``: a database id, digits only, at most the largest integer
a database column holds. Larger numbers do not match the URL (404) instead
of overflowing the database driver (a 500).
"""

from django.urls import register_converter


#: The largest value of a 64-bit signed integer column (SQLite, PostgreSQL bigint).
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "ita_id")
