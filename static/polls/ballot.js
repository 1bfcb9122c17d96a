// What the voter's browser and the verify page compute the same way as site/polls/protocol.py:
// base64url without padding, the canonical ballot entry, the choices' plaintext, the HPKE
// suite (DHKEM(P-256), HKDF-SHA256, AES-128-GCM) and its layers (one per key holder, as
// site/polls/sealing.py seals them), the receipt message and the kept receipt.

import * as hpke from "/static/vendor/hpke.js";

export function b64url(bytes) {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function b64urlDecode(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new Error("not base64url");
  }
  const plain = text.replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(plain + "=".repeat((4 - (plain.length % 4)) % 4)), (c) =>
    c.charCodeAt(0),
  );
}

export function b64Decode(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function hpkeSuite() {
  return new hpke.CipherSuite({
    kem: new hpke.DhkemP256HkdfSha256(),
    kdf: new hpke.HkdfSha256(),
    aead: new hpke.Aes128Gcm(),
  });
}

const encoder = new TextEncoder();
const ENC_BYTES = 65; // an encapsulated P-256 key, uncompressed: every layer's enc

// protocol.layer_info: "spilno poll 7 ballot v1" + "/" + the layer's number, from 1.
export function layerInfo(ballotInfo, layer) {
  return encoder.encode(`${ballotInfo}/${layer}`);
}

// sealing.seal_layers: the plaintext sealed to the last key holder, that to the one before,
// and so on to holder 1, whose layer is the ballot's { enc, ct }.
export async function sealLayers(publicKeys, plaintext, ballotInfo) {
  const suite = hpkeSuite();
  let enc = null;
  let ct = plaintext;
  for (let layer = publicKeys.length; layer >= 1; layer -= 1) {
    let inner = ct;
    if (enc) {
      inner = new Uint8Array(enc.length + ct.length);
      inner.set(enc, 0);
      inner.set(ct, enc.length);
    }
    const recipientPublicKey = await suite.kem.deserializePublicKey(publicKeys[layer - 1]);
    const sealed = await suite.seal(
      { recipientPublicKey, info: layerInfo(ballotInfo, layer) },
      inner,
    );
    enc = new Uint8Array(sealed.enc);
    ct = new Uint8Array(sealed.ct);
  }
  return { enc, ct };
}

// sealing.open_layers: every key holder's private key in order; throws when a layer does not
// open (the ballot is spoilt).
export async function openLayers(privateKeys, enc, ct, ballotInfo) {
  const suite = hpkeSuite();
  for (let layer = 1; layer <= privateKeys.length; layer += 1) {
    const recipientKey = await suite.kem.deserializePrivateKey(privateKeys[layer - 1]);
    const inner = new Uint8Array(
      await suite.open({ recipientKey, enc, info: layerInfo(ballotInfo, layer) }, ct),
    );
    if (layer === privateKeys.length) return inner;
    if (inner.length <= ENC_BYTES) throw new Error("an inner layer is enc and a ciphertext");
    enc = inner.slice(0, ENC_BYTES);
    ct = inner.slice(ENC_BYTES);
  }
  throw new Error("no results keys");
}

// protocol.choices_plaintext: {"answers":[[0],[1,3],[4]]}, no spaces, integers only.
export function choicesPlaintext(answers) {
  return encoder.encode(JSON.stringify({ answers }));
}

// protocol.ballot_entry: keys in sorted order, no spaces, byte strings base64url. Every value
// is a base64url string or an integer, so JSON.stringify writes exactly the canonical bytes.
export function ballotEntry({ pollId, token, signature, enc, ct }) {
  return encoder.encode(
    JSON.stringify({
      ct: b64url(ct),
      enc: b64url(enc),
      poll: pollId,
      signature: b64url(signature),
      token: b64url(token),
      v: 1,
    }),
  );
}

// protocol.receipt_message: "spilno-receipt-v1", the log id (8 bytes, big-endian), the leaf hash.
export function receiptMessage(logId, leafHash) {
  const context = encoder.encode("spilno-receipt-v1");
  const message = new Uint8Array(context.length + 8 + 32);
  message.set(context, 0);
  new DataView(message.buffer).setBigUint64(context.length, BigInt(logId));
  message.set(leafHash, context.length + 8);
  return message;
}

export const receiptKey = (pollId) => `spilno-poll-receipt-${pollId}`;

export function receiptKept(pollId) {
  try {
    const text = localStorage.getItem(receiptKey(pollId));
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function receiptKeep(receipt) {
  try {
    localStorage.setItem(receiptKey(receipt.poll), JSON.stringify(receipt));
    return true;
  } catch {
    return false; // private browsing or a full store: the download still keeps it
  }
}

// A link that saves the receipt as a file; the object URL lives as long as the page.
export function receiptDownloadLink(link, receipt) {
  const blob = new Blob([JSON.stringify(receipt, null, 1)], { type: "application/json" });
  if (link.dataset.objectUrl) URL.revokeObjectURL(link.dataset.objectUrl);
  link.dataset.objectUrl = URL.createObjectURL(blob);
  link.href = link.dataset.objectUrl;
  link.download = `poll-${receipt.poll}-receipt.json`;
  link.hidden = false;
}

export function pageData(id) {
  return JSON.parse(document.getElementById(id).textContent);
}
