"""The public record's bytes: canonical entries round-trip, anything not canonical is refused,
and answers are valid only when they fit the questions exactly."""

import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polls import protocol
from polls.protocol import ProtocolError, QuestionShape

TOKEN = bytes(range(64))


def entry(**overrides):
    parts = {"poll_id": 7, "token": TOKEN, "signature": b"s" * 384, "enc": b"e" * 65, "ct": b"c"}
    return protocol.ballot_entry(**{**parts, **overrides})


def test_a_ballot_entry_has_sorted_keys_and_no_spaces():
    data = entry()
    assert data.startswith(b'{"ct":"Yw","enc":"')
    assert b" " not in data
    assert list(json.loads(data)) == ["ct", "enc", "poll", "signature", "token", "v"]


@given(
    poll_id=st.integers(min_value=1, max_value=2**63 - 1),
    token=st.binary(min_size=64, max_size=64),
    signature=st.binary(min_size=1, max_size=400),
    enc=st.binary(min_size=1, max_size=80),
    ct=st.binary(min_size=1, max_size=300),
)
def test_an_entry_parses_back_to_its_parts(poll_id, token, signature, enc, ct):
    data = protocol.ballot_entry(poll_id=poll_id, token=token, signature=signature, enc=enc, ct=ct)
    ballot = protocol.ballot_parse(data)
    assert (ballot.poll_id, ballot.token, ballot.signature, ballot.enc, ballot.ct) == (
        poll_id,
        token,
        signature,
        enc,
        ct,
    )


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b"[]",
        b'{"v":1}',
        entry().replace(b'"v":1', b'"v":2'),
        entry().replace(b'"poll":7', b'"poll":"7"'),
        entry().replace(b",", b", ", 1),  # a space: same JSON, not canonical
        entry().replace(b'"ct":"Yw"', b'"ct":"Yw=="'),  # padding
        entry().replace(b'"ct":"Yw"', b'"ct":"Y+"'),  # not base64url
        entry(token=b"short"),
        json.dumps({**json.loads(entry()), "extra": 1}, separators=(",", ":")).encode(),
    ],
)
def test_anything_not_a_canonical_ballot_is_refused(data):
    with pytest.raises(ProtocolError):
        protocol.ballot_parse(data)


QUESTIONS = [
    QuestionShape("single", options=3),
    QuestionShape("multiple", options=4, max_choices=2),
    QuestionShape("scale"),
]


@pytest.mark.parametrize(
    ("answers", "valid"),
    [
        ([[0], [1, 3], [5]], True),
        ([[2], [0], [1]], True),
        ([[3], [0], [1]], False),  # no fourth option
        ([[0, 1], [0], [1]], False),  # two answers to a single choice
        ([[0], [1, 2, 3], [1]], False),  # more than k
        ([[0], [3, 1], [1]], False),  # not in increasing order
        ([[0], [1, 1], [1]], False),  # twice the same option
        ([[0], [], [1]], False),  # no choice in a multiple choice
        ([[0], [1], [0]], False),  # a scale runs from 1 to 5
        ([[0], [1], [6]], False),
        ([[0], [1]], False),  # a question left out
        ([[True], [1], [1]], False),  # a boolean is not an index
        ([["0"], [1], [1]], False),
        ({"0": [0]}, False),
    ],
)
def test_answers_fit_the_questions_exactly(answers, valid):
    assert protocol.answers_valid(answers, QUESTIONS) is valid


def test_a_plaintext_that_does_not_parse_or_fit_is_spoilt():
    good = protocol.choices_plaintext([[1], [0, 2], [4]])
    assert protocol.answers_from_plaintext(good, QUESTIONS) == [[1], [0, 2], [4]]
    assert protocol.answers_from_plaintext(b"\xff", QUESTIONS) is None
    assert protocol.answers_from_plaintext(b'{"answers":[[1]]}', QUESTIONS) is None
    assert protocol.answers_from_plaintext(b'{"answers":[[1],[0],[4]],"x":1}', QUESTIONS) is None


def test_the_roll_hash_depends_on_the_poll_and_the_secret():
    secret = b"\x01" * 16
    line = protocol.roll_hash(poll_id=3, secret=secret)
    expected = hashlib.sha256(b"spilno-roll-v1" + (3).to_bytes(8, "big") + secret).hexdigest()
    assert line == expected
    assert line != protocol.roll_hash(poll_id=4, secret=secret)
    assert line != protocol.roll_hash(poll_id=3, secret=b"\x02" * 16)


def test_a_receipt_message_is_never_a_tree_head():
    from ledger.models import tree_head_message

    message = protocol.receipt_message(log_id=5, leaf_hash=b"\x00" * 32)
    head = tree_head_message(size=1, timestamp=1, root_hash=b"\x00" * 32)
    assert len(message) == 57 and len(head) == 49
    assert message[0] != head[0]
    with pytest.raises(ProtocolError):
        protocol.receipt_message(log_id=5, leaf_hash=b"short")


def test_the_ballot_info_names_the_poll():
    assert protocol.ballot_info(7) == b"spilno poll 7 ballot v1"
    assert protocol.ballot_info(7) != protocol.ballot_info(8)
