"""The vendored browser modules and the server's Python speak the same protocols.

In Chromium, static/vendor/blindrsa.js blinds a random token under a poll key made in Python,
Python blind-signs it, the browser finalizes and verifies, and Python verifies the signature;
static/vendor/hpke.js seals a JSON ballot to a results key made in Python, and Python opens it;
static/polls/ballot.js seals to several key holders' keys in layers that Python opens, and opens
the layers Python seals.
The modules are imported from the live server under the site's Content-Security-Policy (a 404
page carries it), as a poll's page will import them. Different parameters on either side
(another PSS salt length, another AEAD, another info) must fail.
"""

import base64
import functools
import json

import pytest

from polls import blind_rsa, protocol, sealing
from polls.blind_rsa import InvalidBlindSignature
from polls.sealing import SealingError

pytestmark = pytest.mark.e2e

HELPERS = """
  const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
  const unb64 = (text) => {
    const plain = text.replace(/-/g, "+").replace(/_/g, "/");
    return Uint8Array.from(atob(plain + "=".repeat((4 - (plain.length % 4)) % 4)),
                           (c) => c.charCodeAt(0));
  };
"""

BLIND = (
    """async ({ spki, variant }) => {"""
    + HELPERS
    + """
  const { RSABSSA } = await import("/static/vendor/blindrsa.js");
  const suite = RSABSSA.SHA384[variant].Randomized();
  const publicKey = await crypto.subtle.importKey(
    "spki", unb64(spki), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
  const token = crypto.getRandomValues(new Uint8Array(32));
  const prepared = suite.prepare(token);
  const { blindedMsg, inv } = await suite.blind(publicKey, prepared);
  window.voter = { suite, publicKey, prepared, inv, name: suite.toString() };
  return { blindedMsg: b64(blindedMsg), suite: suite.toString() };
}"""
)

FINALIZE = (
    """async ({ blindSig }) => {"""
    + HELPERS
    + """
  const { suite, publicKey, prepared, inv } = window.voter;
  const signature = await suite.finalize(publicKey, prepared, unb64(blindSig), inv);
  const valid = await suite.verify(publicKey, signature, prepared);
  return { prepared: b64(prepared), signature: b64(signature), valid };
}"""
)

VERIFY = (
    """async ({ spki, variant, prepared, signature }) => {"""
    + HELPERS
    + """
  const { RSABSSA } = await import("/static/vendor/blindrsa.js");
  const suite = RSABSSA.SHA384[variant].Randomized();
  const publicKey = await crypto.subtle.importKey(
    "spki", unb64(spki), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
  return await suite.verify(publicKey, unb64(signature), unb64(prepared));
}"""
)

SEAL = (
    """async ({ publicKey, info, ballot, aead }) => {"""
    + HELPERS
    + """
  const hpke = await import("/static/vendor/hpke.js");
  const suite = new hpke.CipherSuite({
    kem: new hpke.DhkemP256HkdfSha256(),
    kdf: new hpke.HkdfSha256(),
    aead: new hpke[aead](),
  });
  const recipientPublicKey = await suite.kem.deserializePublicKey(unb64(publicKey));
  const { ct, enc } = await suite.seal(
    { recipientPublicKey, info: new TextEncoder().encode(info) },
    new TextEncoder().encode(JSON.stringify(ballot)));
  return { enc: b64(enc), ct: b64(ct) };
}"""
)

LAYERS = """async ({ publicKeys, privateKeys, enc, ct, info }) => {
  const b = await import("/static/polls/ballot.js");
  const sealed = await b.sealLayers(
    publicKeys.map(b.b64urlDecode), new TextEncoder().encode("{\\"answers\\":[[1]]}"), info);
  const opened = await b.openLayers(
    privateKeys.map(b.b64urlDecode), b.b64urlDecode(enc), b.b64urlDecode(ct), info);
  return { enc: b.b64url(sealed.enc), ct: b.b64url(sealed.ct),
           opened: new TextDecoder().decode(opened) };
}"""


@functools.cache
def poll_key():
    return blind_rsa.key_generate()


def unb64(text: str) -> bytes:
    return base64.b64decode(text)


@pytest.fixture
def voter(page):
    """A page of the site (a 404, with the public Content-Security-Policy) to run modules in."""
    response = page.goto("/e2e-crypto-interop/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return page


def test_browser_blinds_server_signs_browser_finalizes_and_both_verify(voter):
    public_key = poll_key().public_key()
    spki = base64.b64encode(blind_rsa.public_key_spki(public_key)).decode()

    blinded = voter.evaluate(BLIND, {"spki": spki, "variant": "PSS"})
    assert blinded["suite"] == blind_rsa.SUITE
    blind_sig = blind_rsa.blind_sign(poll_key(), unb64(blinded["blindedMsg"]))
    final = voter.evaluate(FINALIZE, {"blindSig": base64.b64encode(blind_sig).decode()})

    assert final["valid"] is True
    prepared, signature = unb64(final["prepared"]), unb64(final["signature"])
    assert len(prepared) == blind_rsa.PREFIX_LENGTH + 32
    assert prepared not in unb64(blinded["blindedMsg"])
    blind_rsa.verify(public_key, prepared, signature)
    with pytest.raises(InvalidBlindSignature):
        blind_rsa.verify(blind_rsa.key_generate().public_key(), prepared, signature)


def test_a_python_signature_verifies_in_the_browser_only_with_the_same_variant(voter):
    public_key = poll_key().public_key()
    spki = base64.b64encode(blind_rsa.public_key_spki(public_key)).decode()
    prepared = blind_rsa.prepare(b"ballot token")
    blinded_msg, inv = blind_rsa.blind(public_key, prepared)
    signature = blind_rsa.finalize(
        public_key, prepared, blind_rsa.blind_sign(poll_key(), blinded_msg), inv
    )
    arguments = {
        "spki": spki,
        "prepared": base64.b64encode(prepared).decode(),
        "signature": base64.b64encode(signature).decode(),
    }
    assert voter.evaluate(VERIFY, {**arguments, "variant": "PSS"}) is True
    assert voter.evaluate(VERIFY, {**arguments, "variant": "PSSZero"}) is False


def test_a_browser_signature_of_another_variant_fails_python_verification(voter):
    """Blinded with RSABSSA-SHA384-PSSZERO-Randomized (salt length 0): the browser's own check
    passes, ours (salt length 48) refuses."""
    public_key = poll_key().public_key()
    spki = base64.b64encode(blind_rsa.public_key_spki(public_key)).decode()
    blinded = voter.evaluate(BLIND, {"spki": spki, "variant": "PSSZero"})
    assert blinded["suite"] != blind_rsa.SUITE
    blind_sig = blind_rsa.blind_sign(poll_key(), unb64(blinded["blindedMsg"]))
    final = voter.evaluate(FINALIZE, {"blindSig": base64.b64encode(blind_sig).decode()})
    assert final["valid"] is True
    with pytest.raises(InvalidBlindSignature):
        blind_rsa.verify(public_key, unb64(final["prepared"]), unb64(final["signature"]))


def test_browser_seals_a_json_ballot_that_python_opens(voter):
    private_key, public_key = sealing.key_generate()
    ballot = {"poll": 17, "choices": [2, 5], "comment": "Так, і ще раз так"}
    sealed = voter.evaluate(
        SEAL,
        {
            "publicKey": sealing.public_key_b64(public_key),
            "info": "spilno poll 17",
            "ballot": ballot,
            "aead": "Aes128Gcm",
        },
    )
    opened = sealing.open(private_key, unb64(sealed["enc"]), unb64(sealed["ct"]), b"spilno poll 17")
    assert json.loads(opened) == ballot
    with pytest.raises(SealingError):
        sealing.open(private_key, unb64(sealed["enc"]), unb64(sealed["ct"]), b"spilno poll 18")


def test_a_ballot_sealed_with_another_aead_does_not_open(voter):
    private_key, public_key = sealing.key_generate()
    sealed = voter.evaluate(
        SEAL,
        {
            "publicKey": sealing.public_key_b64(public_key),
            "info": "spilno poll 17",
            "ballot": {"choices": [1]},
            "aead": "Aes256Gcm",
        },
    )
    with pytest.raises(SealingError):
        sealing.open(private_key, unb64(sealed["enc"]), unb64(sealed["ct"]), b"spilno poll 17")


def test_layers_sealed_in_the_browser_open_in_python_and_the_other_way(voter):
    pairs = [sealing.key_generate() for _ in range(3)]
    private_keys = [private for private, _public in pairs]
    public_keys = [public for _private, public in pairs]
    enc, ct = sealing.seal_layers(public_keys, b'{"answers":[[0]]}', 17)
    result = voter.evaluate(
        LAYERS,
        {
            "publicKeys": [protocol.b64url(key) for key in public_keys],
            "privateKeys": [protocol.b64url(key) for key in private_keys],
            "enc": protocol.b64url(enc),
            "ct": protocol.b64url(ct),
            "info": protocol.ballot_info(17).decode(),
        },
    )
    assert result["opened"] == '{"answers":[[0]]}'
    browser_enc, browser_ct = (protocol.b64url_decode(result[k]) for k in ("enc", "ct"))
    assert sealing.open_layers(private_keys, browser_enc, browser_ct, 17) == b'{"answers":[[1]]}'
    with pytest.raises(SealingError):
        sealing.open_layers(private_keys[::-1], browser_enc, browser_ct, 17)
