"""Voting rights, votes, paper ballots and proxies: the named, weighted written vote.

Every vote, change, paper ballot and proxy vote is one entry of the meeting's restricted log
and one `Vote` row carrying that entry's index; the row with the highest index per (right,
item) counts. A vote is taken under the meeting's row lock (then the log's, inside
`log_append`), the same lock the count takes, so the log's order is the order of the votes
and nothing is appended once the count has begun.
"""

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ledger.services import log_append
from meetings import counting
from meetings.errors import MeetingError
from meetings.models import EmailSent, Meeting, Proxy, Vote, VotingRight
from meetings.permissions import is_board
from residents.models import Ownership, Unit, VerifiedAttribute


def _name(user) -> str:
    """A person's name as the named log and the minutes print it (not translated)."""
    with translation.override(None):
        return str(user.display_name)[:200]


def rights_snapshot(*, meeting: Meeting) -> int:
    """One right per ownership of the building's register, as it stands now, and the
    building's total area on `meeting` (saved by the caller). Only an ownership whose
    account holds a valid co-owner attribute for it votes online; the others are voted by a
    paper ballot or a proxy. Returns how many rights were made."""
    building_id = meeting.building_id
    verified = set(
        VerifiedAttribute.objects.valid()
        .filter(kind=VerifiedAttribute.Kind.CO_OWNER, building_id=building_id)
        .values_list("ownership_id", "user_id")
    )
    ownerships = (
        Ownership.objects.filter(unit__building_id=building_id)
        .select_related("unit", "user__profile")
        .order_by("unit__number", "pk")
    )
    rights = []
    for ownership in ownerships:
        user = ownership.user if (ownership.pk, ownership.user_id) in verified else None
        weight = counting.weight(
            ownership.share_numerator, ownership.share_denominator, ownership.unit.area
        )
        rights.append(
            VotingRight(
                meeting=meeting,
                ownership=ownership,
                user=user,
                holder_name=_name(user) if user is not None else "",
                unit_number=ownership.unit.number,
                unit_area=ownership.unit.area,
                share_numerator=ownership.share_numerator,
                share_denominator=ownership.share_denominator,
                weight_numerator=weight.numerator,
                weight_denominator=weight.denominator,
            )
        )
    VotingRight.objects.bulk_create(rights, batch_size=1000)
    total = Unit.objects.filter(building_id=building_id).aggregate(total=Sum("area"))["total"]
    meeting.total_area = total or Decimal("0.00")
    return len(rights)


def vote_entry(
    *,
    meeting: Meeting,
    item,
    right: VotingRight,
    choice: str,
    channel: str,
    cast_by_name: str,
    at: datetime,
) -> bytes:
    """The canonical bytes of one vote in the log: sorted-key JSON, UTF-8, no spaces. Named,
    as the law requires; the random nonce keeps two equal votes of one person two distinct
    leaves."""
    value = {
        "meeting": meeting.pk,
        "item": item.position,
        "right": right.pk,
        "unit": right.unit_number,
        "share": counting.as_text(right.share),
        "weight": counting.as_text(right.weight),
        "voter": right.holder_name,
        "cast_by": cast_by_name,
        "channel": channel,
        "choice": choice,
        "at": at.astimezone(UTC).isoformat(timespec="seconds"),
        "nonce": secrets.token_hex(8),
    }
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _clean_choices(meeting: Meeting, choices) -> list[tuple]:
    """[(item, choice)] in the agenda's order; any subset of the items, at least one."""
    items = {item.pk: item for item in meeting.items.all()}
    if not isinstance(choices, dict) or not choices:
        raise MeetingError("bad_choices", _("Choose for, against or abstain on at least one item."))
    cleaned = []
    for key, choice in choices.items():
        try:
            item = items[int(key)]
        except (KeyError, TypeError, ValueError):
            raise MeetingError("bad_choices", _("That item is not on this agenda.")) from None
        if choice not in Vote.Choice.values:
            raise MeetingError("bad_choices", _("A vote is for, against or abstain."))
        cleaned.append((item, choice))
    return sorted(cleaned, key=lambda pair: pair[0].position)


def _locked_voting(meeting: Meeting, now: datetime) -> Meeting:
    locked = Meeting.objects.select_for_update().select_related("log").get(pk=meeting.pk)
    if locked.state != Meeting.State.VOTING or now >= locked.voting_closes_at:
        raise MeetingError("not_voting", _("Voting is not open for this meeting."))
    return locked


def _right_of(meeting: Meeting, right: VotingRight) -> VotingRight:
    found = VotingRight.objects.filter(pk=right.pk, meeting_id=meeting.pk).first()
    if found is None:
        raise MeetingError("bad_right", _("This share does not vote in this meeting."))
    return found


def active_proxy(right: VotingRight) -> Proxy | None:
    return Proxy.objects.filter(right=right, revoked_at__isnull=True).first()


def _record(meeting: Meeting, ballots, *, channel: str, cast_by, now: datetime) -> list[Vote]:
    """Append one entry per (right, item, choice) of `ballots` ([(right, [(item, choice)])])
    in one append, and store the votes with their indices (the caller holds the meeting's
    lock, inside a transaction)."""
    cast_by_name = _name(cast_by) if cast_by is not None else ""
    rows = [(right, item, choice) for right, pairs in ballots for item, choice in pairs]
    entries = [
        vote_entry(
            meeting=meeting,
            item=item,
            right=right,
            choice=choice,
            channel=channel,
            cast_by_name=cast_by_name,
            at=now,
        )
        for right, item, choice in rows
    ]
    log_append(log=meeting.log, entries=entries)
    first = meeting.log.size - len(entries)
    return Vote.objects.bulk_create(
        Vote(
            meeting=meeting,
            right=right,
            item=item,
            choice=choice,
            channel=channel,
            cast_by=cast_by,
            entry_index=first + offset,
            leaf_hash=hashlib.sha256(b"\x00" + entry).digest(),
            created_at=now,
        )
        for offset, ((right, item, choice), entry) in enumerate(zip(rows, entries, strict=True))
    )


def votes_cast(
    *, meeting: Meeting, by, right: VotingRight, choices, now: datetime | None = None
) -> list[Vote]:
    """Vote online on one or more items for `right`: by its co-owner, or by the proxy the
    board recorded for it (then only the proxy). A vote on an item already voted is a
    change: a new entry, and the last one counts."""
    now = now or timezone.now()
    if by is None or not by.is_authenticated or not by.is_active:
        raise MeetingError("not_allowed", _("Sign in to vote."))
    pairs = _clean_choices(meeting, choices)
    with transaction.atomic():
        locked = _locked_voting(meeting, now)
        right = _right_of(locked, right)
        proxy = active_proxy(right)
        if proxy is not None:
            if proxy.proxy_user_id != by.pk:
                raise MeetingError(
                    "proxy_recorded",
                    _("A proxy is recorded for this share: only the proxy votes it now."),
                )
            channel = Vote.Channel.PROXY
        elif right.user_id is not None and right.user_id == by.pk:
            channel = Vote.Channel.ONLINE
        else:
            raise MeetingError("not_allowed", _("You do not hold this share's vote."))
        return _record(locked, [(right, pairs)], channel=channel, cast_by=by, now=now)


def paper_ballot_enter(
    *, meeting: Meeting, by, right: VotingRight, choices, now: datetime | None = None
) -> list[Vote]:
    """A board member enters the paper ballot a co-owner (or their proxy) handed in: marked
    "paper", with who entered it. It counts like any vote: the last entry per item wins."""
    return paper_ballots_enter(meeting=meeting, by=by, ballots=[(right, choices)], now=now)


def paper_ballots_enter(
    *, meeting: Meeting, by, ballots, now: datetime | None = None
) -> list[Vote]:
    """A stack of paper ballots ([(right, choices)]) entered at once: one transaction and one
    append to the log, all or nothing (a bad ballot in the stack changes nothing)."""
    now = now or timezone.now()
    if not is_board(user=by, building=meeting.building):
        raise MeetingError("not_allowed", _("Only the association's board enters paper ballots."))
    if not ballots:
        raise MeetingError("bad_choices", _("Enter at least one ballot."))
    cleaned = [(right, _clean_choices(meeting, choices)) for right, choices in ballots]
    with transaction.atomic():
        locked = _locked_voting(meeting, now)
        checked = [(_right_of(locked, right), pairs) for right, pairs in cleaned]
        return _record(locked, checked, channel=Vote.Channel.PAPER, cast_by=by, now=now)


def proxy_record(
    *, meeting: Meeting, by, right: VotingRight, proxy_user, now: datetime | None = None
) -> Proxy:
    """The board records that `proxy_user` represents `right` by power of attorney (the
    document is checked by the board and not kept). From now on only the proxy votes it."""
    now = now or timezone.now()
    if not is_board(user=by, building=meeting.building):
        raise MeetingError("not_allowed", _("Only the association's board records proxies."))
    if proxy_user is None or not proxy_user.is_active or getattr(proxy_user, "erased_at", None):
        raise MeetingError("bad_proxy", _("Choose an active account as the proxy."))
    try:
        with transaction.atomic():
            locked = _locked_voting(meeting, now)
            right = _right_of(locked, right)
            if right.user_id == proxy_user.pk:
                raise MeetingError(
                    "bad_proxy", _("A co-owner does not need a proxy for their own share.")
                )
            return Proxy.objects.create(
                right=right,
                proxy_user=proxy_user,
                proxy_name=_name(proxy_user),
                recorded_by=by,
                recorded_at=now,
            )
    except IntegrityError:
        raise MeetingError(
            "proxy_exists", _("A proxy is already recorded for this share: revoke it first.")
        ) from None


def proxy_revoke(*, proxy: Proxy, by, now: datetime | None = None) -> Proxy:
    """The board ends a proxy: the co-owner votes their share again (the proxy's votes
    stand until changed)."""
    now = now or timezone.now()
    meeting = proxy.right.meeting
    if not is_board(user=by, building=meeting.building):
        raise MeetingError("not_allowed", _("Only the association's board records proxies."))
    with transaction.atomic():
        _locked_voting(meeting, now)
        locked = Proxy.objects.select_for_update().get(pk=proxy.pk)
        if locked.revoked_at is not None:
            raise MeetingError("proxy_revoked", _("This proxy was already revoked."))
        locked.revoked_at, locked.revoked_by = now, by
        locked.save(update_fields=["revoked_at", "revoked_by"])
    return locked


def meetings_retention_cut(*, now: datetime | None = None) -> int:
    """Cut the links from accounts to the rights, votes and proxies of meetings whose
    minutes were published (or that were cancelled) more than MEETING_RETENTION_DAYS ago.
    The rows, the log and the minutes stay: the record of the decision does not shrink."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.MEETING_RETENTION_DAYS)
    old = Meeting.objects.filter(Q(published_at__lte=before) | Q(cancelled_at__lte=before)).values(
        "pk"
    )
    cut = VotingRight.objects.filter(meeting__in=old, user__isnull=False).update(user=None)
    cut += Vote.objects.filter(meeting__in=old, cast_by__isnull=False).update(cast_by=None)
    cut += Proxy.objects.filter(right__meeting__in=old, proxy_user__isnull=False).update(
        proxy_user=None
    )
    EmailSent.objects.filter(meeting__in=old).delete()
    return cut
