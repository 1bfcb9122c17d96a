"""Issue 16, point 5: whoever holds the whole database cannot tell how a person voted, and,
while the poll is open, cannot open any ballot at all.

A secret poll of 60 voters runs through the real protocol (the voter's side with
`polls.blind_rsa`'s client functions and `polls.sealing.seal_layers`, the key holders' and the
server's with the services).
Then every table of the database is read raw (`SELECT *`, every column), once while the poll
is open and its ballots are in the log, and once after the results are published, and:

- no row that holds a ballot value (token, blinded value, blind or final signature, sealed
  choice, entry, leaf hash, token hash, in raw bytes, hex or base64) also names a person:
  a column referring to a voter's account, the account row itself, a voter's email, name or
  roll secret;
- blinded values and blind signatures are stored nowhere at all;
- no row holding a ballot value carries a date or a time.

While the poll is open, no row anywhere holds a key that opens a ballot: every key holder's
private key is NULL, and no 32-byte value (raw, hex or base64) in any column is the private key
of a holder's public key, nor does any value contain the holders' private keys.

The checks read the database's own schema, so a table or column added later is checked too.
"""

import base64
import datetime
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import connection

import pytest

from polls import blind_rsa, protocol, sealing, selectors
from polls.models import Poll, PollKeyHolder
from polls.services.ballots import ballot_submit, ballots_append_batch, credential_issue
from polls.services.polls import poll_close
from residents.services.audiences import audience_create
from tests.factories import UserFactory
from tests.polls.factories import (
    holder_keys_give,
    holder_private_keys,
    poll_advance,
    poll_for,
    poll_with_voters,
    residents_of,
)
from tests.residents.factories import DistrictFactory

pytestmark = pytest.mark.django_db
VOTERS = 60


def _encodings(value: bytes) -> tuple[set[bytes], set[str]]:
    """A byte string as it could be stored: raw, hex, base64 and base64url."""
    texts = {
        value.hex(),
        base64.b64encode(value).decode().rstrip("="),
        protocol.b64url(value),
    }
    return {value}, texts


def _cast(poll: Poll, voters) -> dict[str, list[bytes]]:
    """Every voter votes through the real protocol; returns the ballot values by kind."""
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    results_keys = selectors.results_public_keys(poll)
    values: dict[str, list[bytes]] = {
        "token": [],
        "blinded": [],
        "blind_signature": [],
        "signature": [],
        "enc": [],
        "ct": [],
        "entry": [],
        "leaf_hash": [],
        "token_hash": [],
    }
    for number, voter in enumerate(voters):
        token = blind_rsa.prepare(secrets.token_bytes(32))
        blinded, inverse = blind_rsa.blind(public_key, token)
        blind_signature = credential_issue(poll=poll, user=voter, blinded_msg=blinded)
        signature = blind_rsa.finalize(public_key, token, blind_signature, inverse)
        answers = [[number % 2], sorted({number % 3, (number + 1) % 3}), [number % 5 + 1]]
        enc, ct = sealing.seal_layers(results_keys, protocol.choices_plaintext(answers), poll.pk)
        receipt = ballot_submit(poll=poll, token=token, signature=signature, enc=enc, ct=ct)
        entry = protocol.ballot_entry(
            poll_id=poll.pk, token=token, signature=signature, enc=enc, ct=ct
        )
        for kind, value in (
            ("token", token),
            ("blinded", blinded),
            ("blind_signature", blind_signature),
            ("signature", signature),
            ("enc", enc),
            ("ct", ct),
            ("entry", entry),
            ("leaf_hash", receipt.leaf_hash),
            ("token_hash", hashlib.sha256(token).digest()),
        ):
            values[kind].append(value)
    return values


def _dump() -> dict[str, tuple[list[str], list[tuple], set[str]]]:
    """{table: (columns, rows, columns referring to an account)} for every table."""
    user_table = get_user_model()._meta.db_table
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            relations = connection.introspection.get_relations(cursor, table)
            person_columns = {
                column for column, (_field, target) in relations.items() if target == user_table
            }
            if table == user_table:
                person_columns.add("id")
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [description[0] for description in cursor.description]
            dump[table] = (columns, cursor.fetchall(), person_columns)
    return dump


def _as_bytes_and_text(value) -> tuple[bytes | None, str | None]:
    if isinstance(value, memoryview | bytearray | bytes):
        raw = bytes(value)
        return raw, raw.decode("latin-1")
    if isinstance(value, str):
        return value.encode(), value
    return None, None


def _contains(row, raw_needles: set[bytes], text_needles: set[str]) -> bool:
    for value in row:
        raw, text = _as_bytes_and_text(value)
        if raw is None:
            continue
        if any(needle in raw for needle in raw_needles):
            return True
        if any(needle in text for needle in text_needles):
            return True
    return False


def _assert_unlinkable(values: dict[str, list[bytes]], voters) -> int:
    ballot_raw: set[bytes] = set()
    ballot_text: set[str] = set()
    for items in values.values():
        for value in items:
            raw, texts = _encodings(value)
            ballot_raw |= raw
            ballot_text |= texts
    never_raw: set[bytes] = set()
    never_text: set[str] = set()
    for value in values["blinded"] + values["blind_signature"]:
        raw, texts = _encodings(value)
        never_raw |= raw
        never_text |= texts
    voter_ids = {voter.pk for voter in voters}
    person_raw: set[bytes] = set()
    person_text: set[str] = set()
    for voter in voters:
        person_text |= {voter.email, str(voter.display_name)}
        issuance = voter.poll_issuances.first()
        if issuance is not None:
            raw, texts = _encodings(bytes(issuance.roll_secret))
            person_raw |= raw
            person_text |= texts
    ballot_rows = 0
    for table, (columns, rows, person_columns) in _dump().items():
        person_positions = [columns.index(c) for c in person_columns if c in columns]
        for row in rows:
            assert not _contains(row, never_raw, never_text), f"{table} stores a blinded value"
            if not _contains(row, ballot_raw, ballot_text):
                continue
            ballot_rows += 1
            names_voter = any(row[i] in voter_ids for i in person_positions)
            assert not names_voter, f"{table} pairs a ballot value with a voter's account"
            assert not _contains(row, person_raw, person_text), (
                f"{table} pairs a ballot value with a voter's email, name or roll secret"
            )
            times = [v for v in row if isinstance(v, datetime.date | datetime.time)]
            assert times == [], f"{table} gives a ballot value a time"
    return ballot_rows


def test_no_table_links_a_voter_to_a_ballot_while_open_and_after_publication():
    poll, voters = poll_with_voters(voters=VOTERS, state="open")
    for number, voter in enumerate(voters):
        voter.first_name, voter.last_name = "Виборець", f"Номер{number}"
        voter.save()
    values = _cast(poll, voters)
    ballots_append_batch(poll=poll)
    # While open: the entries (60), the spent tokens (60) hold ballot values.
    assert _assert_unlinkable(values, voters) >= 2 * VOTERS
    poll_close(poll=poll, now=poll.closes_at)
    holder_keys_give(poll)
    poll_advance(Poll.objects.get(pk=poll.pk), "published")
    # Published: the entries only; the spent tokens went with the close.
    assert _assert_unlinkable(values, voters) == VOTERS
    poll.refresh_from_db()
    assert poll.results["ballots"] == VOTERS and poll.results["spoilt"] == 0
    assert poll.credentials_issued == VOTERS == poll.ballots_received


def test_the_check_catches_a_table_that_pairs_a_voter_with_a_ballot():
    """The assertion above is not vacuous: a row with a voter's id beside a token fails it."""
    poll, voters = poll_with_voters(voters=20, state="open")
    values = _cast(poll, voters[:2])
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE leaky_log (user_id integer, token text)")
        cursor.execute(
            "INSERT INTO leaky_log VALUES (%s, %s)",
            [voters[0].pk, protocol.b64url(values["token"][0])],
        )
    try:
        with pytest.raises(AssertionError):
            _assert_unlinkable_with_user_column(values, voters[:2], "leaky_log")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE leaky_log")


def _assert_unlinkable_with_user_column(values, voters, table):
    """The same check with `table.user_id` declared as a reference to accounts (a table made
    by raw SQL has no foreign key the introspection could find)."""
    original = connection.introspection.get_relations
    user_table = get_user_model()._meta.db_table

    def relations(cursor, name):
        found = original(cursor, name)
        if name == table:
            found = {**found, "user_id": ("id", user_table)}
        return found

    connection.introspection.get_relations = relations
    try:
        _assert_unlinkable(values, voters)
    finally:
        connection.introspection.get_relations = original


def _candidate_scalars(value) -> list[bytes]:
    """The 32-byte strings a stored value could be a private key as: raw, hex, base64."""
    raw, text = _as_bytes_and_text(value)
    found = []
    if raw is not None and len(raw) == sealing.PRIVATE_KEY_BYTES:
        found.append(raw)
    if text is not None and len(text.strip()) in (43, 44, 64):
        decoders = (bytes.fromhex, protocol.b64url_decode, base64.b64decode)
        for decode in decoders:
            try:
                decoded = decode(text.strip())
            except ValueError:
                continue
            if len(decoded) == sealing.PRIVATE_KEY_BYTES:
                found.append(decoded)
    return found


def _assert_no_key_opens_a_ballot(poll: Poll) -> int:
    """No private key of the poll's holders anywhere in the database; returns how many
    stored values were tried as one."""
    public_keys = set(selectors.results_public_keys(poll))
    assert len(public_keys) == poll.key_holders.count()
    assert not PollKeyHolder.objects.filter(poll=poll, private_key__isnull=False).exists()
    held_raw: set[bytes] = set()
    held_text: set[str] = set()
    for private_key in holder_private_keys(poll):
        raw, texts = _encodings(private_key)
        held_raw |= raw
        held_text |= texts
    tried = 0
    for table, (_columns, rows, _person_columns) in _dump().items():
        for row in rows:
            assert not _contains(row, held_raw, held_text), f"{table} holds a private key"
            for value in row:
                for scalar in _candidate_scalars(value):
                    tried += 1
                    try:
                        derived = sealing.public_key_of(scalar)
                    except sealing.SealingError:
                        continue
                    assert derived not in public_keys, f"{table} holds a results private key"
    return tried


def test_while_open_no_row_anywhere_holds_a_key_that_opens_a_ballot():
    district = DistrictFactory()
    voters = residents_of(district, 20)
    observers = [UserFactory(), UserFactory()]
    poll = poll_for(
        audience=audience_create(districts=[district]), key_holders=observers, state="open"
    )
    _cast(poll, voters[:10])
    ballots_append_batch(poll=poll)
    _cast(poll, voters[10:12])  # and some still pending
    # The leaf hashes, token hashes and roots are 32-byte values: the check does try them.
    assert _assert_no_key_opens_a_ballot(poll) >= 12


def test_the_key_check_catches_a_private_key_stored_anywhere():
    """The check above is not vacuous: a holder's private key, given early (which the service
    refuses) or kept in any column as text, is found."""
    poll, voters = poll_with_voters(voters=20, state="open")
    _cast(poll, voters[:1])
    private_key = holder_private_keys(poll)[0]
    holder = poll.key_holders.get()
    PollKeyHolder.objects.filter(pk=holder.pk).update(private_key=private_key)
    with pytest.raises(AssertionError):
        _assert_no_key_opens_a_ballot(poll)
    PollKeyHolder.objects.filter(pk=holder.pk).update(private_key=None)
    assert _assert_no_key_opens_a_ballot(poll) > 0
    Poll.objects.filter(pk=poll.pk).update(description=private_key.hex())
    with pytest.raises(AssertionError, match="holds a"):
        _assert_no_key_opens_a_ballot(poll)
