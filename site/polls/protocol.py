"""The bytes of a poll's public record: what the voter's browser, the server, the verify page and
`tools/verify_poll.py` all compute the same way. Pure functions, no database.

A secret ballot is one log entry (RFC 9162 leaf data), its canonical JSON:

    {"ct":"…","enc":"…","poll":7,"signature":"…","token":"…","v":1}

keys in this (sorted) order, no spaces, byte strings as base64url without padding:

- `token`: the prepared message (RFC 9474 §4.1: 32 random bytes, then a 32-byte random token
  the browser drew), 64 bytes;
- `signature`: the RSABSSA-SHA384-PSS-Randomized signature over `token` under the poll's
  credential key (`polls.blind_rsa`), 384 bytes;
- `enc`, `ct`: the outer layer of the choices' plaintext sealed to each of the poll's n key
  holders in turn (`polls.sealing.seal_layers`, HPKE base mode). Layer i (1 to n) is sealed to
  holder i's public key with `info = layer_info(poll_id, i)`, that is `ballot_info(poll_id)`
  followed by "/" and i in decimal ("spilno poll 7 ballot v1/2"). The plaintext of layer
  i < n is `enc ‖ ct` of layer i + 1 (enc is always 65 bytes), that of layer n the choices'
  plaintext; `enc`, `ct` of the entry are layer 1's. Opening takes every holder's private key,
  in order; a ballot that does not open at some layer is spoilt. A single holder is one layer.

The browser builds the same string, so it knows its own leaf hash, SHA-256(0x00 ‖ entry),
before the server answers; the server's receipt only confirms it.

The choices' plaintext is canonical JSON too: `{"answers":[[0],[1,3],[4]]}`, one list per
question in the poll's order: for a single-choice question one option index, for a multiple
choice 1 to k distinct indices in increasing order, for a scale one value from 1 to 5. A ballot
whose plaintext does not open, does not parse or does not fit the questions is spoilt: counted
as cast, listed, and given to no option.

A named vote (an open poll) is an entry of the same kind of log, naming its voter:

    {"answers":[[0],[2]],"poll":7,"v":1,"voter":"Ганна Листова"}
"""

import base64
import hashlib
import json
import struct
from dataclasses import dataclass

VERSION = 1
TOKEN_BYTES = 64  # the 32-byte prefix of RFC 9474 §4.1 and a 32-byte random token
SCALE_VALUES = range(1, 6)
MAX_PLAINTEXT_BYTES = 4096
BALLOT_KEYS = {"ct", "enc", "poll", "signature", "token", "v"}
ROLL_CONTEXT = b"spilno-roll-v1"
RECEIPT_CONTEXT = b"spilno-receipt-v1"


class ProtocolError(ValueError):
    """Bytes that are not what the protocol says they must be."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(bytes(data)).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding: anything else is a ProtocolError."""
    if not isinstance(text, str) or not text.isascii() or "=" in text:
        raise ProtocolError("not base64url without padding")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as error:
        raise ProtocolError("not base64url") from error
    if b64url(data) != text:
        raise ProtocolError("not the canonical base64url of its bytes")
    return data


def canonical_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def ballot_info(poll_id: int) -> bytes:
    """HPKE `info` for the poll's ballots: a ballot sealed for one poll opens for no other."""
    return f"spilno poll {int(poll_id)} ballot v{VERSION}".encode()


def layer_info(poll_id: int, layer: int) -> bytes:
    """HPKE `info` of layer `layer` (1-based): bound to the poll and the layer's place, so a
    layer sealed for holder 2 does not open as holder 1's, nor layers in another order."""
    return ballot_info(poll_id) + b"/" + str(int(layer)).encode()


def ballot_entry(*, poll_id: int, token: bytes, signature: bytes, enc: bytes, ct: bytes) -> bytes:
    return canonical_json(
        {
            "ct": b64url(ct),
            "enc": b64url(enc),
            "poll": int(poll_id),
            "signature": b64url(signature),
            "token": b64url(token),
            "v": VERSION,
        }
    )


@dataclass(frozen=True)
class Ballot:
    poll_id: int
    token: bytes
    signature: bytes
    enc: bytes
    ct: bytes


def ballot_parse(entry: bytes) -> Ballot:
    """The parts of a ballot entry; a ProtocolError unless the bytes are exactly canonical."""
    try:
        value = json.loads(bytes(entry))
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolError("an entry is JSON") from error
    if not isinstance(value, dict) or set(value) != BALLOT_KEYS:
        raise ProtocolError("a ballot entry has exactly ct, enc, poll, signature, token, v")
    if value["v"] != VERSION or type(value["poll"]) is not int:
        raise ProtocolError("unknown version or poll")
    ballot = Ballot(
        poll_id=value["poll"],
        token=b64url_decode(value["token"]),
        signature=b64url_decode(value["signature"]),
        enc=b64url_decode(value["enc"]),
        ct=b64url_decode(value["ct"]),
    )
    if len(ballot.token) != TOKEN_BYTES:
        raise ProtocolError(f"a token has {TOKEN_BYTES} bytes")
    if ballot_entry(**ballot.__dict__) != bytes(entry):
        raise ProtocolError("the entry is not in canonical form")
    return ballot


def named_vote_entry(*, poll_id: int, voter: str, answers: list[list[int]]) -> bytes:
    return canonical_json({"answers": answers, "poll": int(poll_id), "v": VERSION, "voter": voter})


def choices_plaintext(answers: list[list[int]]) -> bytes:
    return canonical_json({"answers": answers})


@dataclass(frozen=True)
class QuestionShape:
    """What a question accepts: `kind` is "single", "multiple" or "scale"; `options` the number
    of options (0 for a scale); `max_choices` k for a multiple choice."""

    kind: str
    options: int = 0
    max_choices: int = 1


def answers_valid(answers, questions: list[QuestionShape]) -> bool:
    """Whether `answers` fits the questions exactly (see the module's docstring)."""
    if not isinstance(answers, list) or len(answers) != len(questions):
        return False
    for answer, question in zip(answers, questions, strict=True):
        if not isinstance(answer, list) or not all(type(a) is int for a in answer):
            return False
        if question.kind == "scale":
            if len(answer) != 1 or answer[0] not in SCALE_VALUES:
                return False
        elif question.kind == "single":
            if len(answer) != 1 or not 0 <= answer[0] < question.options:
                return False
        elif question.kind == "multiple":
            if not 1 <= len(answer) <= question.max_choices or answer != sorted(set(answer)):
                return False
            if answer[0] < 0 or answer[-1] >= question.options:
                return False
        else:
            return False
    return True


def answers_from_plaintext(plaintext: bytes, questions: list[QuestionShape]):
    """The answers a plaintext holds, or None when it is spoilt."""
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        return None
    try:
        value = json.loads(plaintext)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(value, dict) or set(value) != {"answers"}:
        return None
    answers = value["answers"]
    return answers if answers_valid(answers, questions) else None


def roll_hash(*, poll_id: int, secret: bytes) -> str:
    """A line of the issuance roll: SHA-256 of the context, the poll and the person's random
    roll secret (shown only to them), hex. The roll proves the count of credentials without
    naming anyone; each person finds their own line."""
    digest = hashlib.sha256(ROLL_CONTEXT + struct.pack(">Q", int(poll_id)) + bytes(secret))
    return digest.hexdigest()


def receipt_message(*, log_id: int, leaf_hash: bytes) -> bytes:
    """What a receipt's Ed25519 signature (by the poll log's key) covers: the promise that this
    leaf will be in that log. 57 bytes, beginning with ASCII, so it is never a tree head
    (`ledger.models.tree_head_message`: 49 bytes beginning with 0x01)."""
    if len(leaf_hash) != 32:
        raise ProtocolError("a leaf hash has 32 bytes")
    return RECEIPT_CONTEXT + struct.pack(">Q", int(log_id)) + bytes(leaf_hash)
