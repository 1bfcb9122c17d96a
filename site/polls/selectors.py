"""Reads of the polls app: the list and the page, turnout, and a person's own standing."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from polls import protocol
from polls.models import Issuance, NamedVote, Option, Poll, PollKeyHolder, Question
from residents.models import Audience
from residents.selectors import audience_includes, audience_public_count

PUBLIC_STATES = (Poll.State.SCHEDULED, Poll.State.OPEN, Poll.State.CLOSED, Poll.State.PUBLISHED)


def polls_listed() -> QuerySet:
    """Every poll the public may see (not drafts), open ones first, then scheduled, then by
    their closing time, latest first."""
    order = {state: rank for rank, state in enumerate(("open", "scheduled", "published", "closed"))}
    return (
        Poll.objects.filter(state__in=PUBLIC_STATES)
        .select_related("district", "organization")
        .annotate(
            state_order=Case(
                *(When(state=state, then=Value(rank)) for state, rank in order.items()),
                output_field=IntegerField(),
            )
        )
        .order_by("state_order", "-closes_at", "-pk")
    )


def poll_for_page(slug: str) -> Poll | None:
    """A public poll with what its page shows: questions and options in order, documents."""
    questions = Question.objects.order_by("position").prefetch_related(
        Prefetch("options", queryset=Option.objects.order_by("position"))
    )
    return (
        Poll.objects.filter(slug=slug, state__in=PUBLIC_STATES)
        .select_related("log", "audience", "district", "organization")
        .prefetch_related(Prefetch("questions", queryset=questions), "documents__document")
        .first()
    )


@dataclass(frozen=True)
class Turnout:
    """Ballots against the eligible; `eligible` is None where the audience is under
    `Audience.PUBLIC_COUNT_MINIMUM` (a number would single out a few households), and then
    so is `share`."""

    ballots: int
    eligible: int | None
    share: float | None


def poll_turnout(poll: Poll) -> Turnout:
    if poll.eligible_count is not None:
        eligible = (
            poll.eligible_count if poll.eligible_count >= Audience.PUBLIC_COUNT_MINIMUM else None
        )
    else:
        eligible = audience_public_count(audience=poll.audience)
    share = poll.ballots_received / eligible if eligible else None
    return Turnout(ballots=poll.ballots_received, eligible=eligible, share=share)


def issuance_of(poll: Poll, user) -> Issuance | None:
    """The person's credential record for the poll (its roll secret is their line of the
    roll: `protocol.roll_hash`), or None."""
    if user is None or not user.is_authenticated:
        return None
    return Issuance.objects.filter(poll=poll, user=user).first()


@dataclass(frozen=True)
class VoteStatus:
    state: str
    eligible: bool
    has_credential: bool  # a secret poll: the person received their credential
    has_voted: bool  # an open poll: the person's named vote is in the log
    roll_hash: str | None


def poll_vote_status(poll: Poll, user) -> VoteStatus:
    """Where the person stands: eligible now, credential received (secret) or voted (open).
    Whether a secret ballot was cast cannot be known: nothing links it to anyone."""
    signed_in = user is not None and user.is_authenticated
    issuance = issuance_of(poll, user) if poll.is_secret else None
    return VoteStatus(
        state=poll.state,
        eligible=signed_in and audience_includes(audience=poll.audience, user=user),
        has_credential=issuance is not None,
        has_voted=bool(
            signed_in
            and not poll.is_secret
            and NamedVote.objects.filter(poll=poll, user=user).exists()
        ),
        roll_hash=(
            protocol.roll_hash(poll_id=poll.pk, secret=bytes(issuance.roll_secret))
            if issuance is not None
            else None
        ),
    )


def roll_hashes(poll: Poll) -> list[str]:
    """The public issuance roll: one salted hash per credential, sorted."""
    secrets = Issuance.objects.filter(poll=poll).values_list("roll_secret", flat=True)
    return sorted(protocol.roll_hash(poll_id=poll.pk, secret=bytes(s)) for s in secrets)


def key_holders_of(poll: Poll) -> list[PollKeyHolder]:
    """The poll's key holders in order, with their accounts (for the poll's admin pages)."""
    return list(poll.key_holders.select_related("user").order_by("position"))


def key_holding(slug: str, user) -> PollKeyHolder | None:
    """The key holder `user` is of the poll `slug`, in any state (a draft too), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        PollKeyHolder.objects.filter(poll__slug=slug, user=user)
        .select_related("poll", "poll__log")
        .first()
    )


def results_public_keys(poll: Poll) -> list[bytes]:
    """The public keys given so far, in the holders' order: what a ballot is sealed to (all
    of them: a poll is scheduled only once every holder has given theirs)."""
    keys = poll.key_holders.filter(public_key__isnull=False).order_by("position")
    return [bytes(key) for key in keys.values_list("public_key", flat=True)]


def results_private_keys_published(poll: Poll) -> list[bytes] | None:
    """The holders' private keys once the results are published (then anyone may recount),
    else None: before, they are not shown even where the database holds them."""
    if poll.state != Poll.State.PUBLISHED or not poll.is_secret:
        return None
    keys = poll.key_holders.order_by("position").values_list("private_key", flat=True)
    return [bytes(key) for key in keys]
