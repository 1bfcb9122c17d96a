"""The results keys are held by people, never by the server: the key ceremony's services
(`polls.services.keys`), the layered seal (`sealing.seal_layers`) through the count, and what
the person's data export and erasure say of a key they hold."""

from django.core import mail
from django.utils import translation

import pytest

from polls import protocol, sealing, selectors
from polls.errors import PollError
from polls.models import Poll, PollKeyHolder
from polls.personal_data import erase_for, export_for
from polls.services.ballots import ballot_submit, poll_tally
from polls.services.keys import (
    poll_key_holders_set,
    poll_key_private_give,
    poll_key_public_give,
)
from polls.services.polls import poll_close, poll_publish, poll_schedule
from residents.services.audiences import audience_create
from tests.factories import UserFactory
from tests.polls.factories import (
    ANSWERS,
    holder_private_keys,
    poll_advance,
    poll_editor,
    poll_for,
    poll_with_voters,
    residents_of,
    secret_ballot,
)
from tests.residents.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def draft_of(voters: int = 20, *, key_holders=(), keys_created=False):
    district = DistrictFactory()
    residents_of(district, voters)
    return poll_for(
        audience=audience_create(districts=[district]),
        key_holders=key_holders,
        keys_created=keys_created,
    )


def refused(code: str, call, **kwargs) -> PollError:
    with pytest.raises(PollError) as error:
        call(**kwargs)
    assert error.value.code == code
    return error.value


def test_a_secret_poll_is_not_scheduled_until_every_holder_gave_a_public_key():
    observer = UserFactory(first_name="Олена", last_name="Спостерігачка")
    poll = draft_of(key_holders=[observer])
    creator = poll.key_holders.get(position=1).user
    _private, public_key = sealing.key_generate()
    poll_key_public_give(poll=poll, user=creator, public_key=public_key)

    error = refused("waiting_for_key_holders", poll_schedule, poll=poll, actor=creator)

    assert "2 (Олена Спостерігачка)" in str(error.message)
    assert Poll.objects.get(pk=poll.pk).state == Poll.State.DRAFT
    poll_key_public_give(poll=poll, user=observer, public_key=sealing.key_generate()[1])
    assert poll_schedule(poll=poll, actor=creator).state == Poll.State.SCHEDULED
    # Scheduled: the keys are fixed; a new one would leave ballots sealed to two keys.
    fixed = bytes(poll.key_holders.get(position=2).public_key)
    refused(
        "not_draft",
        poll_key_public_give,
        poll=poll,
        user=observer,
        public_key=sealing.key_generate()[1],
    )
    assert bytes(poll.key_holders.get(position=2).public_key) == fixed


def test_an_open_vote_needs_no_results_key_to_be_scheduled():
    poll = draft_of(voters=3)  # too few for a secret ballot
    assert not poll.is_secret
    poll_schedule(poll=poll, actor=poll_editor())
    assert Poll.objects.get(pk=poll.pk).state == Poll.State.SCHEDULED


def test_a_public_key_is_given_once_by_a_holder_while_the_poll_is_a_draft():
    poll = draft_of()
    creator = poll.key_holders.get().user
    stranger = UserFactory()
    _private, public_key = sealing.key_generate()

    refused("not_key_holder", poll_key_public_give, poll=poll, user=stranger, public_key=public_key)
    refused(
        "bad_public_key", poll_key_public_give, poll=poll, user=creator, public_key=b"\x04" * 65
    )
    assert poll.key_holders.get().public_key is None

    poll_key_public_give(poll=poll, user=creator, public_key=public_key)
    assert bytes(poll.key_holders.get().public_key) == public_key
    # A holder who lost the file makes a new key while the poll is a draft: it replaces.
    again = sealing.key_generate()[1]
    poll_key_public_give(poll=poll, user=creator, public_key=again)
    assert bytes(poll.key_holders.get().public_key) == again


def test_a_private_key_is_refused_before_the_close_and_changes_nothing(open_secret_poll):
    poll, _voters = open_secret_poll
    holder = poll.key_holders.select_related("user").get()
    private_key = holder_private_keys(poll)[0]

    with translation.override("en"):
        error = refused(
            "not_closed",
            poll_key_private_give,
            poll=poll,
            user=holder.user,
            private_key=private_key,
        )
        assert "Keep your key until the poll closes" in str(error.message)
    assert PollKeyHolder.objects.get(pk=holder.pk).private_key is None


def test_a_private_key_that_is_not_the_holders_is_refused(open_secret_poll):
    poll, _voters = open_secret_poll
    poll = poll_advance(poll, "closed")
    holder = poll.key_holders.select_related("user").get()
    other_private, _other_public = sealing.key_generate()

    for wrong in (other_private, b"\x00" * 32, b"short", b"\xff" * 32):
        refused(
            "wrong_private_key",
            poll_key_private_give,
            poll=poll,
            user=holder.user,
            private_key=wrong,
        )
    assert PollKeyHolder.objects.get(pk=holder.pk).private_key is None
    poll_key_private_give(poll=poll, user=holder.user, private_key=holder_private_keys(poll)[0])
    assert (
        bytes(PollKeyHolder.objects.get(pk=holder.pk).private_key) == holder_private_keys(poll)[0]
    )


def test_publication_waits_for_every_holders_private_key():
    observers = [UserFactory(), UserFactory()]
    poll, voters = poll_with_voters(voters=20, state="open", key_holders=observers)
    ballot_submit(poll=poll, **secret_ballot(poll, voters[0], ANSWERS).submission)
    poll = poll_close(poll=poll, now=poll.closes_at)
    holders = list(poll.key_holders.select_related("user").order_by("position"))
    keys = holder_private_keys(poll)

    for holder, key in zip(holders[:2], keys[:2], strict=True):
        poll_key_private_give(poll=poll, user=holder.user, private_key=key)
        refused("waiting_for_key_holders", poll_publish, poll=poll)
        assert Poll.objects.get(pk=poll.pk).results is None

    poll_key_private_give(poll=poll, user=holders[2].user, private_key=keys[2])
    poll = poll_publish(poll=poll)
    assert poll.results["ballots"] == 1 and poll.results["spoilt"] == 0
    assert poll.results["questions"][0]["counts"] == [1, 0]
    refused(
        "published",
        poll_key_private_give,
        poll=poll,
        user=holders[0].user,
        private_key=keys[0],
    )


@pytest.mark.parametrize("holders", [1, 3])
def test_layers_seal_to_every_holder_and_open_only_with_all_keys_in_order(holders):
    pairs = [sealing.key_generate() for _ in range(holders)]
    private_keys = [private for private, _public in pairs]
    public_keys = [public for _private, public in pairs]

    enc, ct = sealing.seal_layers(public_keys, b'{"answers":[[1]]}', 7)

    assert len(enc) == sealing.PUBLIC_KEY_BYTES
    assert sealing.open_layers(private_keys, enc, ct, 7) == b'{"answers":[[1]]}'
    with pytest.raises(sealing.SealingError):
        sealing.open_layers(private_keys, enc, ct, 8)  # another poll's layers
    with pytest.raises(sealing.SealingError):
        sealing.open_layers(private_keys[:-1] + [sealing.key_generate()[0]], enc, ct, 7)
    if holders > 1:
        with pytest.raises(sealing.SealingError):
            sealing.open_layers(private_keys[::-1], enc, ct, 7)
        # A holder missing: what is left is the last layer, still sealed, never the choices.
        assert sealing.open_layers(private_keys[:-1], enc, ct, 7) != b'{"answers":[[1]]}'


def test_a_ballot_sealed_with_its_layers_in_the_wrong_order_is_spoilt():
    poll, voters = poll_with_voters(voters=20, state="open", key_holders=[UserFactory()])
    public_keys = selectors.results_public_keys(poll)
    good = secret_ballot(poll, voters[0], ANSWERS)
    swapped = secret_ballot(poll, voters[1], ANSWERS)
    swapped.enc, swapped.ct = sealing.seal_layers(
        public_keys[::-1], protocol.choices_plaintext(ANSWERS), poll.pk
    )
    for ballot in (good, swapped):
        ballot_submit(poll=poll, **ballot.submission)
    poll = poll_advance(poll, "published")
    assert poll.results["ballots"] == 2 and poll.results["spoilt"] == 1
    assert poll_tally(poll=poll, private_keys=holder_private_keys(poll)) == poll.results


def test_a_secret_poll_is_never_counted_without_its_keys(open_secret_poll):
    poll, _voters = open_secret_poll
    refused("no_results_keys", poll_tally, poll=poll)


def test_other_holders_are_named_in_a_draft_told_by_email_and_kept_with_their_keys(
    django_capture_on_commit_callbacks,
):
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        poll = draft_of(key_holders=[first])
    creator = poll.key_holders.get(position=1).user
    assert [message.to for message in mail.outbox] == [[first.email]]
    assert f"/polls/{poll.slug}/key/" in mail.outbox[0].body
    public_key = sealing.key_generate()[1]
    poll_key_public_give(poll=poll, user=first, public_key=public_key)

    with django_capture_on_commit_callbacks(execute=True):
        poll_key_holders_set(poll=poll, actor=creator, others=[second, first])

    holders = {h.position: (h.user, h.public_key) for h in poll.key_holders.all()}
    assert holders[1][0] == creator
    assert holders[2] == (second, None)
    assert holders[3][0] == first and bytes(holders[3][1]) == public_key
    assert [message.to for message in mail.outbox] == [[first.email], [second.email]]
    refused(
        "too_many_key_holders",
        poll_key_holders_set,
        poll=poll,
        actor=creator,
        others=[first, second, third],
    )
    refused("bad_key_holder", poll_key_holders_set, poll=poll, actor=creator, others=[creator])
    refused("not_allowed", poll_key_holders_set, poll=poll, actor=UserFactory(), others=[third])
    assert poll.key_holders.count() == 3


def test_the_export_names_the_keys_a_person_holds_and_erasure_keeps_them():
    observer = UserFactory()
    poll, voters = poll_with_voters(voters=20, state="open", key_holders=[observer])
    ballot_submit(poll=poll, **secret_ballot(poll, voters[0], ANSWERS).submission)
    with translation.override("en"):
        (held,) = export_for(observer)["results_keys_held"]
    assert held["poll_slug"] == poll.slug and held["position"] == 2
    assert protocol.b64url_decode(held["public_key"]) == selectors.results_public_keys(poll)[1]
    assert held["private_key_given"] is False

    erase_for(observer)

    holder = poll.key_holders.get(position=2)
    assert holder.user is None and holder.public_key is not None
    assert export_for(observer)["results_keys_held"] == []
