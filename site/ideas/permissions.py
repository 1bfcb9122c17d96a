"""Who may do what with an idea (issue 18). The services ask these; views may ask them too, to
show or hide a button, and `support_refusal` gives the reason to show instead of one.

- Author: a person with a confirmed email; edits their idea while it is a draft.
- Supporter: anyone signed in with a confirmed email, while the idea gathers support.
- Authority (answers, starts and finishes work): a holder of `ideas.answer_idea`, an editor,
  or a municipal body's or deputy's staff account (groups "Municipal bodies", "Deputies")
  whose `PollCreatorScope` districts include the idea's district. A city-wide idea is the
  editors' (and `answer_idea` holders') alone: no district's staff answers for the city.
- Moderator (hides ideas and comments, merges duplicates, fixes text): a holder of
  `ideas.moderate_idea`, or an editor.
- Editor: the groups "Editors" and "Moderators" (`polls.permissions.is_poll_editor`).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from petitions.services import user_has_confirmed_email
from polls.permissions import AREA_GROUPS, is_poll_editor, scoped_district_ids

ANSWER_PERMISSION = "ideas.answer_idea"
MODERATE_PERMISSION = "ideas.moderate_idea"


def _active(user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "erased_at", None) is None
    )


def is_editor(*, user) -> bool:
    return _active(user) and is_poll_editor(user)


def has_confirmed_email(*, user) -> bool:
    return _active(user) and user_has_confirmed_email(user)


def can_moderate(*, user) -> bool:
    return _active(user) and (is_poll_editor(user) or user.has_perm(MODERATE_PERMISSION))


def is_area_authority(*, user, idea) -> bool:
    """A municipal body's or deputy's staff account whose districts include the idea's."""
    if not _active(user) or not user.is_staff or idea.district_id is None:
        return False
    if not user.groups.filter(name__in=AREA_GROUPS.values()).exists():
        return False
    return idea.district_id in scoped_district_ids(user)


def can_answer(*, user, idea) -> bool:
    if not _active(user):
        return False
    if is_poll_editor(user) or user.has_perm(ANSWER_PERMISSION):
        return True
    return is_area_authority(user=user, idea=idea)


def can_edit(*, user, idea) -> bool:
    """The author while the idea is a draft; a moderator at any time (to fix its text)."""
    if not _active(user):
        return False
    if can_moderate(user=user):
        return True
    return idea.state == idea.State.DRAFT and idea.author_id == user.pk


def can_view(*, user, idea) -> bool:
    """Public ideas for everyone; a draft or hidden idea for its author and moderators."""
    if idea.is_public:
        return True
    if not _active(user):
        return False
    return idea.author_id == user.pk or can_moderate(user=user) or can_answer(user=user, idea=idea)


def support_refusal(*, user, idea, now=None) -> str | None:
    """None when `user` may support `idea` now; otherwise the reason to show them."""
    if user is None or not user.is_authenticated:
        return _("Sign in to support this idea.")
    if not _active(user):
        return _("This account cannot support ideas.")
    if not user_has_confirmed_email(user):
        return _("Confirm your email address to support ideas.")
    if idea.hidden_at is not None:
        return _("This idea was hidden by a moderator and cannot be supported.")
    if idea.state != idea.State.PUBLISHED:
        return _("This idea no longer gathers support.")
    now = now or timezone.now()
    if idea.support_ends_at is not None and now >= idea.support_ends_at:
        return _("The time to support this idea has ended.")
    from ideas.models import Support

    if Support.objects.filter(idea=idea, user=user).exists():
        return _("You already support this idea.")
    return None
