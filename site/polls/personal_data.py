"""What the polls app stores about a person, for "download my data" and "delete my account"
(the contract is in `profiles.data_rights`).

- A credential received for a secret poll (`Issuance`): only that the person got one, and
  their random roll secret, whose hash is their line of the public roll. How they voted is
  not stored anywhere in a form that could be tied to them: the export cannot contain it.
  Erasure cuts the link to the person and keeps the row, so the count of credentials and
  the roll stay exact.
- A named vote in an open poll (`NamedVote`): the person voted; their entry, with their
  name and choices, is in the poll's log, which is append-only. It cannot be removed from a
  log that others have already checked; erasure cuts the link on our side, and the export
  says so.
- A poll's results key the person holds (`PollKeyHolder`): their place among the poll's key
  holders and their public key; their private key once they gave it after the poll closed
  (it is then published with the results). Erasure cuts the link to the person and keeps the
  keys: the poll must stay countable and recountable.
- Polls the person created (`Poll.creator`) stay, credited to nobody; the districts in which
  a body's or deputy's account may create polls (`PollCreatorScope`) are deleted.

Retention while the account exists: the links of credentials and named votes are cut
POLL_RETENTION_DAYS (365) days after the poll closed (`polls_tick`).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from polls import protocol
from polls.models import Issuance, NamedVote, Poll, PollCreatorScope, PollKeyHolder

MODELS = [
    "polls.Poll",
    "polls.Issuance",
    "polls.NamedVote",
    "polls.PollKeyHolder",
    "polls.PollCreatorScope",
]


def _named_vote_note() -> str:
    return _(
        "Your vote, with your name and your choices, is an entry of this poll's log, which "
        "the poll's audience can read. The log is append-only: an entry cannot be removed once "
        "others may have checked it. Deleting your account removes the link from your account "
        "to the vote; the entry in the log stays."
    )


def _b64_or_none(key) -> str | None:
    return protocol.b64url(bytes(key)) if key is not None else None


def export_for(user) -> dict:
    issuances = Issuance.objects.filter(user=user).select_related("poll")
    named = NamedVote.objects.filter(user=user).select_related("poll")
    return {
        "secret_poll_credentials": [
            {
                "poll": issuance.poll.title,
                "poll_slug": issuance.poll.slug,
                "your_line_of_the_roll": protocol.roll_hash(
                    poll_id=issuance.poll_id, secret=bytes(issuance.roll_secret)
                ),
                "note": _(
                    "You received a ballot for this secret poll. How you voted is not stored "
                    "in any way that could be linked to you."
                ),
            }
            for issuance in issuances
        ],
        "open_poll_votes": [
            {"poll": vote.poll.title, "poll_slug": vote.poll.slug, "note": _named_vote_note()}
            for vote in named
        ],
        "results_keys_held": [
            {
                "poll": holder.poll.title,
                "poll_slug": holder.poll.slug,
                "position": holder.position,
                "public_key": _b64_or_none(holder.public_key),
                "private_key_given": holder.private_key is not None,
                "note": _(
                    "You hold one of this poll's results keys. We store its public half; its "
                    "private half only if you gave it after the poll closed, and it is then "
                    "published with the results."
                ),
            }
            for holder in PollKeyHolder.objects.filter(user=user).select_related("poll")
        ],
        "polls_created": [
            {"title": poll.title, "state": poll.state, "created_at": poll.created_at}
            for poll in Poll.objects.filter(creator=user)
        ],
        "poll_districts": list(
            PollCreatorScope.objects.filter(user=user).values_list("district__name_uk", flat=True)
        ),
    }


def erase_for(user) -> None:
    with transaction.atomic():
        Issuance.objects.filter(user=user).update(user=None)
        NamedVote.objects.filter(user=user).update(user=None)
        PollKeyHolder.objects.filter(user=user).update(user=None)
        Poll.objects.filter(creator=user).update(creator=None)
        PollCreatorScope.objects.filter(user=user).delete()


def erasure_warnings(user) -> list[str]:
    """A results key a poll still needs: without it the poll can never be counted, and an
    erased account can no longer give it."""
    holdings = (
        PollKeyHolder.objects.filter(user=user, private_key__isnull=True)
        .exclude(poll__state=Poll.State.PUBLISHED)
        .select_related("poll")
        .order_by("poll__closes_at", "pk")
    )
    return [
        _(
            "You hold results key %(position)s of the poll “%(poll)s”. The poll cannot be "
            "counted without it: give it on the poll's key page once the poll has closed, "
            "before your account is deleted."
        )
        % {"position": holding.position, "poll": holding.poll.title}
        for holding in holdings
        if holding.poll.is_secret
    ]
