"""In Chromium: an eligible resident casts a secret ballot by keyboard alone, keeps the receipt
(in the browser and as a file), the poll closes and its results are published, and on the
verify page their own browser passes every check, down to opening their ballot with the
published keys. A key holder creates their results key in the browser (the file is
downloaded, only the public half is posted) and gives it from that file after closing. Every
page passes axe, the pages fit a 360 px screen, and a browser without JavaScript is told why a
secret ballot needs it."""

import json
import re

import pytest
from playwright.sync_api import expect

from polls import blind_rsa, protocol, sealing
from polls.models import PendingBallot, Poll, PollKeyHolder
from polls.services.polls import poll_publish
from residents.services.audiences import audience_create
from tests.factories import PASSWORD
from tests.polls.factories import poll_advance, poll_for, poll_with_voters, residents_of
from tests.residents.factories import DistrictFactory

pytestmark = pytest.mark.e2e

EXPECTED_ANSWERS = [[1], [0, 2], [4]]


@pytest.fixture(scope="module")
def credential_key():
    return blind_rsa.key_generate()


@pytest.fixture
def secret_poll(settings, monkeypatch, credential_key):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    settings.POLL_CAST_DELAY_SECONDS = (1, 2)
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)
    return poll_with_voters(voters=6, state="open")


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form:has(#id_login) button[type=submit]").click()
    page.wait_for_load_state()


def fits_360(page) -> bool:
    page.set_viewport_size({"width": 360, "height": 800})
    fits = page.evaluate("document.documentElement.scrollWidth <= 360")
    page.set_viewport_size({"width": 1280, "height": 800})
    return fits


def vote_by_keyboard(page):
    """Single choice: Space on the first option, then the arrow to the second. Multiple:
    Space on the first and the third (Tab passes the second). Scale: Tab into the group, the
    arrow to 4. Then Tab to the button and Enter."""
    page.locator("#id_q0_0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    for _ in range(3):  # from 1, which Tab focuses, to 4
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.type")
    assert focused == "submit"
    page.keyboard.press("Enter")


def test_a_resident_votes_by_keyboard_keeps_the_receipt_and_verifies_it(
    page, axe, secret_poll, tmp_path
):
    poll, voters = secret_poll
    sign_in(page, voters[0].email)

    page.goto(f"/en/polls/{poll.slug}/")
    axe(page)
    assert fits_360(page)

    page.goto(f"/en/polls/{poll.slug}/vote/")
    axe(page)
    assert fits_360(page)
    vote_by_keyboard(page)

    server_receipt = page.locator("#poll-receipt [data-server-receipt]")
    expect(server_receipt).to_have_text(re.compile(r"^[0-9a-f]{128}$"), timeout=30_000)
    assert "cast" in page.locator("#poll-vote-status").inner_text()
    axe(page)

    kept = page.evaluate(f"JSON.parse(localStorage.getItem('spilno-poll-receipt-{poll.pk}'))")
    assert kept["answers"] == EXPECTED_ANSWERS
    assert kept["log_id"] == poll.log_id
    assert kept["leaf_hash"] == page.locator("[data-leaf-hash]").inner_text()
    with page.expect_download() as download:
        page.locator("#poll-receipt-download").click()
    saved = tmp_path / "receipt.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text()) == kept

    assert Poll.objects.get(pk=poll.pk).ballots_received == 1
    assert PendingBallot.objects.filter(poll=poll).count() == 1
    poll = poll_advance(Poll.objects.get(pk=poll.pk), "published")
    assert poll.results["questions"][0]["counts"] == [0, 1]

    page.goto(f"/en/polls/{poll.slug}/verify/")
    assert not page.locator("#poll-verify-kept").is_hidden()
    axe(page)
    page.locator("#poll-verify-form button[type=submit]").click()
    expect(page.locator("#poll-verify-results li")).to_have_count(6, timeout=30_000)
    outcomes = page.locator("#poll-verify-results li").evaluate_all(
        "items => items.map(item => [item.dataset.outcome, item.textContent])"
    )
    assert [outcome for outcome, _words in outcomes] == ["pass"] * 6, outcomes
    assert "Every check passed" in page.locator("#poll-verify-summary").inner_text()
    axe(page)
    assert fits_360(page)

    page.goto(f"/en/polls/{poll.slug}/")
    assert page.locator("figure.poll-result svg").count() == 3
    axe(page)
    assert fits_360(page)


def test_a_key_holder_creates_the_key_in_the_browser_and_gives_it_after_closing(
    page, axe, settings, monkeypatch, credential_key, tmp_path
):
    settings.POLL_SECRET_MIN_AUDIENCE = 3
    settings.POLL_CAST_DELAY_SECONDS = (1, 2)
    monkeypatch.setattr(blind_rsa, "key_generate", lambda: credential_key)
    district = DistrictFactory()
    voters = residents_of(district, 4)
    poll = poll_for(audience=audience_create(districts=[district]), keys_created=False)
    holder = PollKeyHolder.objects.select_related("user").get(poll=poll)

    sign_in(page, holder.user.email)
    page.goto(f"/en/polls/{poll.slug}/key/")
    axe(page)
    assert fits_360(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Create my results key").click()
    key_path = tmp_path / download.value.suggested_filename
    download.value.save_as(key_path)
    assert key_path.name == f"spilno-poll-{poll.pk}-results-key-1.json"
    key_file = json.loads(key_path.read_text())
    assert (key_file["poll"], key_file["position"]) == (poll.pk, 1)
    expect(page.locator("#id_public_key")).to_have_value(key_file["public_key"])
    axe(page)
    page.get_by_role("button", name="Register my public key").click()
    page.wait_for_load_state()
    holder.refresh_from_db()
    public_key = protocol.b64url_decode(key_file["public_key"])
    assert bytes(holder.public_key) == public_key and holder.private_key is None
    private_key = protocol.b64url_decode(key_file["private_key"])
    assert sealing.public_key_of(private_key) == public_key  # the file holds the pair

    poll = poll_advance(Poll.objects.get(pk=poll.pk), "open")
    page.context.clear_cookies()
    sign_in(page, voters[0].email)
    page.goto(f"/en/polls/{poll.slug}/vote/")
    vote_by_keyboard(page)
    expect(page.locator("#poll-receipt [data-server-receipt]")).to_have_text(
        re.compile(r"^[0-9a-f]{128}$"), timeout=30_000
    )
    poll = poll_advance(Poll.objects.get(pk=poll.pk), "closed")

    page.context.clear_cookies()
    sign_in(page, holder.user.email)
    page.goto(f"/en/polls/{poll.slug}/key/")
    page.locator("#poll-key-file").set_input_files(key_path)
    expect(page.locator("#id_private_key")).to_have_value(key_file["private_key"])
    axe(page)
    assert fits_360(page)
    page.get_by_role("button", name="Give my private key").click()
    page.wait_for_load_state()
    holder.refresh_from_db()
    assert bytes(holder.private_key) == private_key

    poll = poll_publish(poll=Poll.objects.get(pk=poll.pk))
    assert poll.results["ballots"] == 1 and poll.results["spoilt"] == 0
    assert [q["counts"] for q in poll.results["questions"][:2]] == [[0, 1], [1, 0, 1]]


def test_a_tampered_receipt_fails_on_the_verify_page(page, secret_poll):
    poll, voters = secret_poll
    page.goto(f"/en/polls/{poll.slug}/verify/")
    receipt = {
        "poll": poll.pk,
        "token": "AA",
        "signature": "AA",
        "enc": "AA",
        "ct": "AA",
        "answers": [[0]],
        "leaf_hash": "00" * 32,
    }
    page.locator("#poll-receipt-text").fill(json.dumps(receipt))
    page.locator("#poll-verify-form button[type=submit]").click()
    expect(page.locator("#poll-verify-results li")).not_to_have_count(0)
    assert page.locator("#poll-verify-results li").first.get_attribute("data-outcome") == "fail"
    assert "check failed" in page.locator("#poll-verify-summary").inner_text()


def test_without_javascript_the_vote_page_says_why_a_secret_ballot_needs_it(
    browser, live_server, secret_poll
):
    poll, voters = secret_poll
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        sign_in(page, voters[1].email)
        page.goto(f"/en/polls/{poll.slug}/vote/")
        # Playwright's text engine skips <noscript>; its elements are there all the same.
        notice = page.locator("noscript .notice strong")
        assert notice.is_visible()
        assert notice.inner_text() == "A secret ballot needs JavaScript."
        assert page.locator("#poll-vote-form").is_hidden()
    finally:
        context.close()


MERKLE_CHECK = """async ({ cases, head, publicKey }) => {
  const m = await import("/static/polls/merkle.js");
  const verdicts = [];
  for (const c of cases) {
    verdicts.push(await m.verifyInclusion({
      leaf: m.hexToBytes(c.leaf), index: c.index, size: c.size,
      path: c.path.map(m.hexToBytes), root: m.hexToBytes(c.root),
    }));
  }
  const headValid = await m.verifyTreeHead(head, m.hexToBytes(publicKey));
  const forged = await m.verifyTreeHead({ ...head, tree_size: head.tree_size + 1 },
                                        m.hexToBytes(publicKey));
  return { verdicts, headValid, forged };
}"""


def test_merkle_js_agrees_with_the_ledgers_proofs_and_tree_heads(page):
    """static/polls/merkle.js against ledger.merkle: every inclusion proof of trees of 1 to 9
    leaves verifies, and each proof with a wrong index, a changed hash or a missing step
    fails; a tree head the log's key signed verifies and a changed one does not."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger import merkle
    from ledger.models import tree_head_message

    leaves = [merkle.leaf_hash(f"entry {i}".encode()) for i in range(9)]
    cases, expected = [], []
    for size in range(1, 10):
        tree = leaves[:size]

        def subtree(level, index, tree=tree):
            return merkle.root(tree[index << level : (index + 1) << level])

        root = merkle.root(tree).hex()
        for index in range(size):
            path = [h.hex() for h in merkle.inclusion_proof(index, size, subtree)]
            case = {"leaf": tree[index].hex(), "index": index, "size": size, "root": root}
            cases.append({**case, "path": path})
            expected.append(True)
            cases.append({**case, "path": path, "index": (index + 1) % (size + 1)})
            expected.append(False)
            if path:
                changed = [("ff" + path[0][2:])] + path[1:]
                cases.append({**case, "path": changed})
                cases.append({**case, "path": path[:-1]})
                expected += [False, False]

    key = Ed25519PrivateKey.generate()
    root = merkle.root(leaves)
    head = {
        "tree_size": 9,
        "timestamp": 1_780_000_000_000,
        "root_hash": root.hex(),
        "signature": key.sign(
            tree_head_message(size=9, timestamp=1_780_000_000_000, root_hash=root)
        ).hex(),
    }
    public_key = key.public_key().public_bytes_raw().hex()

    page.goto("/e2e-merkle/")  # any page of the site, under its Content-Security-Policy
    result = page.evaluate(MERKLE_CHECK, {"cases": cases, "head": head, "publicKey": public_key})

    assert result["verdicts"] == expected
    assert result["headValid"] is True
    assert result["forged"] is False
