"""Support for ideas: giving and withdrawing it, merging duplicates, and the timed steps.

`Idea.support_count` is exact: it changes only here, inside a transaction holding the idea's
row (`select_for_update`), by exactly the rows added or deleted, as petitions count
signatures. The support that reaches the threshold moves the idea to *under review* in the
same transaction, so however many arrive at once, the move, its date and its emails happen
once.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config.transactions import on_commit_robust
from ideas.models import Idea, IdeaEvent, Support
from ideas.permissions import can_answer, can_moderate, support_refusal
from ideas.services.common import (
    event_add,
    idea_lock,
    ideas_lock_in_order,
    state_move,
    text_clean,
)
from ideas.states import ACTIVE_STATES, IdeaError, State

logger = logging.getLogger(__name__)

MERGEABLE_STATES = frozenset({State.PUBLISHED, State.UNDER_REVIEW})


def _count_store(idea: Idea) -> None:
    """Write a locked idea's new count alone. Supporting is the hot path, as signing is: a
    queryset update sends no signal, so a support does not make every cached page of the site
    be rendered again; visitors' pages show the new count within the shared cache's timeout
    (`config.sharedpages.TIMEOUT`), signed-in people at once."""
    Idea.objects.filter(pk=idea.pk).update(
        support_count=idea.support_count, updated_at=timezone.now()
    )


def threshold_check(idea: Idea, *, now: datetime) -> bool:
    """On a locked idea whose count just grew: move it to under review if this support reached
    its threshold (once: `threshold_reached_at` is set only here), and tell the authority and
    the author after commit. The caller saves the idea."""
    if (
        idea.state != State.PUBLISHED
        or idea.threshold is None
        or idea.threshold_reached_at is not None
        or idea.support_count < idea.threshold
    ):
        return False
    state_move(idea, State.UNDER_REVIEW, at=now)
    idea.threshold_reached_at = now
    idea_id = idea.pk

    def notify():
        from ideas.tasks import idea_threshold_notify

        idea_threshold_notify.enqueue(idea_id=idea_id)

    on_commit_robust(notify)
    return True


def support_give(*, idea: Idea, user, now: datetime | None = None) -> Support:
    """`user` supports `idea`: once, with a confirmed email, while it gathers support."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = idea_lock(idea)
        refusal = support_refusal(user=user, idea=locked, now=now)
        if refusal is not None:
            raise IdeaError(refusal, code="refused")
        try:
            with transaction.atomic():
                support = Support.objects.create(idea=locked, user=user, created_at=now)
        except IntegrityError:  # cannot happen under the lock; kept as a clear answer anyway
            raise IdeaError(_("You already support this idea."), code="twice") from None
        locked.support_count += 1
        if threshold_check(locked, now=now):
            # A new state: every page showing the idea must forget it (a save moves the
            # content generation, `config.freshness`).
            locked.save(
                update_fields=["support_count", "state", "threshold_reached_at", "updated_at"]
            )
        else:
            _count_store(locked)
    idea.support_count, idea.state = locked.support_count, locked.state
    idea.threshold_reached_at = locked.threshold_reached_at
    return support


def support_withdraw(*, idea: Idea, user) -> None:
    """Take one's support back while the idea still gathers it (not once it is under review:
    the threshold was reached with it)."""
    if user is None or not user.is_authenticated:
        raise IdeaError(_("Sign in to change your support."), code="anonymous")
    with transaction.atomic():
        locked = idea_lock(idea)
        if locked.state != State.PUBLISHED:
            raise IdeaError(
                _("Support can be withdrawn only while the idea gathers it."), code="closed"
            )
        deleted, _rows = Support.objects.filter(idea=locked, user=user).delete()
        if not deleted:
            raise IdeaError(_("You do not support this idea."), code="not_supporting")
        locked.support_count -= deleted
        _count_store(locked)
    idea.support_count = locked.support_count


def idea_merge(*, idea: Idea, into: Idea, by, note: str = "", now: datetime | None = None) -> Idea:
    """Merge `idea` (gathering support or under review) into `into` as a duplicate: by a
    moderator, or by the authority answering it. Its supporters are carried over, each person
    counted once (who supports both keeps one support, the earlier-dated one stays as it
    is); the duplicate keeps its own count as its record. The target may cross its threshold
    with them, and then moves to under review like any other."""
    now = now or timezone.now()
    if not (can_moderate(user=by) or can_answer(user=by, idea=idea)):
        raise IdeaError(
            _("Only moderators or the idea's authority can merge it."), code="not_allowed"
        )
    note = text_clean(note, label=_("note"), max_length=2000, required=False)
    if into is None or not isinstance(into, Idea) or into.pk == idea.pk:
        raise IdeaError(_("Choose another idea to merge this one into."), code="bad_target")
    with transaction.atomic():
        locked, target = ideas_lock_in_order(idea, into)
        if locked.state not in MERGEABLE_STATES:
            raise IdeaError(
                _("Only an idea that gathers support or is under review can be merged."),
                code="not_mergeable",
            )
        if target.state not in ACTIVE_STATES or target.hidden_at is not None:
            raise IdeaError(
                _("An idea can be merged only into a public idea that is still moving."),
                code="bad_target",
            )
        state_move(locked, State.DUPLICATE, at=now, actor=by, note=note)
        locked.merged_into = target
        locked.answer = note
        locked.answered_at = now
        locked.answered_by = by
        locked.save()
        already = Support.objects.filter(idea=target).values("user_id")
        carried = [
            Support(idea=target, user_id=user_id, created_at=created_at, carried_from=locked)
            for user_id, created_at in Support.objects.filter(idea=locked)
            .exclude(user_id__in=already)
            .values_list("user_id", "created_at")
        ]
        Support.objects.bulk_create(carried, batch_size=1000)
        target.support_count += len(carried)
        event_add(
            idea=target,
            kind=IdeaEvent.Kind.MERGED_IN,
            note=_("“%(title)s” was merged in; %(count)s supporters came with it.")
            % {"title": locked.title, "count": len(carried)},
            actor=by,
            at=now,
        )
        threshold_check(target, now=now)
        target.save(update_fields=["support_count", "state", "threshold_reached_at", "updated_at"])
        locked_id = locked.pk
        on_commit_robust(lambda: _answer_notify(locked_id))
    return locked


def _answer_notify(idea_id: int) -> None:
    from ideas.tasks import idea_answered_notify

    idea_answered_notify.enqueue(idea_id=idea_id)


def ideas_expire(*, now: datetime | None = None, progress=None) -> int:
    """Ideas whose support period ended below their threshold expire; returns how many. Each
    is re-read under its lock, so a support that reached the threshold at the last moment, or
    a second tick running at once, is respected."""
    now = now or timezone.now()
    due = Idea.objects.filter(
        state=State.PUBLISHED, support_ends_at__lte=now, threshold_reached_at__isnull=True
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(due.order_by("support_ends_at", "pk")):
        with transaction.atomic():
            idea = Idea.objects.select_for_update().get(pk=pk)
            if idea.state != State.PUBLISHED or idea.support_ends_at > now:
                continue
            state_move(idea, State.EXPIRED, at=now)
            idea.save(update_fields=["state", "updated_at"])
            expired += 1
        if progress is not None:
            progress(f"expired: {idea.pk} {idea.title}")
    return expired


def support_ended_before(moment: datetime) -> Q:
    """Ideas whose gathering of support ended before `moment`: at the threshold, at the end
    of the period (expired), or when merged as a duplicate."""
    return (
        Q(threshold_reached_at__lt=moment)
        | Q(state=State.EXPIRED, support_ends_at__lt=moment)
        | Q(state=State.DUPLICATE, answered_at__lt=moment)
    )


def supports_retention_cut(*, now: datetime | None = None) -> int:
    """Forget who supported ideas whose support ended `IDEA_RETENTION_DAYS` ago: the rows go,
    `support_count` stays. Returns how many links were cut."""
    now = now or timezone.now()
    cut_before = now - timedelta(days=settings.IDEA_RETENTION_DAYS)
    ended = Idea.objects.filter(support_ended_before(cut_before)).values("pk")
    deleted, _rows = Support.objects.filter(idea__in=ended).delete()
    return deleted


def ideas_tick(*, now: datetime | None = None, progress=None) -> dict[str, int]:
    """The timed steps, run by `manage.py ideas_tick`: expire ideas whose support period
    ended below the threshold, and cut supporters' links after IDEA_RETENTION_DAYS."""
    now = now or timezone.now()
    expired = ideas_expire(now=now, progress=progress)
    links_cut = supports_retention_cut(now=now)
    return {"expired": expired, "links_cut": links_cut}
