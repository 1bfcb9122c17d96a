"""Credentials, ballots, batches and the count: the secret ballot of issue 16, point 2.

The two halves never meet. `credential_issue` knows who asks (signed in) and sees only a
blinded value, and records only that the person got a credential. `ballot_submit` is called
without cookies and sees a token, its unblinded signature and a sealed choice: nothing in it
or in what it stores names anyone. Ballots wait in `PendingBallot` until a shuffled batch
appends them to the poll's log (`ballots_append_batch`), so the log's order is not the order
of arrival; no ballot carries a time of its own.
"""

import contextlib
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from config.keys import key_open
from ledger.models import Entry
from ledger.services import leaf_promise_sign, log_append
from polls import blind_rsa, protocol, sealing
from polls.errors import PollError
from polls.models import Issuance, NamedVote, PendingBallot, Poll, SpentToken
from residents.selectors import audience_includes

ROLL_SECRET_BYTES = 16
MAX_SEALED_BYTES = 8192


def _not_open() -> PollError:
    return PollError("not_open", _("This poll is not open for voting."))


def question_shapes(poll: Poll) -> list[protocol.QuestionShape]:
    """What each question of the poll accepts, in the poll's order."""
    return [
        protocol.QuestionShape(
            kind=question.kind,
            options=len(question.options.all()),
            max_choices=question.max_choices,
        )
        for question in poll.questions.prefetch_related("options").order_by("position")
    ]


def credential_issue(*, poll: Poll, user, blinded_msg: bytes) -> bytes:
    """The blind signature over `blinded_msg` for an eligible person who has had none for this
    poll. The person's roll secret (their line of the public roll) is then read with
    `polls.selectors.issuance_of`.

    The signature is made and checked (RFC 9474 §4.3: a signer verifies before answering, so
    a fault never leaks the key) before the transaction, and given out only once the issuance
    commits: a second request for the same person, even at the same instant, meets the unique
    constraint and gets nothing."""
    if not poll.is_secret:
        raise PollError("not_secret", _("This poll is an open vote: no credential is needed."))
    if poll.state != Poll.State.OPEN:
        raise _not_open()
    if not audience_includes(audience=poll.audience, user=user):
        raise PollError("not_eligible", _("You are not among the people this poll asks."))
    if Issuance.objects.filter(poll=poll, user=user).exists():
        raise PollError("already_issued", _("You already received your ballot for this poll."))
    private_key = blind_rsa.private_key_from_der(
        key_open(
            sealed=bytes(poll.credential_sealed_private_key),
            purpose=poll.credential_key_purpose(),
        ),
        checked=False,
    )
    try:
        blind_signature = blind_rsa.blind_sign(private_key, bytes(blinded_msg))
    except (blind_rsa.BlindSignatureError, ValueError, TypeError) as error:
        raise PollError("bad_blinded", _("The blinded ballot is not valid.")) from error
    roll_secret = secrets.token_bytes(ROLL_SECRET_BYTES)
    try:
        with transaction.atomic():
            Issuance.objects.create(poll=poll, user=user, roll_secret=roll_secret)
            opened = Poll.objects.filter(pk=poll.pk, state=Poll.State.OPEN).update(
                credentials_issued=F("credentials_issued") + 1
            )
            if not opened:
                raise _not_open()
    except IntegrityError:
        raise PollError(
            "already_issued", _("You already received your ballot for this poll.")
        ) from None
    return blind_signature


def _verify_token(poll: Poll, token: bytes, signature: bytes) -> None:
    """RSASSA-PSS over the token with SHA-384, MGF1-SHA-384 and a 48-byte salt under the poll's
    credential key: what the finalized blind signature is (RFC 9474 §4.4)."""
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    try:
        public_key.verify(
            signature,
            token,
            padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=blind_rsa.SALT_LENGTH),
            hashes.SHA384(),
        )
    except (InvalidSignature, ValueError) as error:
        raise PollError("bad_signature", _("The ballot's credential is not valid.")) from error


@dataclass(frozen=True)
class Receipt:
    """What the voter keeps: the log, the leaf hash of their ballot and the log key's signature
    over `protocol.receipt_message`, a promise that the leaf will be in that log."""

    log_id: int
    leaf_hash: bytes
    signature: bytes

    def as_json(self) -> dict:
        return {
            "log_id": self.log_id,
            "leaf_hash": self.leaf_hash.hex(),
            "receipt": self.signature.hex(),
        }


def _ballot_store_in_one_statement(*, poll: Poll, token_hash: bytes, entry: bytes) -> int:
    """What the ORM path does in a transaction of three statements (spend the token, store
    the ballot, raise the open poll's counter), as one PostgreSQL statement, which is atomic on
    its own: one round trip instead of five (BEGIN and COMMIT included), and the poll's row
    lock, which orders concurrent ballots, held for one statement only. `bench/polls_cast.py`
    measured the round trips as the ballot box's cost. Returns 1, or 0 when the poll is no
    longer open (then nothing is written: the inserts take their poll id from the update). A
    token spent before fails the whole statement on the unique constraint (IntegrityError)."""
    polls, spent, pending = (model._meta.db_table for model in (Poll, SpentToken, PendingBallot))
    # Inside a caller's transaction, a savepoint keeps a refused token from breaking it; the
    # ballot box itself runs in autocommit, where the statement is its own transaction.
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with guard, connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH opened AS (
                UPDATE {polls} SET ballots_received = ballots_received + 1
                WHERE id = %s AND state = %s RETURNING id
            ), spent AS (
                INSERT INTO {spent} (id, poll_id, token_hash) SELECT %s, id, %s FROM opened
            ), pending AS (
                INSERT INTO {pending} (id, poll_id, entry) SELECT %s, id, %s FROM opened
            )
            SELECT count(*) FROM opened
            """,  # noqa: S608 - table names from the models, every value a parameter
            [poll.pk, Poll.State.OPEN, uuid.uuid4(), token_hash, uuid.uuid4(), entry],
        )
        return cursor.fetchone()[0]


def ballot_submit(*, poll: Poll, token: bytes, signature: bytes, enc: bytes, ct: bytes) -> Receipt:
    """Accept one secret ballot: a token signed under the poll's credential key, never used
    before, with its sealed choices. Stores it for the next batch and returns the receipt.

    The checks that cost (the RSA verification) run before the transaction; inside it, the
    token is spent (its unique constraint refuses a second use, even at the same instant),
    the ballot stored, and the count raised only while the poll is still open, which waits
    for a closing in progress and then refuses."""
    if not poll.is_secret:
        raise PollError("not_secret", _("This poll is an open vote."))
    if poll.state != Poll.State.OPEN:
        raise _not_open()
    token, signature, enc, ct = (bytes(part) for part in (token, signature, enc, ct))
    if (
        len(token) != protocol.TOKEN_BYTES
        or len(enc) != sealing.PUBLIC_KEY_BYTES
        or not ct
        or len(ct) > MAX_SEALED_BYTES
    ):
        raise PollError("bad_ballot", _("The ballot is not in the expected form."))
    entry = protocol.ballot_entry(poll_id=poll.pk, token=token, signature=signature, enc=enc, ct=ct)
    _verify_token(poll, token, signature)
    token_hash = hashlib.sha256(token).digest()
    try:
        if connection.vendor == "postgresql":
            opened = _ballot_store_in_one_statement(poll=poll, token_hash=token_hash, entry=entry)
        else:
            with transaction.atomic():
                SpentToken.objects.create(poll=poll, token_hash=token_hash)
                PendingBallot.objects.create(poll=poll, entry=entry)
                opened = Poll.objects.filter(pk=poll.pk, state=Poll.State.OPEN).update(
                    ballots_received=F("ballots_received") + 1
                )
                if not opened:
                    raise _not_open()
        if not opened:
            raise _not_open()
    except IntegrityError:
        raise PollError(
            "token_spent", _("This ballot was already cast: a credential votes once.")
        ) from None
    leaf_hash = hashlib.sha256(b"\x00" + entry).digest()
    message = protocol.receipt_message(log_id=poll.log_id, leaf_hash=leaf_hash)
    return Receipt(
        log_id=poll.log_id,
        leaf_hash=leaf_hash,
        signature=leaf_promise_sign(log=poll.log, message=message),
    )


def ballots_append_batch(*, poll: Poll) -> int:
    """Append every pending ballot of the poll to its log in one shuffled batch and delete
    them, in one transaction under the poll's row lock; returns how many."""
    with transaction.atomic():
        locked = Poll.objects.select_for_update().select_related("log").get(pk=poll.pk)
        pending = list(PendingBallot.objects.filter(poll=locked).values_list("id", "entry"))
        if not pending:
            return 0
        log_append(log=locked.log, entries=[bytes(entry) for _id, entry in pending], shuffle=True)
        PendingBallot.objects.filter(pk__in=[pk for pk, _entry in pending]).delete()
    return len(pending)


def named_vote_cast(*, poll: Poll, user, answers) -> bytes:
    """An open poll's vote: the named entry goes into the poll's restricted log at once (read
    by its audience); returns its leaf hash."""
    if poll.is_secret:
        raise PollError("secret", _("This poll has a secret ballot."))
    if poll.state != Poll.State.OPEN:
        raise _not_open()
    if not audience_includes(audience=poll.audience, user=user):
        raise PollError("not_eligible", _("You are not among the people this poll asks."))
    if not protocol.answers_valid(answers, question_shapes(poll)):
        raise PollError("bad_answers", _("Answer every question with the choices it allows."))
    with translation.override(None):
        voter = str(user.display_name)
    entry = protocol.named_vote_entry(poll_id=poll.pk, voter=voter, answers=answers)
    try:
        with transaction.atomic():
            NamedVote.objects.create(poll=poll, user=user)
            opened = Poll.objects.filter(pk=poll.pk, state=Poll.State.OPEN).update(
                ballots_received=F("ballots_received") + 1
            )
            if not opened:
                raise _not_open()
            log_append(log=poll.log, entries=[entry])
    except IntegrityError:
        raise PollError("already_voted", _("You have already voted in this poll.")) from None
    return hashlib.sha256(b"\x00" + entry).digest()


def _empty_counts(shapes: list[protocol.QuestionShape]) -> list[list[int]]:
    return [[0] * (5 if shape.kind == "scale" else shape.options) for shape in shapes]


def _count(counts: list[list[int]], shapes, answers) -> None:
    for question_counts, shape, answer in zip(counts, shapes, answers, strict=True):
        for value in answer:
            question_counts[value - 1 if shape.kind == "scale" else value] += 1


def _ballot_answers(poll: Poll, private_keys: list[bytes], data: bytes, shapes):
    """The answers of one secret ballot entry, or None when it is spoilt."""
    try:
        ballot = protocol.ballot_parse(data)
    except protocol.ProtocolError:
        return None
    if ballot.poll_id != poll.pk:
        return None
    try:
        plaintext = sealing.open_layers(private_keys, ballot.enc, ballot.ct, poll.pk)
    except sealing.SealingError:
        return None
    return protocol.answers_from_plaintext(plaintext, shapes)


def _named_answers(poll: Poll, data: bytes, shapes):
    try:
        value = json.loads(bytes(data))
        answers = value["answers"]
    except (ValueError, TypeError, KeyError):
        return None
    if value.get("poll") != poll.pk:
        return None
    return answers if protocol.answers_valid(answers, shapes) else None


def poll_tally(*, poll: Poll, private_keys: list[bytes] | None = None) -> dict:
    """The count of every entry in the poll's log, as `Poll.results` stores it. A secret
    poll's ballots are opened with `private_keys`, every key holder's in order; a ballot that
    does not open at some layer, or opens to something that does not fit the questions, is
    spoilt: counted in `ballots`, listed by leaf index, given to no option. A scale's mean is
    rounded to 2 decimals (None with no answers)."""
    shapes = question_shapes(poll)
    counts = _empty_counts(shapes)
    if poll.is_secret and not private_keys:
        raise PollError("no_results_keys", _("A secret poll is counted with its results keys."))
    ballots, spoilt = 0, []
    entries = Entry.objects.filter(log_id=poll.log_id).order_by("index")
    for index, data in entries.values_list("index", "data").iterator(chunk_size=2000):
        ballots += 1
        if poll.is_secret:
            answers = _ballot_answers(poll, private_keys, bytes(data), shapes)
        else:
            answers = _named_answers(poll, bytes(data), shapes)
        if answers is None:
            spoilt.append(index)
        else:
            _count(counts, shapes, answers)
    questions = []
    for shape, question_counts in zip(shapes, counts, strict=True):
        result = {"kind": shape.kind, "counts": question_counts}
        if shape.kind == "scale":
            total = sum(question_counts)
            weighted = sum(value * n for value, n in enumerate(question_counts, start=1))
            result["mean"] = round(weighted / total, 2) if total else None
        questions.append(result)
    return {
        "ballots": ballots,
        "spoilt": len(spoilt),
        "spoilt_indices": spoilt,
        "questions": questions,
    }
