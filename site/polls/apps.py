from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

LOG_PURPOSE = "poll"


class PollsConfig(AppConfig):
    """Local referendums and consultations: secret ballots by blind signatures, sealed choices
    and one public log per poll."""

    name = "polls"
    verbose_name = _("Polls")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ledger import access

        access.register(LOG_PURPOSE, log_readable_by)


def log_readable_by(log, user) -> bool:
    """Who may read the restricted log of an open (named) poll: staff, and the people of its
    audience (the named entries are theirs to check, not the public's)."""
    from polls.models import Poll
    from residents.selectors import audience_includes

    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    poll = Poll.objects.select_related("audience").filter(log=log).first()
    return poll is not None and audience_includes(audience=poll.audience, user=user)
