/**
 * SHA-256 as lower-case hex: the one copy feedfold has. `sha256Hex` goes through crypto.subtle
 * (the same in workerd and Node) for long inputs; `sha256HexSync` is SHA-256 (FIPS 180-4) computed synchronously,
 * because the fold index must re-fingerprint a body inside its synchronous transaction when the
 * source's learned boilerplate removes lines from it, and `crypto.subtle.digest` is async. Both
 * give the same bytes (tests compare them).
 */

/**
 * Inputs up to this many bytes are hashed in JavaScript: below it that costs less than one call of
 * crypto.subtle.digest (a promise, and in Node a hop to the thread pool, about 15 µs), and most
 * hashes are short (story ids, item payloads, normalized bodies of about a kilobyte).
 */
const SYNC_MAX_BYTES = 2048;

/** SHA-256 of UTF-8 text or of bytes, as 64 lower-case hex digits. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  if (typeof data === "string") {
    // A text has at least as many UTF-8 bytes as UTF-16 code units.
    if (data.length > SYNC_MAX_BYTES) {
      data = ENCODER.encode(data);
    } else {
      const message = encodedMessage(data);
      if (message.length <= SYNC_MAX_BYTES) return sha256HexOfMessage(message);
      data = message.buffer.slice(0, message.length);
    }
  } else if (data.length <= SYNC_MAX_BYTES) {
    return sha256HexOfMessage(copiedMessage(data));
  }
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>)));
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
const ENCODER = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const b of bytes) hex += HEX[b]!;
  return hex;
}

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** The message schedule, reused: sha256HexSync runs synchronously, one call at a time. */
const W = new Int32Array(64);

/**
 * The message being hashed, encoded and padded in place: one buffer reused by every synchronous
 * call (they never interleave). A longer message gets a buffer of its own, so a 256 KiB body
 * does not stay in memory.
 */
const scratch = new Uint8Array(16 * 1024);

function scratchFor(bytes: number): Uint8Array {
  // Room for the padding: 0x80, up to 63 zero bytes and the 8-byte length.
  return bytes + 72 <= scratch.length ? scratch : new Uint8Array(bytes + 72);
}

interface Message {
  buffer: Uint8Array;
  length: number;
}

/** The bytes copied into the scratch, for sha256HexOfMessage. */
function copiedMessage(data: Uint8Array): Message {
  const buffer = scratchFor(data.length);
  buffer.set(data);
  return { buffer, length: data.length };
}

/** The UTF-8 bytes of text encoded into the scratch (at most 3 bytes per UTF-16 code unit). */
function encodedMessage(text: string): Message {
  const buffer = scratchFor(text.length * 3);
  return { buffer, length: ENCODER.encodeInto(text, buffer).written };
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of text. */
export function sha256HexSync(text: string): string {
  return sha256HexOfMessage(encodedMessage(text));
}

// One call per fingerprint, story id and content hash: the rounds work on local variables and
// read the message bytes directly, without a DataView or an array per block.
function sha256HexOfMessage({ buffer: padded, length }: Message): string {
  const blocks = Math.ceil((length + 9) / 64);
  padded.fill(0, length, blocks * 64);
  padded[length] = 0x80;
  const bitLength = length * 8;
  const high = Math.floor(bitLength / 0x100000000);
  const low = bitLength >>> 0;
  const end = blocks * 64;
  padded[end - 8] = high >>> 24;
  padded[end - 7] = (high >>> 16) & 0xff;
  padded[end - 6] = (high >>> 8) & 0xff;
  padded[end - 5] = high & 0xff;
  padded[end - 4] = low >>> 24;
  padded[end - 3] = (low >>> 16) & 0xff;
  padded[end - 2] = (low >>> 8) & 0xff;
  padded[end - 1] = low & 0xff;

  // Signed 32-bit from the start, so the engine never holds them as doubles.
  let h0 = 0x6a09e667 | 0;
  let h1 = 0xbb67ae85 | 0;
  let h2 = 0x3c6ef372 | 0;
  let h3 = 0xa54ff53a | 0;
  let h4 = 0x510e527f | 0;
  let h5 = 0x9b05688c | 0;
  let h6 = 0x1f83d9ab | 0;
  let h7 = 0x5be0cd19 | 0;
  const w = W;
  for (let offset = 0; offset < end; offset += 64) {
    for (let t = 0; t < 16; t++) {
      const p = offset + t * 4;
      w[t] = (padded[p]! << 24) | (padded[p + 1]! << 16) | (padded[p + 2]! << 8) | padded[p + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let f = h5;
    let g = h6;
    let h = h7;
    for (let t = 0; t < 64; t++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + s1 + ch + K[t]! + w[t]!) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + s0 + maj) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  let hex = "";
  for (const word of [h0, h1, h2, h3, h4, h5, h6, h7]) {
    hex += HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  return hex;
}
