from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LOG_PURPOSE = "meeting"


class MeetingsConfig(AppConfig):
    """Residents' meetings of a building: convening, discussion, weighted named votes in a
    restricted log, counting and minutes."""

    name = "meetings"
    verbose_name = _("Residents' meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ledger import access

        access.register(LOG_PURPOSE, log_readable_by)


def log_readable_by(log, user) -> bool:
    """Who may read a meeting's named log: the co-owners of its building (now, or holding a
    right or a proxy in this meeting) and its association's board. Nobody else, staff
    included: the law opens named votes to the co-owners, not to the platform's operators."""
    from meetings.models import Meeting
    from meetings.permissions import can_see_named

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    meeting = Meeting.objects.select_related("building").filter(log=log).first()
    return meeting is not None and can_see_named(user=user, meeting=meeting)
