// The verify page: the voter's own browser checks their receipt against the public log,
// trusting nothing the server says without a proof (issue 16, point 4). Each check's outcome
// is written in words in a list; the strings come translated from #poll-verify-data.

import { RSABSSA } from "/static/vendor/blindrsa.js";
import {
  bytesToHex,
  ed25519Verify,
  hexToBytes,
  leafHash,
  verifyInclusion,
  verifyTreeHead,
} from "./merkle.js";
import {
  b64Decode,
  b64urlDecode,
  ballotEntry,
  openLayers,
  pageData,
  receiptKept,
  receiptMessage,
} from "./ballot.js";

const data = pageData("poll-verify-data");
const text = data.messages;
const form = document.getElementById("poll-verify-form");
const field = document.getElementById("poll-receipt-text");
const file = document.getElementById("poll-receipt-file");
const results = document.getElementById("poll-verify-results");
const summary = document.getElementById("poll-verify-summary");

const PASS = "pass";
const FAIL = "fail";
const WAIT = "wait";

function report(checks) {
  results.replaceChildren(
    ...checks.map(({ outcome, words }) => {
      const item = document.createElement("li");
      item.className = `poll-check poll-check--${outcome}`;
      item.dataset.outcome = outcome;
      const label = document.createElement("strong");
      label.textContent = text[outcome];
      item.append(label, " ", words);
      return item;
    }),
  );
  const failed = checks.some((check) => check.outcome === FAIL);
  const waiting = checks.some((check) => check.outcome === WAIT);
  summary.textContent = failed ? text.summary_fail : waiting ? text.summary_wait : text.summary_pass;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "omit" });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

function sameAnswers(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function checkReceipt(receipt, checks) {
  const bundle = (await getJson(data.bundle_url)).body;
  const logId = bundle.log.id;
  const logKey = hexToBytes(bundle.log.public_key);
  if (receipt.poll !== bundle.poll.id) {
    checks.push({ outcome: FAIL, words: text.other_poll });
    return;
  }

  const token = b64urlDecode(receipt.token);
  const signature = b64urlDecode(receipt.signature);
  const entry = ballotEntry({
    pollId: receipt.poll,
    token,
    signature,
    enc: b64urlDecode(receipt.enc),
    ct: b64urlDecode(receipt.ct),
  });
  const leaf = await leafHash(entry);
  const leafMatches = bytesToHex(leaf) === receipt.leaf_hash;
  checks.push({ outcome: leafMatches ? PASS : FAIL, words: text.leaf });
  if (!leafMatches) return;

  const suite = RSABSSA.SHA384.PSS.Randomized();
  const credentialKey = await crypto.subtle.importKey(
    "spki",
    b64urlDecode(bundle.credential_public_key),
    { name: "RSA-PSS", hash: "SHA-384" },
    true,
    ["verify"],
  );
  const signed = await suite.verify(credentialKey, signature, token).catch(() => false);
  checks.push({ outcome: signed ? PASS : FAIL, words: text.credential });

  if (receipt.receipt) {
    const promised =
      receipt.log_id === logId &&
      (await ed25519Verify(logKey, hexToBytes(receipt.receipt), receiptMessage(logId, leaf)));
    checks.push({ outcome: promised ? PASS : FAIL, words: text.promise });
  } else {
    checks.push({ outcome: WAIT, words: text.not_sent });
  }

  const head = await getJson(data.tree_head_url);
  if (!head.ok) {
    checks.push({ outcome: WAIT, words: text.no_tree_head });
    return;
  }
  const headSigned = await verifyTreeHead(head.body, logKey);
  checks.push({ outcome: headSigned ? PASS : FAIL, words: text.tree_head });
  if (!headSigned) return;

  const query = new URLSearchParams({ leaf_hash: receipt.leaf_hash, tree_size: head.body.tree_size });
  const proof = await getJson(`${data.inclusion_url}?${query}`);
  if (!proof.ok) {
    checks.push({ outcome: proof.status === 404 ? WAIT : FAIL, words: text.not_in_log });
    return;
  }
  const included = await verifyInclusion({
    leaf,
    index: proof.body.leaf_index,
    size: head.body.tree_size,
    path: proof.body.inclusion_path.map(hexToBytes),
    root: hexToBytes(head.body.root_hash),
  });
  checks.push({ outcome: included ? PASS : FAIL, words: text.inclusion });
  if (!included) return;

  if (!bundle.results_private_keys) {
    checks.push({ outcome: WAIT, words: text.not_published });
    return;
  }
  const index = proof.body.leaf_index;
  const stored = await getJson(`${data.entries_url}?start=${index}&end=${index + 1}`);
  const found = stored.body.entries?.[0];
  const storedBytes = found ? b64Decode(found.data) : new Uint8Array();
  const storedMatches = bytesToHex(await leafHash(storedBytes)) === receipt.leaf_hash;
  if (!storedMatches) {
    checks.push({ outcome: FAIL, words: text.opened });
    return;
  }
  try {
    const plaintext = await openLayers(
      bundle.results_private_keys.map(b64urlDecode),
      b64urlDecode(receipt.enc),
      b64urlDecode(receipt.ct),
      bundle.ballot_info,
    );
    const opened = JSON.parse(new TextDecoder().decode(plaintext));
    const same = sameAnswers(opened.answers, receipt.answers);
    checks.push({ outcome: same ? PASS : FAIL, words: text.opened });
  } catch {
    checks.push({ outcome: FAIL, words: text.opened });
  }
}

async function verify(event) {
  event.preventDefault();
  const checks = [];
  summary.textContent = text.checking;
  let receipt;
  try {
    receipt = JSON.parse(field.value);
    if (typeof receipt !== "object" || receipt === null) throw new Error("not an object");
    for (const name of ["token", "signature", "enc", "ct", "leaf_hash"]) {
      if (typeof receipt[name] !== "string") throw new Error(name);
    }
  } catch {
    report([{ outcome: FAIL, words: text.unreadable }]);
    return;
  }
  try {
    await checkReceipt(receipt, checks);
  } catch {
    checks.push({ outcome: FAIL, words: text.unreadable });
  }
  report(checks);
}

function start() {
  document.getElementById("poll-verify-js").hidden = false;
  const kept = receiptKept(data.poll);
  if (kept) {
    field.value = JSON.stringify(kept, null, 1);
    document.getElementById("poll-verify-kept").hidden = false;
  }
  file.addEventListener("change", async () => {
    if (file.files.length) field.value = await file.files[0].text();
  });
  form.addEventListener("submit", verify);
}

start();
