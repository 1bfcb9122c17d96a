"""Who may do what with a building's meetings.

- The board: the owners and administrators of the condominium association that keeps the
  building's register (`residents.services.register.register_can`, the one rule for it).
- A co-owner: a person with a valid `co_owner` attribute for an ownership of the building
  (what the register's accepted invitation grants).
- Named data (who voted how, the restricted log, the discussion): the building's co-owners,
  the people holding a right or a proxy in the meeting, and the board. Nobody else.

Services ask these themselves; views may ask them too, to show or hide a link.
"""

from residents.models import VerifiedAttribute
from residents.services.register import register_can


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_board(*, user, building) -> bool:
    """An owner or administrator of the association that keeps `building`'s register."""
    return _active(user) and register_can(user=user, association=building.association)


def coowned_ownership_ids(*, user, building) -> list[int]:
    """The ownerships of `building` that `user` is a verified co-owner of, now."""
    if not _active(user):
        return []
    return list(
        VerifiedAttribute.objects.valid()
        .filter(
            user=user,
            kind=VerifiedAttribute.Kind.CO_OWNER,
            building=building,
            ownership__unit__building=building,
            ownership__user=user,
        )
        .values_list("ownership_id", flat=True)
    )


def is_coowner(*, user, building) -> bool:
    return bool(coowned_ownership_ids(user=user, building=building))


def takes_part(*, user, meeting) -> bool:
    """Holds a right of the meeting or an active proxy for one (after voting opened)."""
    if not _active(user):
        return False
    return (
        meeting.rights.filter(user=user).exists()
        or meeting.rights.filter(
            proxies__proxy_user=user, proxies__revoked_at__isnull=True
        ).exists()
    )


def can_see_named(*, user, meeting) -> bool:
    """May `user` see the meeting's named votes, log and discussion?"""
    if not _active(user):
        return False
    building = meeting.building
    return (
        is_coowner(user=user, building=building)
        or is_board(user=user, building=building)
        or takes_part(user=user, meeting=meeting)
    )


def can_discuss(*, user, meeting) -> bool:
    """Only co-owners of the building (and the board, whose posts are its answers)."""
    if not _active(user):
        return False
    return is_coowner(user=user, building=meeting.building) or is_board(
        user=user, building=meeting.building
    )


MODERATE_PERMISSION = "meetings.moderate_comment"


def can_moderate(*, user, meeting) -> bool:
    """The building's board, or the site's moderators (`meetings.moderate_comment`)."""
    if not _active(user):
        return False
    return is_board(user=user, building=meeting.building) or user.has_perm(MODERATE_PERMISSION)
