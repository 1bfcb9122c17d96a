"""A meeting's life: create and correct a draft, gather an initiative group, convene, open
the vote, count, publish the minutes, cancel; and `meetings_tick`, which does the timed steps.

Each meeting gets at creation its own restricted log (purpose "meeting"): every vote goes into
it, the co-owners read it, the public sees only its signed tree head.
"""

import logging
from datetime import datetime, timedelta
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from ledger.services import log_create
from meetings.apps import LOG_PURPOSE
from meetings.errors import MeetingError
from meetings.models import AgendaItem, InitiativeMember, ItemDocument, Meeting
from meetings.permissions import is_board, is_coowner
from meetings.selectors import initiative_threshold, initiative_weight

MAX_ITEMS = 30
MAX_DENOMINATOR = 1_000_000
MAX_NOTICE_DAYS = 90
WINDOW_DAYS = (1, 45)
UPDATABLE_FIELDS = {
    "title",
    "description",
    "voting_opens_at",
    "voting_closes_at",
    "notice_days",
    "items",
}
logger = logging.getLogger(__name__)


def quorum_setting() -> Fraction:
    """MEETING_QUORUM as a fraction strictly between 0 and 1 ("1/2" by default)."""
    quorum = Fraction(str(settings.MEETING_QUORUM))
    if not 0 < quorum < 1:
        raise ValueError("MEETING_QUORUM must be a fraction between 0 and 1")
    return quorum


def meeting_transition(meeting: Meeting, target: str) -> None:
    """Raise MeetingError("illegal_transition") unless `meeting.state → target` is legal."""
    if target not in Meeting.TRANSITIONS[Meeting.State(meeting.state)]:
        raise MeetingError(
            "illegal_transition",
            _("A meeting cannot go from “%(current)s” to “%(target)s”.")
            % {
                "current": Meeting.State(meeting.state).label,
                "target": Meeting.State(target).label,
            },
        )


def _text(value, *, code: str, message, max_length: int, required: bool = True) -> str:
    text = value.strip() if isinstance(value, str) else ("" if value is None else None)
    if text is None or (required and not text) or len(text) > max_length:
        raise MeetingError(code, message)
    return text


def _clean_items(items) -> list[dict]:
    if not isinstance(items, list | tuple) or not 1 <= len(items) <= MAX_ITEMS:
        raise MeetingError(
            "bad_items", _("A meeting has 1 to %(max)s agenda items.") % {"max": MAX_ITEMS}
        )
    cleaned = []
    for item in items:
        if not isinstance(item, dict):
            raise MeetingError("bad_items", _("Each agenda item needs a question and a decision."))
        title = _text(
            item.get("title"),
            code="bad_items",
            message=_("Give each agenda item its question (at most 300 characters)."),
            max_length=300,
        )
        decision = _text(
            item.get("proposed_decision"),
            code="bad_items",
            message=_("Give each agenda item its proposed decision (at most 5000 characters)."),
            max_length=5000,
        )
        rule = item.get("rule") or AgendaItem.Rule.MAJORITY
        if rule not in AgendaItem.Rule.values:
            raise MeetingError(
                "bad_rule", _("The rule is a majority, two thirds or a custom share.")
            )
        numerator = denominator = None
        if rule == AgendaItem.Rule.CUSTOM:
            threshold = item.get("threshold")
            try:
                numerator, denominator = (int(part) for part in threshold)
            except (TypeError, ValueError):
                numerator = denominator = 0
            if not (0 < numerator <= denominator <= MAX_DENOMINATOR):
                raise MeetingError(
                    "bad_threshold",
                    _("A custom share is a fraction above 0 and at most 1, such as 3/4."),
                )
        documents = list(item.get("documents") or [])
        cleaned.append(
            {
                "title": title,
                "proposed_decision": decision,
                "rule": rule,
                "threshold_numerator": numerator,
                "threshold_denominator": denominator,
                "documents": documents,
            }
        )
    return cleaned


def _clean_notice(notice_days) -> int:
    minimum = settings.MEETING_NOTICE_DAYS
    if notice_days is None:
        return minimum
    if type(notice_days) is not int or not minimum <= notice_days <= MAX_NOTICE_DAYS:
        raise MeetingError(
            "bad_notice",
            _("The notice period is %(min)s to %(max)s days.")
            % {"min": minimum, "max": MAX_NOTICE_DAYS},
        )
    return notice_days


def _clean_window(opens_at, closes_at) -> None:
    if not isinstance(opens_at, datetime) or not isinstance(closes_at, datetime):
        raise MeetingError("bad_window", _("Give the times voting opens and closes."))
    low, high = WINDOW_DAYS
    if not timedelta(days=low) <= closes_at - opens_at <= timedelta(days=high):
        raise MeetingError(
            "bad_window",
            _("Voting lasts %(min)s to %(max)s days.") % {"min": low, "max": high},
        )


def _items_store(meeting: Meeting, items: list[dict]) -> None:
    meeting.items.all().delete()
    for position, spec in enumerate(items, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=spec["title"],
            proposed_decision=spec["proposed_decision"],
            rule=spec["rule"],
            threshold_numerator=spec["threshold_numerator"],
            threshold_denominator=spec["threshold_denominator"],
        )
        for document, title in spec["documents"]:
            ItemDocument.objects.create(
                item=item, document=document, title=(title or document.title)[:200]
            )


def meeting_create(
    *,
    building,
    by,
    title: str,
    items: list[dict],
    voting_opens_at: datetime,
    voting_closes_at: datetime,
    description: str = "",
    notice_days: int | None = None,
    initiative: bool = False,
) -> Meeting:
    """A draft meeting of `building` with its agenda and its log. The board creates it; a
    co-owner may create one as an initiative group (of which they are the first member)."""
    if building.association_id is None:
        raise MeetingError(
            "no_association", _("Only a building with an association can hold meetings here.")
        )
    if initiative:
        if not is_coowner(user=by, building=building):
            raise MeetingError(
                "not_allowed", _("Only co-owners of the building can start an initiative group.")
            )
    elif not is_board(user=by, building=building):
        raise MeetingError("not_allowed", _("Only the association's board convenes meetings."))
    title = _text(
        title, code="bad_title", message=_("Give a title (at most 200 characters)."), max_length=200
    )
    description = _text(
        description,
        code="bad_description",
        message=_("The description has at most 20000 characters."),
        max_length=20000,
        required=False,
    )
    cleaned = _clean_items(items)
    notice_days = _clean_notice(notice_days)
    _clean_window(voting_opens_at, voting_closes_at)
    quorum = quorum_setting()
    with transaction.atomic():
        meeting = Meeting.objects.create(
            building=building,
            organization_id=building.association_id,
            title=title,
            description=description,
            convened_by=Meeting.ConvenedBy.INITIATIVE if initiative else Meeting.ConvenedBy.BOARD,
            created_by=by,
            notice_days=notice_days,
            voting_opens_at=voting_opens_at,
            voting_closes_at=voting_closes_at,
            quorum_numerator=quorum.numerator,
            quorum_denominator=quorum.denominator,
            log=log_create(purpose=LOG_PURPOSE, is_public=False),
        )
        _items_store(meeting, cleaned)
        if initiative:
            InitiativeMember.objects.create(meeting=meeting, user=by)
    return meeting


def _check_manager(meeting: Meeting, by) -> None:
    """The board; for an initiative meeting also its group's members (co-owners still)."""
    if is_board(user=by, building=meeting.building):
        return
    if (
        meeting.convened_by == Meeting.ConvenedBy.INITIATIVE
        and by is not None
        and getattr(by, "is_authenticated", False)
        and meeting.initiative.filter(user=by).exists()
        and is_coowner(user=by, building=meeting.building)
    ):
        return
    raise MeetingError("not_allowed", _("You may not change this meeting."))


def meeting_update(*, meeting: Meeting, by, **fields) -> Meeting:
    """Correct a draft: title, description, times, notice period, agenda (replaced whole)."""
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise MeetingError(
            "bad_field", _("These fields cannot be changed: %s") % ", ".join(unknown)
        )
    _check_manager(meeting, by)
    items = _clean_items(fields["items"]) if "items" in fields else None
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.state != Meeting.State.DRAFT:
            raise MeetingError("not_draft", _("Only a draft meeting can be changed."))
        if "title" in fields:
            locked.title = _text(
                fields["title"],
                code="bad_title",
                message=_("Give a title (at most 200 characters)."),
                max_length=200,
            )
        if "description" in fields:
            locked.description = _text(
                fields["description"],
                code="bad_description",
                message=_("The description has at most 20000 characters."),
                max_length=20000,
                required=False,
            )
        if "notice_days" in fields:
            locked.notice_days = _clean_notice(fields["notice_days"])
        locked.voting_opens_at = fields.get("voting_opens_at", locked.voting_opens_at)
        locked.voting_closes_at = fields.get("voting_closes_at", locked.voting_closes_at)
        _clean_window(locked.voting_opens_at, locked.voting_closes_at)
        locked.save()
        if items is not None:
            _items_store(locked, items)
    return locked


def _initiative_draft(meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.convened_by != Meeting.ConvenedBy.INITIATIVE:
        raise MeetingError("not_initiative", _("This meeting is convened by the board."))
    if locked.state != Meeting.State.DRAFT:
        raise MeetingError(
            "not_draft", _("The initiative group closes when the meeting is convened.")
        )
    return locked


def initiative_join(*, meeting: Meeting, user) -> InitiativeMember:
    """A co-owner joins the group that asks for the meeting; their share counts towards the
    association's threshold."""
    if not is_coowner(user=user, building=meeting.building):
        raise MeetingError("not_allowed", _("Only co-owners of the building can join."))
    with transaction.atomic():
        locked = _initiative_draft(meeting)
        member, created = InitiativeMember.objects.get_or_create(meeting=locked, user=user)
        if not created:
            raise MeetingError("already_member", _("You are already in the initiative group."))
    return member


def initiative_leave(*, meeting: Meeting, user) -> None:
    with transaction.atomic():
        locked = _initiative_draft(meeting)
        deleted, _rows = InitiativeMember.objects.filter(meeting=locked, user=user).delete()
        if not deleted:
            raise MeetingError("not_member", _("You are not in the initiative group."))


def meeting_convene(*, meeting: Meeting, by, now: datetime | None = None) -> Meeting:
    """draft → convened: the notice goes to every co-owner (email and cabinet). The vote must
    open at least `notice_days` from now. An initiative group convenes only while its members
    hold at least the association's share of the building's area."""
    now = now or timezone.now()
    _check_manager(meeting, by)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("building").get(pk=meeting.pk)
        meeting_transition(locked, Meeting.State.CONVENED)
        if locked.voting_opens_at < now + timedelta(days=locked.notice_days):
            raise MeetingError(
                "notice_too_short",
                _("Voting must open at least %(days)s days after the notice.")
                % {"days": locked.notice_days},
            )
        _clean_window(locked.voting_opens_at, locked.voting_closes_at)
        if not locked.items.exists():
            raise MeetingError("bad_items", _("A meeting needs at least one agenda item."))
        by_group = locked.convened_by == Meeting.ConvenedBy.INITIATIVE and not is_board(
            user=by, building=locked.building
        )
        if by_group and initiative_weight(locked) < initiative_threshold(locked):
            raise MeetingError(
                "initiative_too_small",
                _("The initiative group does not hold the share of the area needed yet."),
            )
        locked.state = Meeting.State.CONVENED
        locked.convened_at = now
        locked.save(update_fields=["state", "convened_at"])
        from meetings.tasks import meeting_notice_send

        meeting_id = locked.pk
        on_commit_robust(lambda: meeting_notice_send.enqueue(meeting_id=meeting_id))
    return locked


def meeting_open_voting(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """convened → voting, at `voting_opens_at`: the rights are snapshotted from the register
    as it stands now (weights, and who may vote online) and the building's area with them."""
    from meetings.services.votes import rights_snapshot

    now = now or timezone.now()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        meeting_transition(locked, Meeting.State.VOTING)
        if now < locked.voting_opens_at:
            raise MeetingError("not_due", _("Voting opens at its opening time."))
        rights_snapshot(meeting=locked)
        locked.state = Meeting.State.VOTING
        locked.voting_started_at = now
        locked.save(update_fields=["state", "voting_started_at", "total_area"])
    return locked


def meeting_count(*, meeting: Meeting, now: datetime | None = None) -> Meeting:
    """voting → counted, at `voting_closes_at` (never earlier: co-owners were told they could
    vote until then). Under the meeting's lock, so no vote slips in after the count."""
    from meetings.services.counting import meeting_results

    now = now or timezone.now()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("log").get(pk=meeting.pk)
        meeting_transition(locked, Meeting.State.COUNTED)
        if now < locked.voting_closes_at:
            raise MeetingError("not_due", _("Voting closes at its closing time."))
        results, head = meeting_results(meeting=locked)
        locked.results = results
        locked.final_tree_head = head
        locked.state = Meeting.State.COUNTED
        locked.counted_at = now
        locked.save(update_fields=["results", "final_tree_head", "state", "counted_at"])
    return locked


def meeting_publish(*, meeting: Meeting, by, chair=None, now: datetime | None = None) -> Meeting:
    """counted → published by the board, with who chaired (`by` unless said otherwise): the
    two copies of the minutes are made and kept."""
    from meetings.models import Minutes
    from meetings.services.minutes import minutes_pdf

    now = now or timezone.now()
    if not is_board(user=by, building=meeting.building):
        raise MeetingError("not_allowed", _("Only the association's board publishes minutes."))
    chair = chair or by
    meeting_transition(meeting, Meeting.State.PUBLISHED)
    with translation.override(None):
        chair_name = str(chair.display_name)[:200]
    # The PDFs take a while; they are made before the lock, from a counted meeting whose
    # results no longer change, and the state is checked again under the lock.
    meeting.chair, meeting.chair_name, meeting.published_at = chair, chair_name, now
    coowners_pdf = minutes_pdf(meeting=meeting, copy="coowners")
    public_pdf = minutes_pdf(meeting=meeting, copy="public")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        meeting_transition(locked, Meeting.State.PUBLISHED)
        locked.chair, locked.chair_name = chair, chair_name
        locked.state = Meeting.State.PUBLISHED
        locked.published_at = now
        locked.save(update_fields=["chair", "chair_name", "state", "published_at"])
        Minutes.objects.create(meeting=locked, coowners_pdf=coowners_pdf, public_pdf=public_pdf)
    return locked


def meeting_cancel(*, meeting: Meeting, by, reason: str, now: datetime | None = None) -> Meeting:
    """draft, convened or voting → cancelled, with the reason the co-owners will read. The
    board cancels; an initiative group may withdraw only its own draft."""
    now = now or timezone.now()
    _check_manager(meeting, by)
    if meeting.state != Meeting.State.DRAFT and not is_board(user=by, building=meeting.building):
        raise MeetingError(
            "not_allowed", _("Only the association's board cancels a convened meeting.")
        )
    reason = _text(
        reason,
        code="reason_required",
        message=_("Say why the meeting is cancelled (at most 500 characters)."),
        max_length=500,
    )
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        meeting_transition(locked, Meeting.State.CANCELLED)
        locked.state = Meeting.State.CANCELLED
        locked.cancel_reason = reason
        locked.cancelled_by = by
        locked.cancelled_at = now
        locked.save(update_fields=["state", "cancel_reason", "cancelled_by", "cancelled_at"])
    return locked


def meetings_tick(*, now: datetime | None = None, progress=None) -> dict[str, int]:
    """The timed steps, run every minute by `manage.py meetings_tick`: open the votes that are
    due (snapshotting the rights), count those that are due, queue the reminders that are
    due, cut old links to people. Each meeting's step is its own transaction: one that
    refuses (logged, counted in "refused") does not hold back the others."""
    from meetings.services.votes import meetings_retention_cut
    from meetings.tasks import meeting_reminders_send, reminder_due, reminder_recipients

    now = now or timezone.now()
    summary = {"opened": 0, "counted": 0, "reminders": 0, "refused": 0}

    def step(meeting: Meeting, name: str, action) -> None:
        try:
            action(meeting)
        except MeetingError as error:
            logger.warning("meetings_tick: meeting %s refused %s: %s", meeting.pk, name, error.code)
            summary["refused"] += 1
            return
        summary[name] += 1
        if progress is not None:
            progress(f"{name}: {meeting.pk} {meeting.title}")

    due = Meeting.objects.filter(state=Meeting.State.CONVENED, voting_opens_at__lte=now)
    for meeting in due.order_by("voting_opens_at", "pk"):
        step(meeting, "opened", lambda m: meeting_open_voting(meeting=m, now=now))
    closing = Meeting.objects.filter(state=Meeting.State.VOTING, voting_closes_at__lte=now)
    for meeting in closing.order_by("voting_closes_at", "pk"):
        step(meeting, "counted", lambda m: meeting_count(meeting=m, now=now))
    for meeting in Meeting.objects.filter(state=Meeting.State.VOTING, voting_closes_at__gt=now):
        kind = reminder_due(meeting, now)
        if kind is not None and reminder_recipients(meeting, kind).exists():
            meeting_id = meeting.pk
            on_commit_robust(
                lambda m=meeting_id, k=kind: meeting_reminders_send.enqueue(meeting_id=m, kind=k)
            )
            summary["reminders"] += 1
    summary["links_cut"] = meetings_retention_cut(now=now)
    return summary
