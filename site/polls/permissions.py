"""Who may create a poll, and for whom (issue 16, point 1).

- Editors (the groups "Editors" and "Moderators", or a superuser): any audience.
- A municipal body's or a deputy's staff account (group "Municipal bodies" or "Deputies"): an
  audience that lies within the districts of its `PollCreatorScope` rows, that is, one that
  names districts, or buildings, and every one of them is in those districts. An audience of
  the whole city or of professions alone reaches beyond any district and is refused.
- An association's board (an administrator or owner of a condominium association that is the
  registered association of a building): an audience of that association's buildings only.

The services ask `poll_creation_allowed`; views may ask it too, to show or hide a button.
"""

from profiles.models import Membership
from residents.models import Building
from residents.selectors import audience_rule_ids

EDITOR_GROUPS = ("Editors", "Moderators")
AREA_GROUPS = {"body": "Municipal bodies", "deputy": "Deputies"}
BOARD_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)


def is_poll_editor(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name__in=EDITOR_GROUPS).exists()


def is_board_member(*, user, organization) -> bool:
    """An owner or administrator of `organization`, which keeps the register of a building."""
    if organization is None or user is None or not user.is_authenticated or not user.is_active:
        return False
    return (
        Membership.objects.filter(
            organization=organization, user=user, role__in=BOARD_ROLES
        ).exists()
        and Building.objects.filter(association=organization).exists()
    )


def scoped_district_ids(user) -> set[int]:
    return set(user.poll_scopes.values_list("district_id", flat=True))


def _within_districts(rule: dict, *, whole_city: bool, district_ids: set[int]) -> bool:
    if whole_city or not district_ids:
        return False
    if rule["districts"]:
        return set(rule["districts"]) <= district_ids
    if rule["buildings"]:
        building_districts = set(
            Building.objects.filter(pk__in=rule["buildings"]).values_list("district_id", flat=True)
        )
        return building_districts <= district_ids
    return False


def poll_creation_allowed(*, user, audience, creator_kind, organization=None, district=None):
    """Whether `user` may create a poll of `creator_kind` for `audience` (see the module)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    rule = audience_rule_ids(audience_id=audience.pk)
    if creator_kind == "editor":
        return is_poll_editor(user)
    if creator_kind in AREA_GROUPS:
        if not user.is_staff or not user.groups.filter(name=AREA_GROUPS[creator_kind]).exists():
            return False
        district_ids = scoped_district_ids(user)
        if district is not None and district.pk not in district_ids:
            return False
        return _within_districts(rule, whole_city=audience.whole_city, district_ids=district_ids)
    if creator_kind == "board":
        if not is_board_member(user=user, organization=organization):
            return False
        if audience.whole_city or rule["districts"] or not rule["buildings"]:
            return False
        own = set(Building.objects.filter(association=organization).values_list("pk", flat=True))
        return set(rule["buildings"]) <= own
    return False
