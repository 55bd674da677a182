"""Public URLs of ita_wagtail; add them to the site's urlpatterns before Wagtail's.

path("", include("ita_wagtail.urls")),
path("", include(wagtail_urls)),
"""

from django.urls import path

from .views.exports import page_data


app_name = "ita_wagtail"

urlpatterns = [
    path("ita-data/<int:page_id>.<slug:data_format>", page_data, name="page_data"),
]
