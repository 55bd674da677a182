from django.apps import AppConfig
from django.conf import settings
from django.core import checks


#: Apps whose translations this app's catalogue overrides.
OVERRIDDEN = (
    "wagtail.admin",
    "wagtail",
    "wagtail.contrib.typed_table_block",
    "django.contrib.auth",
    "django.contrib.admin",
)


def check_listed_first(app_configs=None, installed_apps=None, **kwargs):
    """The catalogue only wins when the app comes before the apps it corrects."""
    apps = list(settings.INSTALLED_APPS if installed_apps is None else installed_apps)
    name = AdminThaiConfig.name
    if name not in apps:
        return []
    late = [app for app in OVERRIDDEN if app in apps[: apps.index(name)]]
    if not late:
        return []
    return [
        checks.Warning(
            f"{name} is listed after {', '.join(late)} in INSTALLED_APPS, so "
            "their English or odd Thai wins over its Thai.",
            hint=f"List {name} first in INSTALLED_APPS.",
            id="ita_wagtail.W002",
        )
    ]


class AdminThaiConfig(AppConfig):
    name = "ita_wagtail.admin_th"
    label = "ita_wagtail_admin_th"
    verbose_name = "ITA: Thai admin"

    def ready(self):
        checks.register(check_listed_first)
        label_the_login_password()


def label_the_login_password():
    """Wagtail 8's login form gives its password field no label, so Django
    shows the field's name, "Password", in every language: give it Django's
    own translatable label."""
    from django.contrib.auth.forms import AuthenticationForm
    from wagtail.admin.forms.auth import LoginForm

    field = LoginForm.base_fields["password"]
    if field.label is None:
        field.label = AuthenticationForm.base_fields["password"].label
