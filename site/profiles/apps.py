from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    """People and organizations: accounts, profiles, the personal cabinet."""

    name = "profiles"
    verbose_name = _("Profiles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from profiles import signals  # noqa: F401  (connects the receivers)
