from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItaWagtailConfig(AppConfig):
    name = "ita_wagtail"
    label = "ita_wagtail"
    verbose_name = _("ITA disclosures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .models.wagtail_compat import (
            flatten_site_history_union,
            hold_site_root_paths,
        )
        from .services.notifications import register_notifications
        from .services.signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_notifications()
        flatten_site_history_union()
        hold_site_root_paths()
