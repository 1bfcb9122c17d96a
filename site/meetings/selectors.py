"""Reads of the meetings app: the public list and page (tally and tree head only), what a
co-owner sees (their meetings, rights, votes, the named log, the discussion) and the board's
lists. Named data is returned only to whom `meetings.permissions.can_see_named` allows; to
anyone else these return nothing."""

import json
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from django.db.models import Prefetch, Q, QuerySet, Sum

from ledger.models import Entry, TreeHead
from ledger.selectors import entries_all, tree_head_latest
from meetings import counting
from meetings.models import (
    AgendaItem,
    Comment,
    InitiativeMember,
    Meeting,
    MeetingSettings,
    Proxy,
    Vote,
    VotingRight,
)
from meetings.permissions import can_see_named, coowned_ownership_ids, is_coowner
from residents.models import Ownership, Unit, VerifiedAttribute

PUBLIC_STATES = (
    Meeting.State.CONVENED,
    Meeting.State.VOTING,
    Meeting.State.COUNTED,
    Meeting.State.PUBLISHED,
    Meeting.State.CANCELLED,
)


def _with_agenda(meetings: QuerySet) -> QuerySet:
    items = AgendaItem.objects.order_by("position").prefetch_related("documents__document")
    return meetings.select_related("building__district", "organization", "log").prefetch_related(
        Prefetch("items", queryset=items)
    )


def meetings_public() -> QuerySet:
    """Every meeting but drafts, the latest vote first."""
    return _with_agenda(Meeting.objects.filter(state__in=PUBLIC_STATES)).order_by(
        "-voting_closes_at", "-pk"
    )


def meeting_public(pk: int) -> Meeting | None:
    return meetings_public().filter(pk=pk).first()


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def meetings_for_coowner(user) -> QuerySet:
    """For the cabinet: the meetings (not drafts) of the buildings `user` co-owns now, and
    those they hold a right or a proxy in."""
    if not _active(user):
        return Meeting.objects.none()
    buildings = (
        VerifiedAttribute.objects.valid()
        .filter(user=user, kind=VerifiedAttribute.Kind.CO_OWNER)
        .values("building_id")
    )
    return (
        meetings_public()
        .filter(
            Q(building_id__in=buildings)
            | Q(rights__user=user)
            | Q(rights__proxies__proxy_user=user, rights__proxies__revoked_at__isnull=True)
        )
        .distinct()
    )


def meeting_for_coowner(pk: int, user) -> Meeting | None:
    """The meeting with its named side, for a person who may see it; else None."""
    meeting = meeting_public(pk)
    if meeting is None or not can_see_named(user=user, meeting=meeting):
        return None
    return meeting


def meetings_of_organization(organization) -> QuerySet:
    """Every meeting of the association, drafts included (for its board)."""
    return _with_agenda(Meeting.objects.filter(organization=organization)).order_by(
        "-created_at", "-pk"
    )


def meeting_for_board(pk: int, organization) -> Meeting | None:
    return meetings_of_organization(organization).filter(pk=pk).first()


def rights_votable_by(meeting: Meeting, user) -> list[VotingRight]:
    """The rights `user` votes online: their own without an active proxy, and those they are
    the active proxy of."""
    if not _active(user) or meeting.state not in (Meeting.State.VOTING, Meeting.State.COUNTED):
        return []
    active = Proxy.objects.filter(revoked_at__isnull=True)
    rights = (
        meeting.rights.filter(
            Q(user=user) | Q(proxies__proxy_user=user, proxies__revoked_at__isnull=True)
        )
        .prefetch_related(Prefetch("proxies", queryset=active, to_attr="active_proxies"))
        .distinct()
        .order_by("unit_number", "pk")
    )
    return [
        right
        for right in rights
        if (right.user_id == user.pk and not right.active_proxies)
        or any(proxy.proxy_user_id == user.pk for proxy in right.active_proxies)
    ]


def current_votes(meeting: Meeting, rights) -> dict[tuple[int, int], Vote]:
    """The vote that counts now per (right id, item id), for the given rights."""
    current = {}
    rows = Vote.objects.filter(meeting=meeting, right__in=list(rights)).order_by("entry_index")
    for vote in rows:
        current[vote.right_id, vote.item_id] = vote
    return current


def my_votes(meeting: Meeting, user) -> list[Vote]:
    """Every vote on the person's own rights or cast by them, oldest first, with the leaf
    index and hash they can check against the log."""
    if not _active(user):
        return []
    return list(
        Vote.objects.filter(meeting=meeting)
        .filter(Q(right__user=user) | Q(cast_by=user))
        .select_related("item", "right")
        .order_by("entry_index")
    )


class NamedEntries(Sequence):
    """A meeting's log, decoded, read only where it is looked at: a page of the named ledger
    reads its own slice of entries on the log's (log, index) index, so a 2,000-unit building's
    20,000 entries are never all decoded for one page of 50."""

    def __init__(self, log, size: int):
        self.log = log
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.size)
            if step != 1:
                return list(self)[index]
            return [_decoded(entry) for entry in _entries_between(self.log, start, stop)]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError(index)
        return self[index : index + 1][0]

    def __iter__(self):
        return (_decoded(entry) for entry in entries_all(log=self.log, size=self.size))


def _entries_between(log, start: int, stop: int):
    return Entry.objects.filter(log=log, index__gte=start, index__lt=stop).order_by("index")


def _decoded(entry) -> dict:
    value = json.loads(bytes(entry.data))
    value["index"] = entry.index
    value["leaf_hash"] = bytes(entry.leaf_hash).hex()
    return value


def named_entries(meeting: Meeting, user) -> NamedEntries | None:
    """The meeting's log, decoded, for who may read it (`ledger.access`); else None."""
    if not can_see_named(user=user, meeting=meeting):
        return None
    return NamedEntries(meeting.log, meeting.log.size)


def public_tally(meeting: Meeting) -> dict | None:
    """The counted results (after the close only: no running tally sways the vote)."""
    if meeting.state in (Meeting.State.COUNTED, Meeting.State.PUBLISHED):
        return meeting.results
    return None


def tree_head(meeting: Meeting) -> TreeHead | None:
    """The head the count was made at once counted; before that, the latest one."""
    if meeting.final_tree_head_id is not None:
        return meeting.final_tree_head
    return tree_head_latest(log=meeting.log)


def building_total_area(building) -> Decimal:
    total = Unit.objects.filter(building=building).aggregate(total=Sum("area"))["total"]
    return total or Decimal("0.00")


def meetings_settings_for(organization) -> MeetingSettings:
    """The association's settings, or the defaults (unsaved) when it has set none."""
    found = MeetingSettings.objects.filter(organization=organization).first()
    return found or MeetingSettings(organization=organization)


def initiative_threshold(meeting: Meeting) -> Fraction:
    """The area (m², exact) an initiative group must hold: the association's share of the
    building's area."""
    share = meetings_settings_for(meeting.organization).initiative_share
    return share * Fraction(building_total_area(meeting.building))


def initiative_weight(meeting: Meeting) -> Fraction:
    """The area (m², exact) the group's members co-own now, by the register."""
    members = InitiativeMember.objects.filter(meeting=meeting, user__isnull=False)
    total = Fraction(0)
    for member in members.select_related("user"):
        ids = coowned_ownership_ids(user=member.user, building=meeting.building)
        for ownership in Ownership.objects.filter(pk__in=ids).select_related("unit"):
            total += counting.weight(
                ownership.share_numerator, ownership.share_denominator, ownership.unit.area
            )
    return total


def comments_for(
    meeting: Meeting, user, item: AgendaItem | None = None, include_hidden: bool = False
) -> QuerySet:
    """The discussion (of the whole meeting, or of `item`), oldest first; nothing for anyone
    who may not see it. Hidden comments only with `include_hidden` (moderators' view)."""
    if not can_see_named(user=user, meeting=meeting):
        return Comment.objects.none()
    comments = Comment.objects.filter(meeting=meeting, item=item).select_related("author__profile")
    if not include_hidden:
        comments = comments.filter(state=Comment.State.VISIBLE)
    return comments.order_by("created_at", "pk")


def rights_of_meeting(meeting: Meeting) -> QuerySet:
    """Every right of the meeting with its active proxy (`active_proxies`), for the board."""
    active = Proxy.objects.filter(revoked_at__isnull=True).select_related("proxy_user")
    return meeting.rights.prefetch_related(
        Prefetch("proxies", queryset=active, to_attr="active_proxies")
    ).order_by("unit_number", "pk")


def coowner_can_join_initiative(meeting: Meeting, user) -> bool:
    return (
        meeting.state == Meeting.State.DRAFT
        and meeting.convened_by == Meeting.ConvenedBy.INITIATIVE
        and is_coowner(user=user, building=meeting.building)
        and not meeting.initiative.filter(user=user).exists()
    )
