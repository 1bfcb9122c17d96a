from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The site's own base: home page, districts of the city, shared templates and commands."""

    name = "config"
    verbose_name = _("City site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from config import districts, freshness, keys, navigation, spreadsheets  # noqa: F401

        districts.connect()
        navigation.connect()
        freshness.connect()
        spreadsheets.guard_admin_exports()
