// The secret ballot in the voter's browser (issue 16, point 2). In order:
//  1. draw a random 32-byte token, prepare it (RFC 9474 §4.1, randomized), blind it with the
//     poll's credential key and send the blinded value while signed in; the server answers
//     with a blind signature, which we finalize and verify;
//  2. seal the choices to each of the poll's key holders in turn (HPKE layers, as
//     protocol.py describes them: sealLayers in ballot.js);
//  3. build the canonical entry and its leaf hash, keep everything in localStorage and offer
//     it as a file: the receipt;
//  4. wait a random delay (so the ballot's arrival is not the moment of the credential), then
//     send token, signature and sealed choices without cookies, and show the signed receipt.
// The strings shown come translated from the page (#poll-vote-data).

import { RSABSSA } from "/static/vendor/blindrsa.js";
import { bytesToHex, ed25519Verify, hexToBytes, leafHash } from "./merkle.js";
import {
  b64url,
  b64urlDecode,
  ballotEntry,
  choicesPlaintext,
  pageData,
  receiptDownloadLink,
  receiptKeep,
  receiptKept,
  receiptMessage,
  sealLayers,
} from "./ballot.js";

const data = pageData("poll-vote-data");
const text = data.messages;
const form = document.getElementById("poll-vote-form");
const status = document.getElementById("poll-vote-status");
const errorBox = document.getElementById("poll-vote-errors");
const receiptBox = document.getElementById("poll-receipt");
const download = document.getElementById("poll-receipt-download");
const resend = document.getElementById("poll-resend");

function say(message) {
  status.textContent = message;
}

function fail(message) {
  errorBox.hidden = false;
  errorBox.querySelector("p").textContent = message;
  errorBox.focus();
}

function answersChosen() {
  const answers = [];
  const problems = [];
  data.questions.forEach((question, index) => {
    const chosen = Array.from(form.querySelectorAll(`[name="q${index}"]:checked`), (input) =>
      Number(input.value),
    ).sort((a, b) => a - b);
    if (chosen.length === 0) {
      problems.push(text.unanswered.replace("%(number)s", index + 1));
    } else if (question.kind === "multiple" && chosen.length > question.max_choices) {
      problems.push(
        text.too_many.replace("%(number)s", index + 1).replace("%(k)s", question.max_choices),
      );
    }
    answers.push(chosen);
  });
  return { answers, problems };
}

// Checkboxes of a multiple choice: once k are ticked, the rest are disabled until one is
// unticked, so the limit is felt at once, by keyboard as by mouse.
function limitCheckboxes() {
  data.questions.forEach((question, index) => {
    if (question.kind !== "multiple") return;
    const boxes = Array.from(form.querySelectorAll(`[name="q${index}"]`));
    const update = () => {
      const full = boxes.filter((box) => box.checked).length >= question.max_choices;
      boxes.forEach((box) => {
        box.disabled = full && !box.checked;
      });
    };
    boxes.forEach((box) => box.addEventListener("change", update));
    update();
  });
}

function csrfToken() {
  const input = form.querySelector('[name="csrfmiddlewaretoken"]');
  return input ? input.value : "";
}

async function credential(blindedMsg) {
  const response = await fetch(data.credential_url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
    body: JSON.stringify({ blinded: b64url(blindedMsg) }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error?.message || text.credential_failed);
  return answer;
}

// The live region announces the wait once; the seconds tick in a separate element hidden from
// screen readers, which would otherwise read every second aloud.
function wait(seconds) {
  const countdown = document.getElementById("poll-countdown");
  say(text.waiting.replace("%(seconds)s", seconds));
  return new Promise((resolve) => {
    let left = seconds;
    const tick = () => {
      countdown.textContent = left > 0 ? `${left}` : "";
      if (left <= 0) {
        resolve();
        return;
      }
      left -= 1;
      setTimeout(tick, 1000);
    };
    tick();
  });
}

function randomDelay() {
  const [low, high] = data.delay;
  const spread = Math.max(0, high - low);
  const draw = crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32;
  return low + Math.floor(draw * (spread + 1));
}

function showReceipt(receipt) {
  receiptBox.hidden = false;
  receiptBox.querySelector("[data-leaf-hash]").textContent = receipt.leaf_hash;
  receiptBox.querySelector("[data-server-receipt]").textContent =
    receipt.receipt || text.not_sent_yet;
  receiptDownloadLink(download, receipt);
}

// Send the kept ballot without cookies; the server knows it only by its blind signature.
async function cast(receipt) {
  const response = await fetch(data.ballots_url, {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      token: receipt.token,
      signature: receipt.signature,
      enc: receipt.enc,
      ct: receipt.ct,
    }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error?.message || text.cast_failed);
  const leaf = hexToBytes(receipt.leaf_hash);
  const signed = await ed25519Verify(
    hexToBytes(data.log_public_key),
    hexToBytes(answer.receipt),
    receiptMessage(answer.log_id, leaf),
  );
  if (answer.leaf_hash !== receipt.leaf_hash || !signed) throw new Error(text.bad_receipt);
  const done = { ...receipt, log_id: answer.log_id, receipt: answer.receipt };
  receiptKeep(done);
  showReceipt(done);
  resend.hidden = true;
  say(text.cast);
}

async function prepareBallot(answers) {
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const publicKey = await crypto.subtle.importKey(
    "spki",
    b64urlDecode(data.credential_public_key),
    { name: "RSA-PSS", hash: "SHA-384" },
    true,
    ["verify"],
  );
  const token = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, token);
  say(text.asking_credential);
  const answer = await credential(blindedMsg);
  const signature = await suite.finalize(
    publicKey,
    token,
    b64urlDecode(answer.blind_signature),
    inv,
  );
  if (!(await suite.verify(publicKey, signature, token))) throw new Error(text.bad_credential);

  say(text.sealing);
  const { enc, ct } = await sealLayers(
    data.results_public_keys.map(b64urlDecode),
    choicesPlaintext(answers),
    data.ballot_info,
  );
  const entry = ballotEntry({ pollId: data.poll, token, signature, enc, ct });
  return {
    poll: data.poll,
    token: b64url(token),
    signature: b64url(signature),
    enc: b64url(enc),
    ct: b64url(ct),
    answers,
    leaf_hash: bytesToHex(await leafHash(entry)),
    roll_hash: answer.roll_hash,
  };
}

async function vote(event) {
  event.preventDefault();
  errorBox.hidden = true;
  const { answers, problems } = answersChosen();
  if (problems.length) {
    fail(problems.join(" "));
    return;
  }
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const receipt = await prepareBallot(answers);
    receiptKeep(receipt);
    showReceipt(receipt);
    form.hidden = true;
    await wait(randomDelay());
    say(text.sending);
    await cast(receipt);
    receiptBox.focus();
  } catch (error) {
    button.disabled = false;
    fail(error.message || text.cast_failed);
    const kept = receiptKept(data.poll);
    if (kept && !kept.receipt) resend.hidden = false; // prepared but not sent: offer to send
  }
}

async function sendKept() {
  const kept = receiptKept(data.poll);
  if (!kept) return;
  resend.disabled = true;
  errorBox.hidden = true;
  try {
    say(text.sending);
    await cast(kept);
  } catch (error) {
    fail(error.message || text.cast_failed);
  } finally {
    resend.disabled = false;
  }
}

function start() {
  document.getElementById("poll-vote-js").hidden = false;
  const kept = receiptKept(data.poll);
  if (kept) {
    showReceipt(kept);
    if (!kept.receipt) resend.hidden = false;
  }
  resend.addEventListener("click", sendKept);
  if (form) {
    limitCheckboxes();
    form.addEventListener("submit", vote);
  }
}

start();
