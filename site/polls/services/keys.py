"""The poll's results keys and the people who hold them (the key ceremony).

The server never makes, sees or stores a results private key before the poll has closed. The
poll's creator is key holder 1; whoever prepares the poll may name up to `MAX_OTHER_HOLDERS`
more (an observer, the audit commission). Each holder's browser makes a key pair and gives us
the public half while the poll is a draft; `poll_schedule` waits for all of them. Ballots are
sealed to every holder in turn (`polls.sealing.seal_layers`). After closing, each holder gives
their private half (`poll_key_private_give`), checked against their public half; with the
last one the poll can be counted and published, the keys with it, so anyone can recount.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from config.transactions import on_commit_robust
from polls import sealing
from polls.errors import PollError
from polls.models import Poll, PollKeyHolder

MAX_OTHER_HOLDERS = 2


def _holder_of(poll: Poll, user) -> PollKeyHolder:
    holder = None
    if user is not None and getattr(user, "is_authenticated", False):
        holder = PollKeyHolder.objects.select_for_update().filter(poll=poll, user=user).first()
    if holder is None:
        raise PollError("not_key_holder", _("You do not hold a results key of this poll."))
    return holder


def key_holders_create(*, poll: Poll, creator, others) -> None:
    """Holder 1 (the creator) and the others named with a new poll; the caller is
    `poll_create`, inside its transaction, after its permission checks."""
    others = _others_clean(poll, others, creator=creator)
    PollKeyHolder.objects.create(poll=poll, position=1, user=creator)
    _others_store(poll, others)


def _others_clean(poll: Poll, others, *, creator) -> list:
    others = list(others or [])
    if len(others) > MAX_OTHER_HOLDERS:
        raise PollError(
            "too_many_key_holders",
            _("Name at most %(max)s other key holders.") % {"max": MAX_OTHER_HOLDERS},
        )
    seen = {getattr(creator, "pk", None)}
    for user in others:
        if not isinstance(user, get_user_model()) or not user.is_active or user.erased_at:
            raise PollError("bad_key_holder", _("A key holder is a person with an account."))
        if user.pk in seen:
            raise PollError(
                "bad_key_holder", _("Each key holder is named once; the creator is always one.")
            )
        seen.add(user.pk)
    return others


def _others_store(poll: Poll, others: list) -> None:
    """Holders 2, 3… as `others` lists them. Someone already a holder keeps the public key
    they gave; whoever is new is told by email after the commit."""
    kept = {
        holder.user_id: holder.public_key
        for holder in PollKeyHolder.objects.filter(poll=poll, position__gt=1)
    }
    PollKeyHolder.objects.filter(poll=poll, position__gt=1).delete()
    for position, user in enumerate(others, start=2):
        holder = PollKeyHolder.objects.create(
            poll=poll, position=position, user=user, public_key=kept.get(user.pk)
        )
        if user.pk not in kept:
            from polls.tasks import key_holder_named_notify

            holder_id = holder.pk
            on_commit_robust(
                lambda holder_id=holder_id: key_holder_named_notify.enqueue(holder_id=holder_id)
            )


def poll_key_holders_set(*, poll: Poll, actor, others) -> Poll:
    """Name the poll's other key holders again (a draft only): `others` are accounts, at most
    `MAX_OTHER_HOLDERS`, not the creator. Only whoever manages the poll may."""
    from polls.services.polls import check_manager

    check_manager(poll, actor)
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.state != Poll.State.DRAFT:
            raise PollError("not_draft", _("Only a draft poll can be changed."))
        creator = PollKeyHolder.objects.filter(poll=locked, position=1).first()
        others = _others_clean(locked, others, creator=creator.user if creator else None)
        _others_store(locked, others)
    return locked


def poll_key_public_give(*, poll: Poll, user, public_key: bytes) -> PollKeyHolder:
    """A holder gives the public half of the key pair their browser (or
    `tools/verify_poll.py keygen`) made, while the poll is a draft. A holder who lost their
    key file gives a new one, which replaces the old: nothing was sealed to it yet. Once the
    poll is scheduled the keys are fixed, and a lost file means the poll cannot be counted."""
    try:
        public_key = sealing.public_key_check(bytes(public_key))
    except (sealing.SealingError, TypeError) as error:
        raise PollError(
            "bad_public_key",
            _("This is not a results public key (65 bytes, a point on P-256, base64url)."),
        ) from error
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        holder = _holder_of(locked, user)
        if locked.state != Poll.State.DRAFT:
            raise PollError(
                "not_draft", _("Results keys are given while the poll is a draft, not after.")
            )
        holder.public_key = public_key
        holder.save(update_fields=["public_key"])
    return holder


def poll_key_private_give(*, poll: Poll, user, private_key: bytes) -> PollKeyHolder:
    """A holder gives the private half of their results key: only once the poll has closed
    (before, it would let us read every ballot, which is the whole point of holding it), and
    only the one that belongs to the public half they gave."""
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        holder = _holder_of(locked, user)
        if locked.state != Poll.State.CLOSED:
            if locked.state == Poll.State.PUBLISHED:
                raise PollError("published", _("The results are already published."))
            raise PollError(
                "not_closed",
                _(
                    "Keep your key until the poll closes: before then, it would let whoever "
                    "holds it read ballots. Nothing was sent."
                ),
            )
        if holder.private_key is not None:
            raise PollError("key_given", _("You have already given your private key."))
        try:
            derived = sealing.public_key_of(bytes(private_key))
        except (sealing.SealingError, TypeError):
            derived = None
        if holder.public_key is None or derived != bytes(holder.public_key):
            raise PollError(
                "wrong_private_key",
                _("This is not the private key of the public key you gave for this poll."),
            )
        holder.private_key = bytes(private_key)
        holder.save(update_fields=["private_key"])
    return holder


def key_holders_waiting(poll: Poll, *, half: str) -> list[PollKeyHolder]:
    """The holders who have not yet given their `half` ("public_key" or "private_key")."""
    return list(
        PollKeyHolder.objects.filter(poll=poll, **{f"{half}__isnull": True})
        .select_related("user")
        .order_by("position")
    )


def holders_named(holders: list[PollKeyHolder]) -> str:
    """The waiting holders in words, for a refusal: their position and name."""
    erased = _("erased account")
    return ", ".join(
        f"{holder.position} ({holder.user.display_name if holder.user else erased})"
        for holder in holders
    )


def results_private_keys(poll: Poll) -> list[bytes]:
    """Every holder's private key in order (for the count); PollError while one is missing."""
    waiting = key_holders_waiting(poll, half="private_key")
    if waiting:
        raise PollError(
            "waiting_for_key_holders",
            _("Waiting for key holders to give their keys: %(holders)s.")
            % {"holders": holders_named(waiting)},
        )
    return [
        bytes(key)
        for key in PollKeyHolder.objects.filter(poll=poll)
        .order_by("position")
        .values_list("private_key", flat=True)
    ]
