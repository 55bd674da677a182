"""Serve the Thai of Wagtail's admin scripts after Wagtail's own catalogue."""

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from .views import localized_js_catalog


@hooks.register("register_admin_urls")
def admin_th_urls():
    return [
        path("ita/jsi18n/", localized_js_catalog, name="ita_wagtail_admin_th_jsi18n")
    ]


@hooks.register("insert_global_admin_js")
def admin_th_js_catalogue():
    return format_html(
        '<script src="{}"></script>', reverse("ita_wagtail_admin_th_jsi18n")
    )
