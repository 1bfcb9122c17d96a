"""tools/verify_poll.py against the live site: a published poll whose ballots went through the
real protocol passes every check; each kind of tampering with what the site stores (one entry's
data changed, the last entry dropped, a forged entry appended, a token voting twice, a wrong
published result) makes it fail with a line that says what is wrong.

The verifier runs as its users run it: a separate process with the venv's python, from a
folder outside the project and without the project on its path, so it cannot lean on the
site's modules. Its own re-implementations of the RFC 9162 consistency check and the canonical
ballot are held to the site's (`ledger.merkle`, `polls.protocol`) below.
"""

import base64
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

import pytest

from ledger import merkle
from ledger.models import Entry, Node
from ledger.services import log_append
from polls import blind_rsa, protocol, sealing
from polls.models import Poll, PollKeyHolder
from polls.services.ballots import ballot_submit, ballots_append_batch, named_vote_cast
from tests.factories import UserFactory
from tests.polls.factories import poll_advance, poll_with_voters, seal_answers, secret_ballot

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = ROOT / "tools" / "verify_poll.py"
VOTERS = 12
ANSWERS = [[[0], [0, 1], [5]], [[1], [2], [3]], [[0], [1], [4]], [[1], [0, 2], [1]]]
SPOILT_PLAINTEXT = b'{"answers":[[7]]}'  # opens, but fits no question: a spoilt ballot


@pytest.fixture(scope="module")
def credential_key():
    """One RSA-3072 key for the module's polls: generating one costs seconds."""
    return blind_rsa.key_generate()


@pytest.fixture
def published_poll(live_server, settings, monkeypatch, credential_key):
    """A published secret poll of 12 voters and 2 key holders (so 2 layers to each ballot):
    11 valid ballots and 1 spoilt, appended in two shuffled batches (the second at closing),
    so the log has several tree heads."""
    settings.POLL_SECRET_MIN_AUDIENCE = 5
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)
    poll, voters = poll_with_voters(voters=VOTERS, state="open", key_holders=[UserFactory()])
    for number, voter in enumerate(voters):
        if number == VOTERS - 1:
            ballot = secret_ballot(poll, voter, None, plaintext=SPOILT_PLAINTEXT)
        else:
            ballot = secret_ballot(poll, voter, ANSWERS[number % len(ANSWERS)])
        ballot_submit(poll=poll, **ballot.submission)
        if number == VOTERS // 2:
            ballots_append_batch(poll=poll)
    return poll_advance(poll, "published")


def verify(live_server, poll: Poll, tmp_path, *options: str) -> subprocess.CompletedProcess:
    page = live_server.url + reverse("polls:detail", args=[poll.slug])
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, str(VERIFIER), page, *options],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def failures(run: subprocess.CompletedProcess) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith("FAIL")]


def entries_of(poll: Poll) -> list[Entry]:
    return list(Entry.objects.filter(log_id=poll.log_id).order_by("index"))


def test_a_published_poll_passes_every_check(live_server, published_poll, tmp_path):
    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 0, run.stdout + run.stderr
    assert failures(run) == []
    checked = run.stdout
    assert "signed by the log's key" in checked
    assert f"root: recomputed from all {VOTERS} entries" in checked
    assert "proofs between consecutive tree heads verify" in checked
    assert f"blind signatures: {VOTERS} valid" in checked
    assert f"tokens: {VOTERS}, none used twice" in checked
    assert f"counts: {VOTERS} ballots ≤ {VOTERS} credentials issued" in checked
    assert "each of the 2 key holders' private keys belongs to their public key" in checked
    assert f"({VOTERS} ballots, 1 spoilt)" in checked
    assert run.stdout.rstrip().endswith("s)") and "all checks passed" in run.stdout


def test_a_published_private_key_that_is_not_its_holders_fails(
    live_server, published_poll, tmp_path
):
    other_private, _other_public = sealing.key_generate()
    PollKeyHolder.objects.filter(poll=published_poll, position=2).update(private_key=other_private)

    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 1
    assert "FAIL  results key 2: not the private key of its public key" in failures(run)


def test_keygen_prints_a_key_file_whose_halves_belong_together(tmp_path):
    run = subprocess.run(
        [sys.executable, str(VERIFIER), "keygen", "--poll", "7", "--position", "2"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 0, run.stderr
    key_file = json.loads(run.stdout)
    assert {key_file["poll"], key_file["position"]} == {7, 2}
    private_key = protocol.b64url_decode(key_file["private_key"])
    public_key = protocol.b64url_decode(key_file["public_key"])
    assert sealing.public_key_of(private_key) == public_key
    enc, ct = sealing.seal_layers([public_key], b"yes", 7)
    assert sealing.open_layers([private_key], enc, ct, 7) == b"yes"


def test_changing_one_stored_entry_fails(live_server, published_poll, tmp_path):
    entry = entries_of(published_poll)[3]
    ballot = json.loads(bytes(entry.data))
    ballot["ct"] = ("B" if ballot["ct"][0] != "B" else "C") + ballot["ct"][1:]
    Entry.objects.filter(pk=entry.pk).update(data=protocol.canonical_json(ballot))

    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 1
    assert "FAIL  entry 3: its leaf hash is not SHA-256(0x00 ‖ data): the data changed" in (
        failures(run)
    )
    assert any(line.startswith("FAIL  root:") for line in failures(run))


def test_dropping_the_last_entry_fails(live_server, published_poll, tmp_path):
    last = entries_of(published_poll)[-1]
    size = last.index + 1
    for level in range(1, size.bit_length()):
        if size % (1 << level) == 0:  # a perfect subtree that ends with the last entry
            Node.objects.filter(
                log_id=published_poll.log_id, level=level, index=last.index >> level
            ).delete()
    last.delete()

    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 1
    assert f"FAIL  entries: the export holds {VOTERS - 1}, its tree head says {VOTERS}" in failures(
        run
    )


def test_appending_a_forged_ballot_fails(live_server, published_poll, tmp_path):
    enc, ct = seal_answers(published_poll, ANSWERS[0])
    forged = protocol.ballot_entry(
        poll_id=published_poll.pk,
        token=blind_rsa.prepare(os.urandom(32)),
        signature=os.urandom(384),
        enc=enc,
        ct=ct,
    )
    log_append(log=published_poll.log, entries=[forged])

    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 1
    assert (
        f"FAIL  entry {VOTERS}: its blind signature does not verify under the poll's credential "
        "key (a ballot nobody was given a credential for)" in failures(run)
    )
    assert (
        f"FAIL  counts: {VOTERS + 1} ballots in the log, more than the {VOTERS} credentials "
        "issued" in failures(run)
    )


def test_a_token_used_twice_fails(live_server, published_poll, tmp_path):
    spent = protocol.ballot_parse(bytes(entries_of(published_poll)[5].data))
    enc, ct = seal_answers(published_poll, ANSWERS[1])
    again = protocol.ballot_entry(
        poll_id=published_poll.pk, token=spent.token, signature=spent.signature, enc=enc, ct=ct
    )
    log_append(log=published_poll.log, entries=[again])

    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 1
    assert f"FAIL  entry {VOTERS}: its token was used before, at entry 5" in failures(run)


def test_a_wrong_published_result_fails(live_server, published_poll, tmp_path):
    results = published_poll.results
    counted = list(results["questions"][0]["counts"])
    results["questions"][0]["counts"] = [counted[0] + 1, counted[1] - 1]
    Poll.objects.filter(pk=published_poll.pk).update(results=results)

    run = verify(live_server, published_poll, tmp_path)

    assert run.returncode == 1
    published = [counted[0] + 1, counted[1] - 1]
    assert f"FAIL  results: question 1 published {published}, counted {counted}" in failures(run)


def test_an_open_polls_named_votes_are_checked_with_a_members_cookie(
    live_server, settings, monkeypatch, credential_key, client, tmp_path
):
    settings.POLL_SECRET_MIN_AUDIENCE = 5
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)
    poll, voters = poll_with_voters(voters=4, secrecy="open", state="open")
    for number, voter in enumerate(voters[:3]):
        named_vote_cast(poll=poll, user=voter, answers=ANSWERS[number])
    poll = poll_advance(poll, "published")
    client.force_login(voters[3])
    member = f"sessionid={client.cookies['sessionid'].value}"

    public = verify(live_server, poll, tmp_path)
    as_member = verify(live_server, poll, tmp_path, "--cookie", member)

    assert public.returncode == 0, public.stdout
    assert "skip  the log of an open poll is shown to its audience only" in public.stdout
    assert as_member.returncode == 0, as_member.stdout
    assert "ok    entries: 3 canonical named votes of this poll" in as_member.stdout
    assert "(3 ballots, 0 spoilt)" in as_member.stdout


def test_an_address_without_a_poll_is_reported_not_crashed(live_server, tmp_path):
    run = subprocess.run(
        [sys.executable, str(VERIFIER), live_server.url + "/no-such-poll/"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 2
    assert run.stdout.startswith("FAIL  cannot load the poll's data:")
    assert "Traceback" not in run.stderr


def load_tool():
    spec = importlib.util.spec_from_file_location("verify_poll", VERIFIER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tools_consistency_check_agrees_with_the_ledger():
    tool = load_tool()
    leaves = [merkle.leaf_hash(str(i).encode()) for i in range(40)]

    def subtree(level, index):
        return merkle.root(leaves[index << level : (index + 1) << level])

    for second in range(2, 41):
        second_root = merkle.root(leaves[:second])
        for first in range(1, second):
            path = merkle.consistency_proof(first, second, subtree)
            first_root = merkle.root(leaves[:first])
            assert tool.verify_consistency(first, second, first_root, second_root, path)
            assert not tool.verify_consistency(first, second, second_root, first_root, path)


def test_the_tools_tree_and_ballot_parse_agree_with_the_site():
    tool = load_tool()
    tree = tool.TreeBuilder()
    leaves = []
    for i in range(25):
        leaves.append(merkle.leaf_hash(bytes([i])))
        tree.append(tool.leaf_hash(bytes([i])))
        assert tree.root() == merkle.root(leaves)
    entry = protocol.ballot_entry(
        poll_id=7, token=bytes(64), signature=b"s" * 384, enc=b"e" * 65, ct=b"c" * 40
    )
    assert tool.ballot_parse(entry, 7) == (bytes(64), b"s" * 384, b"e" * 65, b"c" * 40)
    spaced = entry.replace(b",", b", ", 1)
    with pytest.raises(tool.Malformed):
        tool.ballot_parse(spaced, 7)
    with pytest.raises(tool.Malformed):
        tool.ballot_parse(entry, 8)
    padded = json.loads(entry)
    padded["token"] = base64.urlsafe_b64encode(bytes(64)).decode()
    with pytest.raises(tool.Malformed):
        tool.ballot_parse(protocol.canonical_json(padded), 7)
