"""Factories of the polls tests: a poll made through the real services (its own keys and log),
addressed to an audience of N verified residents, moved to the state a test needs; the key
holders' side (each makes a key pair, gives the public half while the poll is a draft and the
private half once it has closed), and the voter's side of the protocol (blind, finalize, seal
to every holder's key) in Python, as the browsers do it.

    poll, voters = poll_with_voters(voters=25, state="open")
    ballot = secret_ballot(poll, voters[0], answers=[[0]])   # credential + sealed choices
    receipt = ballot_submit(poll=poll, **ballot.submission)
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from polls import blind_rsa, protocol, sealing, selectors
from polls.models import Poll
from polls.services.ballots import credential_issue
from polls.services.keys import poll_key_private_give, poll_key_public_give
from polls.services.polls import poll_close, poll_create, poll_open, poll_publish, poll_schedule
from residents.services.audiences import audience_create
from tests.factories import UserFactory
from tests.residents.factories import DistrictFactory, district_resident

DEFAULT_QUESTIONS = [
    {
        "text": "Де поставити нову зупинку?",
        "kind": "single",
        "options": ["Біля школи", "Біля ринку"],
    },
    {
        "text": "Що додати у сквері?",
        "kind": "multiple",
        "max_choices": 2,
        "options": ["Лавки", "Ліхтарі", "Дитячий майданчик"],
    },
    {"text": "Наскільки вам подобається проєкт?", "kind": "scale", "options": []},
]
ANSWERS = [[0], [1, 2], [3]]  # fits DEFAULT_QUESTIONS
STATES = ("draft", "scheduled", "open", "closed", "published")
# What the key holders' files hold, by poll id and position: the private keys stay here, on
# the holders' side, until a test gives them after closing. (A poll's id may come again in a
# later test, once the database is rolled back: its holders then make new keys.)
HOLDER_KEYS: dict[int, dict[int, bytes]] = {}


def poll_editor(**user_fields):
    """A staff account in the Editors group: may create polls for any audience."""
    user = UserFactory(is_staff=True, **user_fields)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


def residents_of(district, count: int) -> list:
    return [district_resident(district) for _ in range(count)]


def poll_for(
    *,
    audience,
    creator=None,
    secrecy: str = "secret",
    questions=None,
    state: str = "draft",
    title: str = "Нова зупинка на Садовій",
    now=None,
    key_holders=(),
    keys_created: bool = True,
) -> Poll:
    """A poll of `audience` made by `poll_create` and moved to `state` through the services.
    It opens an hour before `now` and closes an hour after it; closing and publishing use its
    closing time as the moment. Its creator and `key_holders` hold its results keys; unless
    `keys_created` is False, each has made one and given its public half."""
    now = now or timezone.now()
    poll = poll_create(
        creator=creator or poll_editor(),
        title=title,
        summary="Оберіть місце для зупинки.",
        description="Перший абзац.\n\nДругий абзац.",
        audience=audience,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        secrecy=secrecy,
        questions=questions if questions is not None else DEFAULT_QUESTIONS,
        creator_kind="editor",
        key_holders=key_holders,
    )
    if keys_created:
        holder_keys_create(poll)
    return poll_advance(poll, state)


def holder_keys_create(poll: Poll) -> None:
    """Each key holder without a key makes a pair and gives the public half."""
    if not poll.key_holders.filter(public_key__isnull=False).exists():
        HOLDER_KEYS[poll.pk] = {}  # a new poll, though its id may have served before
    kept = HOLDER_KEYS[poll.pk]
    for holder in poll.key_holders.filter(public_key__isnull=True).select_related("user"):
        private_key, public_key = sealing.key_generate()
        kept[holder.position] = private_key
        poll_key_public_give(poll=poll, user=holder.user, public_key=public_key)


def holder_private_keys(poll: Poll) -> list[bytes]:
    """The holders' private keys in order, as their files hold them."""
    kept = HOLDER_KEYS[poll.pk]
    positions = poll.key_holders.order_by("position").values_list("position", flat=True)
    return [kept[position] for position in positions]


def holder_keys_give(poll: Poll) -> None:
    """After closing: each key holder who has not yet given their private key gives it."""
    kept = HOLDER_KEYS.get(poll.pk, {})
    for holder in poll.key_holders.filter(private_key__isnull=True).select_related("user"):
        poll_key_private_give(poll=poll, user=holder.user, private_key=kept[holder.position])


def poll_advance(poll: Poll, state: str) -> Poll:
    """Move `poll` forward to `state` ("scheduled", "open", "closed", "published")."""
    target = STATES.index(state)
    steps = [
        lambda p: poll_schedule(poll=p, actor=poll_editor()),
        lambda p: poll_open(poll=p, now=p.opens_at),
        lambda p: poll_close(poll=p, now=p.closes_at),
        _keys_given_and_published,
    ]
    for index in range(STATES.index(poll.state), target):
        poll = steps[index](poll)
    poll.refresh_from_db()
    return poll


def _keys_given_and_published(poll: Poll) -> Poll:
    holder_keys_give(poll)
    return poll_publish(poll=poll)


def poll_with_voters(
    *,
    voters: int = 25,
    secrecy: str = "secret",
    state: str = "open",
    questions=None,
    district=None,
    key_holders=(),
) -> tuple[Poll, list]:
    """A poll addressed to the residents of a district, with `voters` verified residents in
    it (the audience's only members), moved to `state`; `key_holders` hold results keys
    besides its creator."""
    district = district or DistrictFactory()
    people = residents_of(district, voters)
    audience = audience_create(districts=[district])
    poll = poll_for(
        audience=audience,
        secrecy=secrecy,
        questions=questions,
        state=state,
        key_holders=key_holders,
    )
    return poll, people


@dataclass
class SecretBallot:
    """What the voter's browser holds after voting: the token and its signature, the sealed
    choices and the receipt it can check (the leaf hash it computes itself)."""

    token: bytes
    signature: bytes
    enc: bytes
    ct: bytes
    answers: list = field(default_factory=list)

    @property
    def submission(self) -> dict:
        return {"token": self.token, "signature": self.signature, "enc": self.enc, "ct": self.ct}

    def entry(self, poll_id: int) -> bytes:
        return protocol.ballot_entry(poll_id=poll_id, **self.submission)

    def leaf_hash(self, poll_id: int) -> bytes:
        import hashlib

        return hashlib.sha256(b"\x00" + self.entry(poll_id)).digest()


def credential_for(poll: Poll, user) -> tuple[bytes, bytes]:
    """The voter's side of RFC 9474: a fresh prepared token, blinded, signed by the server
    (`credential_issue`), finalized: (token, signature)."""
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    token = blind_rsa.prepare(secrets.token_bytes(32))
    blinded, inverse = blind_rsa.blind(public_key, token)
    blind_signature = credential_issue(poll=poll, user=user, blinded_msg=blinded)
    return token, blind_rsa.finalize(public_key, token, blind_signature, inverse)


def blinded_request(poll: Poll) -> bytes:
    """A blinded value as a browser sends it to ask for a credential (the rest is dropped)."""
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    return blind_rsa.blind(public_key, blind_rsa.prepare(secrets.token_bytes(32)))[0]


def seal_answers(poll: Poll, answers, *, plaintext: bytes | None = None) -> tuple[bytes, bytes]:
    """(enc, ct): the choices sealed to every key holder's key, as the browser seals them."""
    if plaintext is None:
        plaintext = protocol.choices_plaintext(answers)
    return sealing.seal_layers(selectors.results_public_keys(poll), plaintext, poll.pk)


def secret_ballot(poll: Poll, user, answers, *, plaintext: bytes | None = None) -> SecretBallot:
    token, signature = credential_for(poll, user)
    enc, ct = seal_answers(poll, answers, plaintext=plaintext)
    return SecretBallot(token=token, signature=signature, enc=enc, ct=ct, answers=answers)
