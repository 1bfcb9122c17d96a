"""The public endpoints: what an auditor downloads and verifies, and what hostile or
impossible parameters get (a 400 with a code, never a 500)."""

import base64
import json

from django.urls import reverse

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ledger import access, merkle, services
from ledger.models import tree_head_message
from tests.factories import UserFactory
from tests.ledger.factories import entries_of, log_with

pytestmark = pytest.mark.django_db


def url(name: str, log, **query) -> str:
    address = reverse(f"ledger:{name}", kwargs={"log_id": log.pk})
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def get_json(client, address: str, status: int = 200) -> dict:
    response = client.get(address)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def log():
    return log_with(21)


def test_an_auditor_verifies_a_tree_head_an_inclusion_and_a_consistency(client, log):
    key = get_json(client, url("public_key", log))
    assert key["algorithm"] == "Ed25519"
    public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(key["public_key"]))
    head = get_json(client, url("tree_head", log))
    assert (head["log"], head["purpose"], head["tree_size"]) == (log.pk, "poll", 21)
    root = bytes.fromhex(head["root_hash"])
    message = tree_head_message(size=21, timestamp=head["timestamp"], root_hash=root)
    public_key.verify(bytes.fromhex(head["signature"]), message)

    entry = entries_of(21)[13]
    leaf = merkle.leaf_hash(entry)
    proof = get_json(client, url("inclusion", log, leaf_hash=leaf.hex(), tree_size=21))
    assert (proof["leaf_index"], proof["tree_size"]) == (13, 21)
    path = [bytes.fromhex(h) for h in proof["inclusion_path"]]
    assert merkle.verify_inclusion(leaf=leaf, index=13, size=21, path=path, root=root)

    older = merkle.root([merkle.leaf_hash(e) for e in entries_of(6)])
    proof = get_json(client, url("consistency", log, first=6, second=21))
    path = [bytes.fromhex(h) for h in proof["consistency_path"]]
    assert merkle.verify_consistency(
        first=6, second=21, first_hash=older, second_hash=root, path=path
    )


def test_entries_carry_their_bytes_and_leaf_hashes(client, log):
    document = get_json(client, url("entries", log, start=3, end=7))
    assert [e["index"] for e in document["entries"]] == [3, 4, 5, 6]
    for item in document["entries"]:
        data = base64.b64decode(item["data"])
        assert data == entries_of(21)[item["index"]]
        assert item["leaf_hash"] == merkle.leaf_hash(data).hex()
    past_the_end = get_json(client, url("entries", log, start=19, end=40))
    assert [e["index"] for e in past_the_end["entries"]] == [19, 20]
    assert len(get_json(client, url("entries", log))["entries"]) == 21
    assert get_json(client, url("entries", log, start=2**63 - 1))["entries"] == []


def test_the_tree_heads_list_every_head(client):
    log = services.log_create(purpose="poll")
    for start in range(3):
        services.log_append(log=log, entries=entries_of(2, start=2 * start))
    document = get_json(client, url("tree_heads", log))
    assert [h["tree_size"] for h in document["tree_heads"]] == [0, 2, 4, 6]
    assert (document["page"], document["pages"]) == (1, 1)


def test_the_export_streams_a_head_then_every_entry_it_covers(client, log):
    response = client.get(url("export", log))
    assert response.status_code == 200 and response.streaming
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    header, rows = lines[0], lines[1:]
    assert header["tree_head"]["tree_size"] == 21 == len(rows)
    assert [row["index"] for row in rows] == list(range(21))
    hashes = [bytes.fromhex(row["leaf_hash"]) for row in rows]
    assert merkle.root(hashes).hex() == header["tree_head"]["root_hash"]


def test_what_never_changes_is_cached_publicly_and_the_rest_briefly(client, log):
    leaf = merkle.leaf_hash(entries_of(21)[0]).hex()
    immutable = [
        url("inclusion", log, leaf_hash=leaf, tree_size=10),
        url("consistency", log, first=3, second=10),
        url("entries", log, start=0, end=21),
        url("public_key", log),
    ]
    for address in immutable:
        response = client.get(address)
        assert "immutable" in response["Cache-Control"], address
        assert response["Cache-Control"].startswith("public")
        again = client.get(address, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    for address in (url("tree_head", log), url("entries", log, start=0, end=22)):
        response = client.get(address)
        assert response["Cache-Control"] == "public, max-age=5"


@pytest.mark.parametrize(
    ("name", "query", "parameter", "code"),
    [
        ("consistency", {}, "first", "missing"),
        ("consistency", {"first": 1}, "second", "missing"),
        ("consistency", {"first": 0, "second": 5}, "first", "out_of_range"),
        ("consistency", {"first": 6, "second": 5}, "first", "out_of_range"),
        ("consistency", {"first": 1, "second": 22}, "second", "out_of_range"),
        ("consistency", {"first": "-1", "second": 5}, "first", "not_a_number"),
        ("consistency", {"first": "1e3", "second": 5}, "first", "not_a_number"),
        ("consistency", {"first": "%D9%A1", "second": 5}, "first", "not_a_number"),
        ("consistency", {"first": 1, "second": 2**64}, "second", "not_a_number"),
        ("consistency", {"first": 1, "second": 2**63}, "second", "out_of_range"),
        ("inclusion", {"tree_size": 3}, "leaf_hash", "missing"),
        ("inclusion", {"leaf_hash": "ab", "tree_size": 3}, "leaf_hash", "not_a_hash"),
        ("inclusion", {"leaf_hash": "zz" * 32, "tree_size": 3}, "leaf_hash", "not_a_hash"),
        ("inclusion", {"leaf_hash": "%C3%A9" * 32, "tree_size": 3}, "leaf_hash", "not_a_hash"),
        ("inclusion", {"leaf_hash": "00" * 32}, "tree_size", "missing"),
        ("inclusion", {"leaf_hash": "00" * 32, "tree_size": 0}, "tree_size", "out_of_range"),
        ("inclusion", {"leaf_hash": "00" * 32, "tree_size": 99}, "tree_size", "out_of_range"),
        ("entries", {"start": 5, "end": 4}, "end", "out_of_range"),
        ("entries", {"start": 0, "end": 1001}, "end", "range_too_long"),
        ("entries", {"start": "x" * 100_000}, "start", "not_a_number"),
    ],
)
def test_bad_parameters_get_a_400_that_names_them(client, log, name, query, parameter, code):
    document = get_json(client, url(name, log, **query), status=400)
    assert (document["error"]["parameter"], document["error"]["code"]) == (parameter, code)
    assert document["error"]["message"]


def test_an_unknown_leaf_hash_is_a_404(client, log):
    document = get_json(client, url("inclusion", log, leaf_hash="00" * 32, tree_size=21), 404)
    assert document["error"]["code"] == "leaf_not_found"


def test_an_unknown_log_is_a_404(client, log):
    address = reverse("ledger:tree_head", kwargs={"log_id": log.pk + 1000})
    assert get_json(client, address, status=404)["error"]["code"] == "log_not_found"
    for raw in ("0", str(2**63), "abc"):
        assert client.get(f"/ledger/{raw}/tree-head/").status_code == 404


def test_the_endpoints_only_read(client, log):
    assert client.post(url("tree_head", log)).status_code == 405


# A purpose of these tests' own: unregistering an app's real one ("meeting", "poll") would
# leave that app's logs unreadable for every later test in the process.
TEST_PURPOSE = "ledger-tests-members-only"


@pytest.fixture
def members_only():
    members = set()
    access.register(TEST_PURPOSE, lambda log, user: user.pk in members)
    yield members
    access.unregister(TEST_PURPOSE)


ENDPOINTS = ["tree_head", "tree_heads", "consistency", "inclusion", "entries", "public_key"]


def test_a_restricted_log_is_a_404_to_those_its_checker_refuses(client, members_only):
    log = log_with(4, purpose=TEST_PURPOSE, is_public=False)
    member, stranger = UserFactory(), UserFactory()
    members_only.add(member.pk)
    query = {"first": 1, "second": 4, "leaf_hash": merkle.leaf_hash(entries_of(1)[0]).hex()}
    query["tree_size"] = 4
    addresses = [url(name, log, **query) for name in ENDPOINTS] + [url("export", log)]
    for address in addresses:
        assert client.get(address).status_code == 404, address
    client.force_login(stranger)
    for address in addresses:
        assert client.get(address).status_code == 404, address
    client.force_login(member)
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Cache-Control"].startswith("private")
        assert "Access-Control-Allow-Origin" not in response


def test_a_restricted_log_without_a_checker_is_open_to_nobody(client):
    log = log_with(2, purpose="unclaimed", is_public=False)
    client.force_login(UserFactory())
    assert client.get(url("tree_head", log)).status_code == 404


PARAMETERS = ["first", "second", "leaf_hash", "tree_size", "start", "end", "page"]


@pytest.mark.parametrize("name", ENDPOINTS + ["export"])
def test_the_projects_hostile_values_in_every_parameter_never_give_a_server_error(
    client, log, name
):
    from tests.config.test_hostile_input import HOSTILE, _value

    for raw in HOSTILE.values():
        for parameter in PARAMETERS:
            response = client.get(url(name, log, **{parameter: _value(raw)}))
            assert response.status_code < 500, (name, parameter, raw[:20])
        everything = {parameter: _value(raw) for parameter in PARAMETERS}
        assert client.get(url(name, log, **everything)).status_code < 500


def test_a_log_whose_stored_hashes_were_removed_says_so_without_a_server_error(client, log):
    from ledger.models import Node

    Node.objects.filter(log=log).delete()  # damage done outside the services
    response = client.get(url("consistency", log, first=6, second=21))
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "log_incomplete"
