#!/usr/bin/env python3
"""Check a Spilno poll from its public data alone.

    python tools/verify_poll.py https://spilno.example/uk/polls/park-benches/ [--cookie …]
    python tools/verify_poll.py keygen --poll 7 --position 2 > spilno-poll-7-results-key-2.json

Needs only the standard library, `cryptography` and `pyhpke`; it imports nothing from the site,
so anyone can read it whole and run it against the site's answers. From the poll's public page
it follows `<link rel="alternate" type="application/json">` to the poll's bundle.json, then
reads the poll's log: every signed tree head (paged) and the whole export, checked line by line
as it arrives (kept meanwhile in a temporary file, so memory holds one chunk at a time and the
site's worker is never held up by a slow check). It checks and prints:

- every tree head's Ed25519 signature under the log's key (the signed bytes: 0x01 ‖ size ‖
  timestamp, 8-byte big-endian each ‖ root hash), sizes and timestamps never going back;
- every leaf hash = SHA-256(0x00 ‖ data), indices 0, 1, 2, … with none missing;
- the root recomputed from all entries (RFC 9162 §2.1.1) equals the latest head's, and every
  head's root equals the root of the entries' prefix of its size; the site's consistency proofs
  between consecutive heads verify (RFC 9162 §2.1.4.2);
- a secret poll: every entry a canonical ballot of this poll, its RSA blind signature valid
  under the poll's credential key (RFC 9474 RSABSSA-SHA384-PSS-Randomized: RSASSA-PSS, SHA-384,
  MGF1-SHA-384, 48-byte salt), no token twice; ballots ≤ credentials issued ≤ eligible; the
  roll's hashes distinct, sorted and as many as credentials issued;
- once published: one private key per key holder, each belonging to that holder's public key,
  every sealed ballot opened layer by layer with them in order (RFC 9180 base mode, DHKEM(P-256,
  HKDF-SHA256), HKDF-SHA256, AES-128-GCM; layer i with info = ballot_info + "/" + i, the
  plaintext of each layer but the last being the next layer's enc ‖ ct; those that do not open
  to a valid choice are spoilt and listed) and the published results, spoilt ballots included,
  equal its own count.

An open poll's named votes are visible to its audience only: pass a member's session cookie
(`--cookie "sessionid=…"`) to check them too; without it those checks are reported as skipped.

`keygen` makes a key holder's results key pair on your own computer (for a browser without
JavaScript) and prints the key file the poll's key page would save: {"poll", "position",
"public_key", "private_key"}, base64url. Keep the file; paste its public_key on the key page.

Exit status: 0 when every check that could run passed, 1 when any failed (one FAIL line per
failure, at most a few of each kind), 2 when the poll's data cannot be loaded at all.
Progress of long runs (entries checked / total) goes to stderr.
"""

import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import shutil
import struct
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyhpke import AEADId, CipherSuite, KDFId, KEMId

BUNDLE_FORMAT = "spilno-poll-bundle-1"
VERSION = 1
TOKEN_BYTES = 64
SCALE_VALUES = range(1, 6)
MAX_PLAINTEXT_BYTES = 4096
HPKE_SUITE = CipherSuite.new(KEMId.DHKEM_P256_HKDF_SHA256, KDFId.HKDF_SHA256, AEADId.AES128_GCM)
PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
EMPTY_ROOT = hashlib.sha256(b"").digest()
SHOWN_PER_KIND = 5  # failure lines printed per kind of failure; the rest are counted
TIMEOUT = 120
ANSWERS_REMEMBERED = 10_000  # distinct plaintexts whose reading is kept
USER_AGENT = "spilno-verify-poll/1"


class Unavailable(Exception):
    """The poll's data could not be loaded or is not in the published format."""


class Malformed(ValueError):
    """Bytes that are not what the protocol says they must be."""


# Canonical forms (the site's polls/protocol.py, re-implemented here from its description).


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text) -> bytes:
    """Strict base64url without padding, as the protocol writes byte strings."""
    if not isinstance(text, str) or not text.isascii() or "=" in text:
        raise Malformed("a byte string is base64url without padding")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as error:
        raise Malformed("not base64url") from error
    if b64url(data) != text:
        raise Malformed("not the canonical base64url of its bytes")
    return data


def canonical_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def ballot_info(poll_id: int) -> bytes:
    return f"spilno poll {poll_id} ballot v{VERSION}".encode()


def layer_info(poll_id: int, layer: int) -> bytes:
    return ballot_info(poll_id) + b"/" + str(layer).encode()


ENC_BYTES = 65  # an encapsulated P-256 key, uncompressed: the start of every inner layer


def public_key_of(private_key: bytes) -> bytes | None:
    """The uncompressed P-256 point of a 32-byte private scalar, or None if it is not one."""
    if len(private_key) != 32:
        return None
    try:
        derived = ec.derive_private_key(int.from_bytes(private_key, "big"), ec.SECP256R1())
    except ValueError:
        return None
    return derived.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


# A canonical ballot exactly: the keys in order, no spaces, each byte string in the base64url
# alphabet (which JSON never escapes). Matching it is how a long log is read quickly; an entry
# that does not match goes through the JSON parse below, which says what is wrong with it.
CANONICAL_BALLOT = re.compile(
    rb'\{"ct":"([-_0-9A-Za-z]+)","enc":"([-_0-9A-Za-z]+)","poll":(0|[1-9][0-9]*),'
    rb'"signature":"([-_0-9A-Za-z]+)","token":"([-_0-9A-Za-z]+)","v":1\}'
)


def _b64url_bytes(text: bytes) -> bytes:
    """Decode base64url-alphabet bytes without padding; Malformed unless canonical."""
    data = base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))
    if base64.urlsafe_b64encode(data).rstrip(b"=") != text:
        raise Malformed("not the canonical base64url of its bytes")
    return data


def ballot_parse(data: bytes, poll_id: int) -> tuple[bytes, bytes, bytes, bytes]:
    """(token, signature, enc, ct) of a secret ballot entry of this poll, exactly canonical:
    {"ct","enc","poll","signature","token","v"} in that order, no spaces."""
    match = CANONICAL_BALLOT.fullmatch(data)
    if match and int(match[3]) == poll_id:
        try:
            ct, enc, signature, token = map(_b64url_bytes, match.group(1, 2, 4, 5))
        except (Malformed, ValueError):
            pass  # the full parse below names the problem
        else:
            if len(token) == TOKEN_BYTES:
                return token, signature, enc, ct
    return _ballot_parse_json(data, poll_id)


def _ballot_parse_json(data: bytes, poll_id: int) -> tuple[bytes, bytes, bytes, bytes]:
    value = _json_object(data)
    if set(value) != {"ct", "enc", "poll", "signature", "token", "v"}:
        raise Malformed("a ballot has exactly ct, enc, poll, signature, token and v")
    if value["v"] != VERSION or type(value["v"]) is not int:
        raise Malformed(f"a ballot of version {value['v']!r}")
    if value["poll"] != poll_id or type(value["poll"]) is not int:
        raise Malformed(f"a ballot of poll {value['poll']!r}, not of poll {poll_id}")
    token, signature, enc, ct = (
        b64url_decode(value[key]) for key in ("token", "signature", "enc", "ct")
    )
    if len(token) != TOKEN_BYTES:
        raise Malformed(f"a token of {len(token)} bytes, not {TOKEN_BYTES}")
    # canonical_json(value), written out: the four strings are canonical base64url (checked
    # above), so they need no escaping, and this runs once per ballot of a long log.
    canonical = (
        f'{{"ct":"{value["ct"]}","enc":"{value["enc"]}","poll":{poll_id},'
        f'"signature":"{value["signature"]}","token":"{value["token"]}","v":{VERSION}}}'
    )
    if canonical.encode() != data:
        raise Malformed("not in canonical form")
    return token, signature, enc, ct


def named_vote_parse(data: bytes, poll_id: int, questions: list[dict]) -> list:
    """The answers of a named vote of an open poll: {"answers","poll","v","voter"}."""
    value = _json_object(data)
    if set(value) != {"answers", "poll", "v", "voter"}:
        raise Malformed("a named vote has exactly answers, poll, v and voter")
    if value["v"] != VERSION or value["poll"] != poll_id or type(value["poll"]) is not int:
        raise Malformed(f"a vote of poll {value['poll']!r}, version {value['v']!r}")
    if not isinstance(value["voter"], str) or not value["voter"]:
        raise Malformed("a named vote names its voter")
    if canonical_json(value) != data:
        raise Malformed("not in canonical form")
    if not answers_valid(value["answers"], questions):
        raise Malformed("its answers do not fit the questions")
    return value["answers"]


def _json_object(data: bytes) -> dict:
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise Malformed("not JSON") from error
    if not isinstance(value, dict):
        raise Malformed("not a JSON object")
    return value


def answers_valid(answers, questions: list[dict]) -> bool:
    """One list per question: a single choice one option index, a multiple choice 1 to k
    distinct indices in increasing order, a scale one value from 1 to 5."""
    if not isinstance(answers, list) or len(answers) != len(questions):
        return False
    for answer, question in zip(answers, questions, strict=True):
        if not isinstance(answer, list) or not all(type(a) is int for a in answer):
            return False
        options = len(question["options"])
        if question["kind"] == "scale":
            if len(answer) != 1 or answer[0] not in SCALE_VALUES:
                return False
        elif question["kind"] == "single":
            if len(answer) != 1 or not 0 <= answer[0] < options:
                return False
        elif question["kind"] == "multiple":
            if not 1 <= len(answer) <= question["max_choices"] or answer != sorted(set(answer)):
                return False
            if answer[0] < 0 or answer[-1] >= options:
                return False
        else:
            return False
    return True


def answers_from_plaintext(plaintext: bytes, questions: list[dict]):
    """The answers an opened ballot holds, or None when it is spoilt."""
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        return None
    try:
        value = json.loads(plaintext)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(value, dict) or set(value) != {"answers"}:
        return None
    return value["answers"] if answers_valid(value["answers"], questions) else None


# RFC 9162 §2.1: the Merkle tree, SHA-256.


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class TreeBuilder:
    """MTH of the leaves so far, kept as its maximal perfect subtrees (at most log2(n))."""

    def __init__(self):
        self.size = 0
        self._stack: list[tuple[int, bytes]] = []

    def append(self, leaf: bytes) -> None:
        level, current = 0, leaf
        while self._stack and self._stack[-1][0] == level:
            current = node_hash(self._stack.pop()[1], current)
            level += 1
        self._stack.append((level, current))
        self.size += 1

    def root(self) -> bytes:
        if not self._stack:
            return EMPTY_ROOT
        result = self._stack[-1][1]
        for _, left in reversed(self._stack[:-1]):
            result = node_hash(left, result)
        return result


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes, path):
    """RFC 9162 §2.1.4.2 for 0 < first < second (the numbered steps are the RFC's)."""
    if not path or not all(len(node) == 32 for node in path):  # 1.
        return False
    path = list(path)
    if first & (first - 1) == 0:  # 2. first is an exact power of two
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1  # 3.
    while fn & 1:  # 4.
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]  # 5.
    for c in path[1:]:  # 6.
        if sn == 0:  # 6a.
            return False
        if fn & 1 or fn == sn:  # 6b.
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1  # 6c.
        sn >>= 1
    return sn == 0 and hmac.compare_digest(fr, first_hash) and hmac.compare_digest(sr, second_hash)


def tree_head_message(size: int, timestamp: int, root_hash: bytes) -> bytes:
    """The bytes a tree head's Ed25519 signature covers: version 0x01, then size and timestamp
    (milliseconds) as 8-byte big-endian integers, then the 32-byte root hash."""
    return struct.pack(">BQQ", 1, size, timestamp) + root_hash


def tree_head_signed(key: Ed25519PublicKey, head: dict) -> bool:
    """Whether the head's signature verifies; sets head["root"] to the root's bytes."""
    head["root"] = bytes.fromhex(head["root_hash"])
    message = tree_head_message(head["tree_size"], head["timestamp"], head["root"])
    try:
        key.verify(bytes.fromhex(head["signature"]), message)
    except (InvalidSignature, ValueError):
        return False
    return True


# Reading the site.


class HTTP:
    def __init__(self, cookie: str = ""):
        self.headers = {"User-Agent": USER_AGENT}
        if cookie:
            self.headers["Cookie"] = cookie

    def open(self, url: str, accept: str):
        if not url.startswith(("http://", "https://")):
            raise Unavailable(f"{url}: only http and https addresses are read")
        headers = self.headers | {"Accept": accept}
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 (checked above)
        try:
            return urllib.request.urlopen(request, timeout=TIMEOUT)  # noqa: S310
        except urllib.error.HTTPError as error:
            raise Unavailable(f"{url}: the site answered HTTP {error.code}") from error
        except (urllib.error.URLError, OSError) as error:
            raise Unavailable(f"{url}: {error}") from error

    def text(self, url: str) -> str:
        with self.open(url, "text/html") as response:
            return response.read().decode(response.headers.get_content_charset() or "utf-8")

    def json(self, url: str):
        with self.open(url, "application/json") as response:
            body = response.read()
        try:
            return json.loads(body)
        except ValueError as error:
            raise Unavailable(f"{url}: not JSON") from error


class Spool:
    """A long download kept in a temporary file by a thread of its own while its lines are
    read and checked: the site's worker sends at the network's pace and is never held by a
    slow reader (a server may drop a response that stalls), and memory holds only one chunk."""

    CHUNK = 1 << 18

    def __init__(self, response):
        self.response = response
        self.folder = tempfile.mkdtemp(prefix="verify-poll-")
        path = os.path.join(self.folder, "export.jsonl")
        self.writer = open(path, "wb")  # noqa: SIM115 (closed in __exit__)
        self.reader = open(path, "rb")  # noqa: SIM115
        self.written = 0
        self.done = False
        self.error: Exception | None = None
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._download, daemon=True)
        self.thread.start()

    def _download(self) -> None:
        try:
            while chunk := self.response.read(self.CHUNK):
                self.writer.write(chunk)
                self.writer.flush()
                with self.changed:
                    self.written += len(chunk)
                    self.changed.notify()
        except Exception as error:  # reported to the reader, who decides what it means
            self.error = error
        finally:
            with self.changed:
                self.done = True
                self.changed.notify()

    def lines(self):
        """Each line of the download (without its newline), as soon as it has arrived."""
        read, pending = 0, b""
        while True:
            with self.changed:
                while read >= self.written and not self.done:
                    self.changed.wait()
                available, done = self.written - read, self.done
            if available:
                chunk = self.reader.read(available)
                read += len(chunk)
                *complete, pending = (pending + chunk).split(b"\n")
                yield from complete
            elif done:
                if self.error is not None:
                    raise Unavailable(f"the export broke off: {self.error}")
                if pending:
                    yield pending
                return

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.response.close()
        self.thread.join(timeout=TIMEOUT)
        self.writer.close()
        self.reader.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class AlternateJSON(HTMLParser):
    """Finds the page's <link rel="alternate" type="application/json" href="…">."""

    def __init__(self):
        super().__init__()
        self.href = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        kind = (attributes.get("type") or "").lower()
        if tag == "link" and "alternate" in rel and kind == "application/json" and not self.href:
            self.href = attributes.get("href")

    handle_startendtag = handle_starttag


def bundle_url(http: HTTP, page_url: str) -> str:
    finder = AlternateJSON()
    finder.feed(http.text(page_url))
    if not finder.href:
        raise Unavailable(f"{page_url}: no <link rel=alternate type=application/json> on the page")
    return urljoin(page_url, finder.href)


# Reporting.


class Report:
    """Prints each check as it completes: `ok` lines, `FAIL` lines (a few of each kind, then
    a count of the rest) and `skip` lines; remembers whether anything failed."""

    def __init__(self, out=sys.stdout):
        self.out = out
        self.failed = 0

    def ok(self, text: str) -> None:
        print(f"ok    {text}", file=self.out, flush=True)

    def skip(self, text: str) -> None:
        print(f"skip  {text}", file=self.out, flush=True)

    def fail(self, text: str) -> None:
        self.failed += 1
        print(f"FAIL  {text}", file=self.out, flush=True)

    def outcome(self, problems: "Problems", ok_text: str) -> None:
        if not problems.lines:
            self.ok(ok_text)
            return
        for line in problems.lines:
            self.fail(line)
        if problems.more:
            self.fail(f"… and {problems.more} more: {problems.kind}")


class Problems:
    """The failures of one kind of check, the first few spelled out."""

    def __init__(self, kind: str):
        self.kind = kind
        self.lines: list[str] = []
        self.more = 0

    def add(self, line: str) -> None:
        if len(self.lines) < SHOWN_PER_KIND:
            self.lines.append(line)
        else:
            self.more += 1

    def __bool__(self):
        return bool(self.lines)


class Progress:
    """Entries checked / total on stderr, at most about once a second."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.stream = total, stream
        self.shown_at = time.monotonic()
        self.live = stream.isatty()

    def tick(self, done: int) -> None:
        now = time.monotonic()
        if now - self.shown_at >= 1.0:
            self.shown_at = now
            self._show(done)

    def finish(self, done: int) -> None:
        if self.total >= 10_000 or self.live:
            self._show(done)
        if self.live:
            self.stream.write("\n")

    def _show(self, done: int) -> None:
        end = "\r" if self.live else "\n"
        self.stream.write(f"entries checked: {done:,} / {self.total:,}{end}")
        self.stream.flush()


# The checks.


class Verifier:
    def __init__(self, http: HTTP, report: Report, page_url: str):
        self.http, self.report, self.page_url = http, report, page_url

    def run(self) -> None:
        url = bundle_url(self.http, self.page_url)
        bundle = self.http.json(url)
        if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
            raise Unavailable(f"{url}: not a {BUNDLE_FORMAT} document")
        try:
            self.load(bundle)
        except (KeyError, TypeError, ValueError) as error:
            raise Unavailable(f"{url}: the bundle lacks or garbles {error}") from error
        poll = bundle["poll"]
        print(f"Poll {poll['id']} “{poll['title']}”: {poll['state']}, {poll['secrecy']} ballot")
        print(f"bundle: {url}")
        self.check_roll()
        heads = self.tree_heads()
        if heads is None:
            return
        entries = self.check_log(heads)
        if entries is not None:
            self.check_consistency(heads)
            self.check_counts(entries)
            self.check_results(entries)

    def load(self, bundle: dict) -> None:
        self.bundle = bundle
        self.poll_id = bundle["poll"]["id"]
        self.state = bundle["poll"]["state"]
        self.secret = bundle["poll"]["secrecy"] == "secret"
        self.questions = bundle["questions"]
        self.results = bundle["results"]
        self.roll = bundle["roll"]
        log = bundle["log"]
        self.log_id = log["id"]
        self.log_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(log["public_key"]))
        self.log_key_hex = log["public_key"]
        self.export_url = urljoin(self.page_url, log["export"])
        self.heads_url = urljoin(self.page_url, log["tree_heads"])
        self.consistency_url = urljoin(self.page_url, log["consistency"])
        if self.secret:
            self.credential_key = serialization.load_der_public_key(
                b64url_decode(bundle["credential_public_key"])
            )
            if not isinstance(self.credential_key, rsa.RSAPublicKey):
                raise ValueError("credential_public_key (not an RSA key)")
        self.results_public_keys = [b64url_decode(key) for key in bundle["results_public_keys"]]
        private = bundle["results_private_keys"]
        self.results_private_keys = (
            [b64url_decode(key) for key in private] if private is not None else None
        )
        if bundle["ballot_info"] != ballot_info(self.poll_id).decode():
            raise ValueError(f"ballot_info ({bundle['ballot_info']!r})")

    def check_roll(self) -> None:
        eligible, issued, hashes = self.roll["eligible"], self.roll["issued"], self.roll["hashes"]
        problems = Problems("the issuance roll")
        if eligible is not None and issued > eligible:
            problems.add(f"roll: {issued} credentials issued to only {eligible} eligible people")
        if len(hashes) != issued:
            problems.add(f"roll: {len(hashes)} hashes for {issued} credentials issued")
        if len(set(hashes)) != len(hashes):
            problems.add(f"roll: {len(hashes) - len(set(hashes))} hashes appear more than once")
        if hashes != sorted(hashes):
            problems.add("roll: the hashes are not sorted (their order could date each issue)")
        if not all(isinstance(h, str) and len(h) == 64 for h in hashes):
            problems.add("roll: a hash that is not 64 hex digits")
        self.report.outcome(
            problems,
            f"roll: {issued} credentials issued ≤ {eligible} eligible, "
            f"{len(hashes)} distinct hashes, sorted",
        )

    def tree_heads(self) -> list[dict] | None:
        """Every signed head, oldest first, each signature checked; None if unreadable."""
        heads, page, pages = [], 1, 1
        try:
            while page <= pages:
                document = self.http.json(f"{self.heads_url}?page={page}")
                heads += document["tree_heads"]
                pages = document["pages"]
                page += 1
        except Unavailable as error:
            if not self.secret:
                self.report.skip(
                    f"the log of an open poll is shown to its audience only ({error}); "
                    "pass --cookie with a member's session to check it"
                )
                return None
            raise
        problems = Problems("tree head signatures")
        previous = None
        for number, head in enumerate(heads, 1):
            if not tree_head_signed(self.log_key, head):
                problems.add(
                    f"tree head {number} (size {head['tree_size']}): its signature does not "
                    "verify under the log's key"
                )
            if previous and (
                head["tree_size"] < previous["tree_size"]
                or head["timestamp"] < previous["timestamp"]
            ):
                problems.add(f"tree head {number}: its size or timestamp goes back")
            previous = head
        if not heads:
            problems.add("the log has no signed tree head")
        self.report.outcome(
            problems, f"tree heads: {len(heads)}, each signed by the log's key {self.log_key_hex}"
        )
        return heads

    def check_log(self, heads: list[dict]) -> "Entries | None":
        with Spool(self.http.open(self.export_url, "application/jsonl")) as spool:
            lines = spool.lines()
            try:
                header = json.loads(next(lines))
                latest = header["tree_head"]
            except (StopIteration, ValueError, KeyError, TypeError) as error:
                raise Unavailable(f"{self.export_url}: no export header") from error
            problems = Problems("the export's header")
            if header["log"] != self.log_id or header["public_key"] != self.log_key_hex:
                problems.add("export: its log or key is not the bundle's")
            if header["purpose"] != "poll":
                problems.add(f"export: a log of purpose {header['purpose']!r}, not 'poll'")
            self.report.outcome(problems, f"export: log {self.log_id}, the bundle's key")
            if not heads or latest["tree_size"] != heads[-1]["tree_size"]:
                # The log grew between the two reads: the export's head is newer; check it too.
                heads.append(latest)
                if not tree_head_signed(self.log_key, latest):
                    self.report.fail("export: its tree head's signature does not verify")
            entries = Entries(self, latest["tree_size"])
            entries.read(lines, {head["tree_size"] for head in heads})
        entries.report_on(heads, latest)
        return entries

    def check_consistency(self, heads: list[dict]) -> None:
        problems = Problems("consistency between tree heads")
        proofs = 0
        for older, newer in zip(heads, heads[1:], strict=False):
            first, second = older["tree_size"], newer["tree_size"]
            if first == 0 or first > second:
                continue  # the empty tree is a prefix of every tree; order is checked above
            if first == second:
                if older["root"] != newer["root"]:
                    problems.add(f"two heads of size {first} with different roots")
                continue
            try:
                document = self.http.json(f"{self.consistency_url}?first={first}&second={second}")
                path = [bytes.fromhex(node) for node in document["consistency_path"]]
            except (Unavailable, KeyError, ValueError) as error:
                problems.add(f"consistency {first} → {second}: no proof ({error})")
                continue
            proofs += 1
            if not verify_consistency(first, second, older["root"], newer["root"], path):
                problems.add(
                    f"consistency {first} → {second}: the proof does not verify (RFC 9162 "
                    "§2.1.4.2): the tree of the older head is not a prefix of the newer one"
                )
        self.report.outcome(
            problems, f"consistency: {proofs} proofs between consecutive tree heads verify"
        )

    def check_counts(self, entries: "Entries") -> None:
        issued, eligible = self.roll["issued"], self.roll["eligible"]
        if not self.secret:
            if eligible is not None and entries.count > eligible:
                self.report.fail(f"counts: {entries.count} named votes from {eligible} eligible")
            else:
                self.report.ok(f"counts: {entries.count} named votes ≤ {eligible} eligible")
            return
        if entries.count > issued:
            self.report.fail(
                f"counts: {entries.count} ballots in the log, more than the {issued} credentials "
                "issued"
            )
        else:
            self.report.ok(f"counts: {entries.count} ballots ≤ {issued} credentials issued")

    def check_results(self, entries: "Entries") -> None:
        published = self.state == "published"
        if not published:
            if self.results is not None or self.results_private_keys is not None:
                self.report.fail(f"results or results keys published while {self.state}")
            else:
                self.report.skip(f"results: not published yet ({self.state})")
            return
        if self.results is None:
            self.report.fail("results: the poll is published without results")
            return
        if self.secret and not self.check_results_key():
            return
        own = entries.tally(self.questions)
        problems = Problems("published results")
        for key in ("ballots", "spoilt", "spoilt_indices"):
            if self.results.get(key) != own[key]:
                problems.add(
                    f"results: published {key} {_short(self.results.get(key))}, "
                    f"counted {_short(own[key])}"
                )
        published_questions = self.results.get("questions") or []
        if len(published_questions) != len(own["questions"]):
            problems.add("results: not one result per question")
        for number, (theirs, mine) in enumerate(
            zip(published_questions, own["questions"], strict=False), 1
        ):
            if theirs.get("kind") != mine["kind"] or theirs.get("counts") != mine["counts"]:
                problems.add(
                    f"results: question {number} published {theirs.get('counts')}, "
                    f"counted {mine['counts']}"
                )
            elif mine["kind"] == "scale" and not _same_mean(theirs.get("mean"), mine["mean"]):
                problems.add(
                    f"results: question {number} published mean {theirs.get('mean')}, "
                    f"counted {mine['mean']}"
                )
        self.report.outcome(
            problems,
            f"results: the published results equal this count ({own['ballots']} ballots, "
            f"{own['spoilt']} spoilt)",
        )

    def check_results_key(self) -> bool:
        public, private = self.results_public_keys, self.results_private_keys or []
        if not public or len(private) != len(public):
            self.report.fail(
                f"results keys: {len(private)} private keys published for {len(public)} key holders"
            )
            return False
        problems = Problems("results keys")
        for position, (public_key, private_key) in enumerate(zip(public, private, strict=True), 1):
            derived = public_key_of(private_key)
            if derived is None:
                problems.add(f"results key {position}: not a 32-byte P-256 private key")
            elif derived != public_key:
                problems.add(f"results key {position}: not the private key of its public key")
        self.report.outcome(
            problems,
            f"results keys: each of the {len(public)} key holders' private keys belongs to "
            "their public key",
        )
        return not problems


# An export line as the ledger writes it; another spelling goes through the JSON parse.
EXPORT_LINE = re.compile(
    rb'\{"index":([0-9]+),"leaf_hash":"([0-9a-f]{64})","data":"([+/0-9A-Za-z]*={0,2})"\}'
)


def export_line(line: bytes) -> tuple[int, bytes, bytes]:
    """(index, stated leaf hash, data) of one line of the export."""
    match = EXPORT_LINE.fullmatch(line.rstrip(b"\r"))
    if match:
        return int(match[1]), bytes.fromhex(match[2].decode()), binascii.a2b_base64(match[3])
    row = json.loads(line)
    return (
        row["index"],
        bytes.fromhex(row["leaf_hash"]),
        base64.b64decode(row["data"], validate=True),
    )


class Entries:
    """One pass over the export: hashes, the tree, and each entry's own checks."""

    def __init__(self, verifier: Verifier, total: int):
        self.verifier = verifier
        self.total = total
        self.count = 0
        self.roots: dict[int, bytes] = {}
        self.leaf_problems = Problems("leaf hashes")
        self.entry_problems = Problems("ballot entries")
        self.signature_problems = Problems("blind signatures")
        self.token_problems = Problems("tokens used twice")
        self.opened: list = []  # per ballot: the answers, or None if spoilt
        self.spoilt_indices: list[int] = []
        self.named: list = []

    def read(self, lines, head_sizes: set[int]) -> None:
        v = self.verifier
        tree = TreeBuilder()
        tokens: dict[bytes, int] = {}
        opener = None
        if v.secret and v.state == "published" and v.results_private_keys:
            opener = Opener(v.results_private_keys, v.poll_id, v.questions)
        progress = Progress(self.total)
        if 0 in head_sizes:
            self.roots[0] = EMPTY_ROOT
        for line in lines:
            if not line.strip():
                continue
            try:
                index, stated, data = export_line(line)
            except (ValueError, KeyError, TypeError):
                self.leaf_problems.add(f"entry after {self.count - 1}: an unreadable export line")
                continue
            if index != self.count:
                self.leaf_problems.add(f"entry {index}: found where entry {self.count} belongs")
            leaf = leaf_hash(data)
            if leaf != stated:
                self.leaf_problems.add(
                    f"entry {index}: its leaf hash is not SHA-256(0x00 ‖ data): the data changed"
                )
            tree.append(leaf)
            self.count += 1
            if self.count in head_sizes:
                self.roots[self.count] = tree.root()
            if v.secret:
                self.ballot(index, data, tokens, opener)
            else:
                self.named_vote(index, data)
            progress.tick(self.count)
        progress.finish(self.count)
        self.root = tree.root()

    def ballot(self, index: int, data: bytes, tokens: dict, opener) -> None:
        v = self.verifier
        try:
            token, signature, enc, ct = ballot_parse(data, v.poll_id)
        except Malformed as error:
            self.entry_problems.add(f"entry {index}: not a canonical ballot of this poll: {error}")
            return
        try:
            v.credential_key.verify(signature, token, PSS, hashes.SHA384())
        except InvalidSignature:
            self.signature_problems.add(
                f"entry {index}: its blind signature does not verify under the poll's "
                "credential key (a ballot nobody was given a credential for)"
            )
        first = tokens.setdefault(token, index)
        if first != index:
            self.token_problems.add(f"entry {index}: its token was used before, at entry {first}")
        if opener is not None:
            answers = opener.open(enc, ct)
            self.opened.append(answers)
            if answers is None:
                self.spoilt_indices.append(index)

    def named_vote(self, index: int, data: bytes) -> None:
        v = self.verifier
        try:
            self.named.append(named_vote_parse(data, v.poll_id, v.questions))
        except Malformed as error:
            self.entry_problems.add(f"entry {index}: not a valid named vote of this poll: {error}")

    def report_on(self, heads: list[dict], latest: dict) -> None:
        report = self.verifier.report
        report.outcome(
            self.leaf_problems, f"leaf hashes: {self.count} entries, each SHA-256(0x00 ‖ data)"
        )
        if self.count != latest["tree_size"]:
            report.fail(
                f"entries: the export holds {self.count}, its tree head says {latest['tree_size']}"
            )
        elif self.root != bytes.fromhex(latest["root_hash"]):
            report.fail(f"root: the root of the {self.count} entries is not the latest tree head's")
        else:
            report.ok(f"root: recomputed from all {self.count} entries, the latest tree head's")
        problems = Problems("tree heads against the entries")
        for head in heads:
            size, root = head["tree_size"], head["root"]
            if size in self.roots and self.roots[size] != root:
                problems.add(f"tree head of size {size}: its root is not that of the first {size}")
            elif size not in self.roots:
                problems.add(f"tree head of size {size}: the export has only {self.count} entries")
        report.outcome(problems, f"tree heads: each head's root is its prefix's ({len(heads)})")
        kind = "ballots" if self.verifier.secret else "named votes"
        report.outcome(self.entry_problems, f"entries: {self.count} canonical {kind} of this poll")
        if self.verifier.secret:
            report.outcome(
                self.signature_problems,
                f"blind signatures: {self.count} valid under the poll's credential key",
            )
            report.outcome(self.token_problems, f"tokens: {self.count}, none used twice")

    def tally(self, questions: list[dict]) -> dict:
        ballots = self.opened if self.verifier.secret else self.named
        counted = [answers for answers in ballots if answers is not None]
        result = []
        for number, question in enumerate(questions):
            if question["kind"] == "scale":
                counts = [0] * 5
                for answers in counted:
                    counts[answers[number][0] - 1] += 1
                total = sum(counts)
                weighted = sum(v * c for v, c in zip(SCALE_VALUES, counts, strict=True))
                mean = weighted / total if total else None
                result.append({"kind": "scale", "counts": counts, "mean": mean})
            else:
                counts = [0] * len(question["options"])
                for answers in counted:
                    for option in answers[number]:
                        counts[option] += 1
                result.append({"kind": question["kind"], "counts": counts})
        return {
            "ballots": len(ballots),
            "spoilt": len(self.spoilt_indices),
            "spoilt_indices": self.spoilt_indices,
            "questions": result,
        }


class Opener:
    """HPKE OpenBase (RFC 9180 §6.1) of each sealed ballot, layer by layer, with the published
    private keys in the key holders' order."""

    def __init__(self, private_keys: list[bytes], poll_id: int, questions: list[dict]):
        self.keys = [HPKE_SUITE.kem.deserialize_private_key(key) for key in private_keys]
        self.infos = [layer_info(poll_id, layer) for layer in range(1, len(private_keys) + 1)]
        self.questions = questions
        # Most ballots of a poll say one of a few things: each distinct plaintext is read once.
        self.answers: dict[bytes, list | None] = {}

    def open(self, enc: bytes, ct: bytes):
        try:
            for layer, (key, info) in enumerate(zip(self.keys, self.infos, strict=True), 1):
                context = HPKE_SUITE.create_recipient_context(enc, key, info=info)
                plaintext = context.open(ct, b"")
                if layer < len(self.keys):
                    if len(plaintext) <= ENC_BYTES:
                        return None
                    enc, ct = plaintext[:ENC_BYTES], plaintext[ENC_BYTES:]
        except Exception:  # pyhpke raises several kinds; each means the ballot does not open
            return None
        answers = self.answers.get(plaintext, False)
        if answers is False:
            answers = answers_from_plaintext(plaintext, self.questions)
            if len(self.answers) < ANSWERS_REMEMBERED:
                self.answers[plaintext] = answers
        return answers


def _same_mean(published, counted) -> bool:
    if counted is None or published is None:
        return published == counted
    return isinstance(published, int | float) and abs(published - counted) < 0.005 + 1e-9


def _short(value) -> str:
    text = json.dumps(value)
    return text if len(text) <= 80 else text[:77] + "…"


def keygen(argv) -> int:
    """Print a key holder's key file: a fresh P-256 key pair made here, never sent anywhere."""
    parser = argparse.ArgumentParser(
        prog="verify_poll.py keygen", description="Make a key holder's results key file."
    )
    parser.add_argument("--poll", type=int, required=True, help="the poll's id")
    parser.add_argument("--position", type=int, required=True, help="your place among holders")
    args = parser.parse_args(argv)
    private = ec.generate_private_key(ec.SECP256R1())
    public_key = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    private_key = private.private_numbers().private_value.to_bytes(32, "big")
    # The pair must be one HPKE accepts (DeserializePrivateKey, RFC 9180 §7.1.2).
    HPKE_SUITE.kem.deserialize_private_key(private_key)
    key_file = {
        "poll": args.poll,
        "position": args.position,
        "public_key": b64url(public_key),
        "private_key": b64url(private_key),
    }
    print(json.dumps(key_file, indent=1))
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["keygen"]:
        return keygen(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the poll's public page (or: keygen --poll N --position N)")
    parser.add_argument(
        "--cookie", default="", help="a Cookie header (an open poll's log is its audience's)"
    )
    args = parser.parse_args(argv)
    report = Report()
    started = time.monotonic()
    try:
        Verifier(HTTP(args.cookie), report, args.url).run()
    except Unavailable as error:
        print(f"FAIL  cannot load the poll's data: {error}", flush=True)
        return 2
    seconds = time.monotonic() - started
    if report.failed:
        print(f"{report.failed} check(s) FAILED ({seconds:.1f} s)")
        return 1
    print(f"all checks passed ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
