// The key holder's page (site/polls/views/keys.py). Before the poll: create the holder's
// results key pair here, with WebCrypto through @hpke/core, save it as a file that stays with
// them, and put only the public half into the form they post. After closing: read the key
// file and put its private half into the form. The server never receives the private half
// before the poll has closed. The strings shown come translated from #poll-key-data.

import { b64url, b64urlDecode, hpkeSuite, pageData } from "./ballot.js";

const data = pageData("poll-key-data");
const text = data.messages;
const form = document.getElementById("poll-key-form");
const status = document.getElementById("poll-key-status");
const publicField = document.getElementById("id_public_key");
const privateField = document.getElementById("id_private_key");

function say(words) {
  status.textContent = words;
}

function offerFile(link, keyFile) {
  const blob = new Blob([JSON.stringify(keyFile, null, 1)], { type: "application/json" });
  if (link.dataset.objectUrl) URL.revokeObjectURL(link.dataset.objectUrl);
  link.dataset.objectUrl = URL.createObjectURL(blob);
  link.href = link.dataset.objectUrl;
  link.download = data.file_name;
  link.hidden = false;
}

async function createKey(button) {
  button.disabled = true;
  say(text.creating);
  try {
    const suite = hpkeSuite();
    const pair = await suite.kem.generateKeyPair();
    const privateKey = new Uint8Array(await suite.kem.serializePrivateKey(pair.privateKey));
    const publicKey = new Uint8Array(await suite.kem.serializePublicKey(pair.publicKey));
    const keyFile = {
      poll: data.poll,
      position: data.position,
      public_key: b64url(publicKey),
      private_key: b64url(privateKey),
    };
    const link = document.getElementById("poll-key-download");
    offerFile(link, keyFile);
    link.click();
    publicField.value = keyFile.public_key;
    publicField.readOnly = true;
    say(text.created);
    form.querySelector('button[type="submit"]').focus();
  } catch {
    button.disabled = false;
    say(text.failed);
  }
}

async function readKeyFile(input) {
  if (!input.files.length) return;
  try {
    const keyFile = JSON.parse(await input.files[0].text());
    if (keyFile.poll !== data.poll || keyFile.position !== data.position) {
      say(text.other_poll);
      return;
    }
    if (b64urlDecode(keyFile.private_key).length !== 32) throw new Error("not a key");
    privateField.value = keyFile.private_key;
    say(text.read);
  } catch {
    say(text.unreadable);
  }
}

function start() {
  document.getElementById("poll-key-js").hidden = false;
  const button = document.getElementById("poll-key-create");
  if (button && publicField) button.addEventListener("click", () => createKey(button));
  const file = document.getElementById("poll-key-file");
  if (file && privateField) file.addEventListener("change", () => readKeyFile(file));
}

start();
