"""Which emails a person wants: the registry of kinds and the one selector other apps read.

An app that sends optional emails registers its kinds here with a one-line insertion into
NOTIFICATION_KINDS, then asks before sending:

    from profiles.notifications import notifications_wanted
    if notifications_wanted(user, "petitions.response"):
        send_mail(...)

and gives each such email the link and the List-Unsubscribe headers of
`profiles.unsubscribe`, which turn the kind off without signing in.

Emails a person must get (confirming their own action, security, an answer to their own
request, a moderator hiding their post) are not optional and are not registered here.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NotificationKind:
    key: str  # "<app>.<what>", stored in NotificationSetting.kind
    label: str | Promise  # shown on the settings page
    default: bool = True


NOTIFICATION_KINDS: list[NotificationKind] = [
    NotificationKind("profiles.join_requests", _("Someone asks to join an organization I manage")),
    NotificationKind(
        "profiles.team_changes", _("My role in an organization changes or I am removed")
    ),
    NotificationKind(
        "profiles.organization_posts", _("Organizations I belong to publish a post"), False
    ),
    NotificationKind("experts.questions", _("A resident asks a question in my competency")),
    NotificationKind("polls.opened", _("A poll I may vote in has opened")),
    NotificationKind("meetings.notice", _("A meeting of my building's co-owners is convened")),
    NotificationKind(
        "meetings.reminder", _("I have not voted yet and a meeting's vote closes soon")
    ),
    NotificationKind("ideas.answered", _("An idea I support is answered")),
    NotificationKind("reports.updated", _("The responsible body updates a problem I reported")),
]


class UnknownNotificationKind(LookupError):
    """A kind nobody registered: a typo that must fail loudly, not silently send or not."""


def notification_kind(key: str) -> NotificationKind:
    for kind in NOTIFICATION_KINDS:
        if kind.key == key:
            return kind
    raise UnknownNotificationKind(key)


def notifications_wanted(user, kind: str) -> bool:
    """Does `user` want emails of `kind`? Never for erased or deactivated accounts."""
    default = notification_kind(kind).default
    if user is None or not user.is_active or getattr(user, "erased_at", None) is not None:
        return False
    from profiles.models import NotificationSetting

    choice = (
        NotificationSetting.objects.filter(user=user, kind=kind)
        .values_list("wanted", flat=True)
        .first()
    )
    return default if choice is None else choice


def notification_choices(user) -> list[tuple[NotificationKind, bool]]:
    """Every registered kind with the person's current choice, for the settings page."""
    from profiles.models import NotificationSetting

    chosen = dict(NotificationSetting.objects.filter(user=user).values_list("kind", "wanted"))
    return [(kind, chosen.get(kind.key, kind.default)) for kind in NOTIFICATION_KINDS]
