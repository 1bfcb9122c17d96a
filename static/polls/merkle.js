// RFC 9162 (Certificate Transparency 2.0) checks for the browser, with WebCrypto only:
// leaf hashes (§2.1.1), inclusion proof verification (§2.1.3.2) and the signature of a
// Spilno tree head (ledger.models.tree_head_message, Ed25519). The same algorithms as
// site/ledger/merkle.py, so a voter's browser checks what the server says without trusting it.
// Sizes and indices are ordinary numbers: arithmetic, not 32-bit bitwise operators, keeps
// them exact up to 2^53.

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const HASH_SIZE = 32;
const TREE_HEAD_VERSION = 0x01;

export function hexToBytes(hex) {
  if (typeof hex !== "string" || hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) {
    throw new Error("not hexadecimal");
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) {
    bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

export function bytesToHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(...parts) {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
}

// §2.1.1: MTH({d(0)}) = SHA-256(0x00 || d(0)).
export async function leafHash(entry) {
  return sha256(new Uint8Array([LEAF_PREFIX]), new Uint8Array(entry));
}

async function nodeHash(left, right) {
  return sha256(new Uint8Array([NODE_PREFIX]), left, right);
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i] ^ b[i];
  return difference === 0;
}

const isHash = (value) => value instanceof Uint8Array && value.length === HASH_SIZE;
const odd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);

// §2.1.3.2: does `path` prove that `leaf` is leaf `index` of the tree of `size` leaves whose
// hash is `root`? Malformed input is a failed proof, never an exception.
export async function verifyInclusion({ leaf, index, size, path, root }) {
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(path) || !path.every(isHash)) {
    return false;
  }
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size)) return false;
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!odd(fn)) {
        while (fn !== 0 && !odd(fn)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(r, root);
}

function uint64(value) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(value));
  return bytes;
}

// The 49 bytes a tree head's signature covers: 0x01, tree size and timestamp as 8-byte
// big-endian integers, the 32-byte root hash (ledger.models.tree_head_message).
export function treeHeadMessage({ size, timestamp, rootHash }) {
  const message = new Uint8Array(1 + 8 + 8 + HASH_SIZE);
  message[0] = TREE_HEAD_VERSION;
  message.set(uint64(size), 1);
  message.set(uint64(timestamp), 9);
  message.set(rootHash, 17);
  return message;
}

export async function ed25519Verify(publicKeyBytes, signature, message) {
  try {
    const key = await crypto.subtle.importKey("raw", publicKeyBytes, { name: "Ed25519" }, false, [
      "verify",
    ]);
    return await crypto.subtle.verify({ name: "Ed25519" }, key, signature, message);
  } catch {
    return false;
  }
}

// A tree head as the ledger publishes it ({tree_size, timestamp, root_hash, signature}),
// checked against the log's raw Ed25519 public key.
export async function verifyTreeHead(head, publicKeyBytes) {
  try {
    const rootHash = hexToBytes(head.root_hash);
    const signature = hexToBytes(head.signature);
    if (rootHash.length !== HASH_SIZE || signature.length !== 64) return false;
    const message = treeHeadMessage({ size: head.tree_size, timestamp: head.timestamp, rootHash });
    return await ed25519Verify(publicKeyBytes, signature, message);
  } catch {
    return false;
  }
}
