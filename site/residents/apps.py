from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    """Who may decide: verified residence, buildings and their co-owners, professions and
    memberships, and the audiences polls and meetings are addressed to."""

    name = "residents"
    verbose_name = _("Residents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from residents import admin_buildings, signals  # noqa: F401  (registers the admin)

        signals.connect()
