import { describe, expect, it } from "vitest";
import { decodeSyncCursor, encodeSyncCursor } from "../../../src/view/sync-cursor";

describe("sync cursors", () => {
  it("round-trips change positions as URL-safe text", () => {
    for (const position of [0, 1, 9, 10, 62, 63, 999, 123_456_789, 2 ** 48]) {
      const text = encodeSyncCursor(position);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeSyncCursor(text)).toBe(position);
    }
  });

  it.each([
    "",
    "42",
    "-1",
    "MDA", // "00": not a cursor we made
    "MQ==", // padded form of 1
    "bmFu", // "nan"
    "x".repeat(25),
    "a b",
  ])("refuses %j", (text) => {
    expect(decodeSyncCursor(text)).toBeUndefined();
  });
});
