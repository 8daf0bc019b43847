import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex, sha256HexSync } from "../../../src/fold/sha256";

const nodeSha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("sha256Hex", () => {
  it("gives node:crypto's digest on both sides of the length hashed in JavaScript", async () => {
    // Around the 2,048-byte switch to crypto.subtle and around SHA-256's 55/56/64-byte padding.
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 2047, 2048, 2049, 5000]) {
      const text = "a".repeat(length);
      expect(await sha256Hex(text)).toBe(nodeSha256(text));
      const bytes = new Uint8Array(length).map((_, i) => (i * 131 + 7) & 0xff);
      expect(await sha256Hex(bytes)).toBe(nodeSha256(bytes));
    }
  });

  it("hashes the UTF-8 bytes of text, also past the switch", async () => {
    for (const text of ["café", "港口罢工".repeat(170), "港口罢工".repeat(171), "😀".repeat(600)]) {
      expect(await sha256Hex(text)).toBe(nodeSha256(text));
      expect(sha256HexSync(text)).toBe(nodeSha256(text));
    }
  });

  it("gives the same digest whatever was hashed before (the message buffer is reused)", () => {
    // Longer than the reused buffer, then shorter ones that end inside what the long one wrote.
    for (const text of ["z".repeat(20_000), "abc", "y".repeat(119), "港".repeat(700), ""]) {
      expect(sha256HexSync(text)).toBe(nodeSha256(text));
    }
  });

  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256HexSync("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256HexSync("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });
});
