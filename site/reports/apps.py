from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Problem reports and complaints about services: routed to the responsible body by
    category and district, followed on a public timeline, and spoken as Open311 GeoReport v2."""

    name = "reports"
    verbose_name = _("Problem reports")
    default_auto_field = "django.db.models.BigAutoField"
