"""Public URLs of ita_wagtail; add them to the site's urlpatterns before Wagtail's.

path("", include("ita_wagtail.urls")),
path("", include(wagtail_urls)),
"""

from django.urls import path

from . import converters  # noqa: F401  (registers <ita_id:…>)
from .views.exports import page_data


app_name = "ita_wagtail"

urlpatterns = [
    path("ita-data/<ita_id:page_id>.<slug:data_format>", page_data, name="page_data"),
]
